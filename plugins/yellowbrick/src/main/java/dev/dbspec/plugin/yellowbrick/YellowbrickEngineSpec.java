package dev.dbspec.plugin.yellowbrick;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * Yellowbrick Data Warehouse through pgjdbc (not bundled; Yellowbrick's docs name the PostgreSQL JDBC driver), under
 * its own {@code jdbc:yellowbrick:} prefix; port 5432. Grains from {@link PostgresFamilySpec}: Yellowbrick's SQL is
 * PostgreSQL's, with {@code DATE_TRUNC} for second to year (ISO weeks) and interval arithmetic on timestamps
 * (docs.yellowbrick.com, SQL reference, "DATE_TRUNC" and "Datetime operators").
 *
 * <p>Databases and schemas are PostgreSQL's; cancellation through pgjdbc's cancel request is not claimed, since no
 * check here has shown Yellowbrick's worker queries stop on it.
 */
@Extension
public final class YellowbrickEngineSpec extends PgWireFamilySpec {
    public YellowbrickEngineSpec() {
        super(facts("yellowbrick", "Yellowbrick", "jdbc:yellowbrick:")
                .aliases("ybd")
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA)
                .build());
    }
}
