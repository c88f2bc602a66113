package dev.dbspec.plugin.cockroachdb;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * CockroachDB through pgjdbc (not bundled), under its own {@code jdbc:cockroachdb:} prefix: all 21 grains from
 * {@link PostgresFamilySpec} (CockroachDB's date_trunc has ISO weeks and quarters, EXTRACT returns a float that
 * intervals multiply by); pgwire cancel requests stop statements (v22.1+).
 */
@Extension
public final class CockroachdbEngineSpec extends PgWireFamilySpec {
    @Override
    protected String ownPrefix() {
        return "jdbc:cockroachdb:";
    }

    @Override
    public String id() {
        return "cockroachdb";
    }

    @Override
    public String displayName() {
        return "CockroachDB";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(26257);
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CATALOGS);
        capabilities.add(Capability.DYNAMIC_SCHEMA);
        capabilities.add(Capability.CANCEL);
        return capabilities;
    }
}
