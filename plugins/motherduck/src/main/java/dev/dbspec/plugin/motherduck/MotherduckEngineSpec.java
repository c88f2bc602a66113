package dev.dbspec.plugin.motherduck;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.OptionRule;
import dev.dbspec.plugin.family.DuckdbFamilySpec;
import org.pf4j.Extension;

/**
 * MotherDuck, DuckDB's cloud service, through duckdb_jdbc (not bundled) with DuckDB's own
 * {@code jdbc:duckdb:md:} URLs, a longer prefix than DuckDB's so those URLs resolve here. It runs in the
 * host's JVM like DuckDB and gets the same file sandbox on a server with confined files, which also shuts
 * out the network and extensions MotherDuck needs: such a server serves MotherDuck only with
 * {@code files.allow-any-path=true}.
 */
@Extension
public final class MotherduckEngineSpec extends DuckdbFamilySpec {

    /** DuckDB's list plus MotherDuck's token (a secret, given as a property rather than in the URL) and modes. */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .addAll(DUCKDB_OPTIONS)
            .secret("motherduck_token")
            .allow(OptionRule.bool(), "saas_mode")
            .allow("attach_mode", OptionRule.oneOf("workspace", "single"))
            .build();

    public MotherduckEngineSpec() {
        super(facts(MotherduckEngineSpec.class)
                .options(OPTIONS)
                // Databases (catalogs) are attached side by side and chosen per query.
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_CATALOG)
                .build());
    }
}
