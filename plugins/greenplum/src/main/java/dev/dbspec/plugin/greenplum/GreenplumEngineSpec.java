package dev.dbspec.plugin.greenplum;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * Greenplum through pgjdbc (not bundled), under its own {@code jdbc:greenplum:} prefix: everything from
 * {@link PostgresFamilySpec} (all 21 grains; Greenplum's DATE_TRUNC and interval arithmetic are PostgreSQL's).
 */
@Extension
public final class GreenplumEngineSpec extends PgWireFamilySpec {
    public GreenplumEngineSpec() {
        super(facts("greenplum", "Greenplum", "jdbc:greenplum:")
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA, Capability.CANCEL)
                .maxColumnNameLength(63)
                .build());
    }
}
