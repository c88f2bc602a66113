package dev.dbspec.plugin.greenplum;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Greenplum through pgjdbc (not bundled), under its own {@code jdbc:greenplum:} prefix: everything from
 * {@link PostgresFamilySpec} (all 21 grains; Greenplum's DATE_TRUNC and interval arithmetic are PostgreSQL's).
 */
@Extension
public final class GreenplumEngineSpec extends PgWireFamilySpec {
    @Override
    protected String ownPrefix() {
        return "jdbc:greenplum:";
    }

    @Override
    public String id() {
        return "greenplum";
    }

    @Override
    public String displayName() {
        return "Greenplum";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(5432);
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CATALOGS);
        capabilities.add(Capability.DYNAMIC_SCHEMA);
        capabilities.add(Capability.CANCEL);
        return capabilities;
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(63);
    }
}
