package dev.dbspec.plugin.motherduck;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.OptionRule;
import dev.dbspec.plugin.family.DuckdbFamilySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    @Override
    public String id() {
        return "motherduck";
    }

    @Override
    public String displayName() {
        return "MotherDuck";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:duckdb:md:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:duckdb:md:{database}";
    }


    @Override
    public String driverClassName() {
        return "org.duckdb.DuckDBDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.duckdb:duckdb_jdbc:1.4.4.0", "MIT", false));
    }

    /** Databases (catalogs) are attached side by side and chosen per query. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(super.capabilities());
        capabilities.add(Capability.CATALOGS);
        capabilities.add(Capability.DYNAMIC_CATALOG);
        return capabilities;
    }

    /** DuckDB's list plus MotherDuck's token (a secret, given as a property rather than in the URL) and modes. */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .addAll(DUCKDB_OPTIONS)
            .secret("motherduck_token")
            .allow(OptionRule.bool(), "saas_mode")
            .allow("attach_mode", OptionRule.oneOf("workspace", "single"))
            .build();

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }
}
