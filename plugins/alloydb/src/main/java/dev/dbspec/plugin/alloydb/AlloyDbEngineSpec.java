package dev.dbspec.plugin.alloydb;

import dev.dbspec.plugin.family.PgWireFamilySpec;
import org.pf4j.Extension;

/**
 * Google Cloud AlloyDB for PostgreSQL through pgjdbc (not bundled), under its own {@code jdbc:alloydb:} prefix: the
 * PostgreSQL family's facts as they are (all 21 grains from {@code DATE_TRUNC} and interval arithmetic, typed
 * literals, {@code TIMESTAMP 'epoch'} epochs, pgjdbc's option allow-list). AlloyDB runs PostgreSQL's own engine
 * (versions 14 to 17) and documents pgjdbc as its JDBC client (cloud.google.com/alloydb/docs/overview,
 * "PostgreSQL compatibility"; "Connect using a JDBC client"). Cancellation and session-role impersonation are not
 * claimed: they are PostgreSQL's, but no check here has run them on AlloyDB.
 */
@Extension
public final class AlloyDbEngineSpec extends PgWireFamilySpec {
    public AlloyDbEngineSpec() {
        super(facts("alloydb", "AlloyDB for PostgreSQL", "jdbc:alloydb:")
                .build());
    }
}
