package dev.dbspec.plugin.cockroachdb;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * CockroachDB through pgjdbc (not bundled), under its own {@code jdbc:cockroachdb:} prefix: all 21 grains from
 * {@link PostgresFamilySpec} (CockroachDB's date_trunc has ISO weeks and quarters, EXTRACT returns a float that
 * intervals multiply by); pgwire cancel requests stop statements (v22.1+).
 */
@Extension
public final class CockroachdbEngineSpec extends PgWireFamilySpec {
    public CockroachdbEngineSpec() {
        super(facts("cockroachdb", "CockroachDB", "jdbc:cockroachdb:")
                .port(26257)
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA, Capability.CANCEL)
                .build());
    }
}
