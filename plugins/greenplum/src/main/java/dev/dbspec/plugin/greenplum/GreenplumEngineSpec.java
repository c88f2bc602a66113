package dev.dbspec.plugin.greenplum;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Greenplum through pgjdbc (not bundled), under its own {@code jdbc:greenplum:} prefix: everything from
 * {@link PostgresFamilySpec} (all 21 grains; Greenplum's DATE_TRUNC and interval arithmetic are PostgreSQL's).
 */
@Extension
public final class GreenplumEngineSpec extends PostgresFamilySpec {
    private static final String PREFIX = "jdbc:greenplum:";

    @Override
    public String id() {
        return "greenplum";
    }

    @Override
    public String displayName() {
        return "Greenplum";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of(PREFIX);
    }

    @Override
    public String urlTemplate() {
        return PREFIX + "//{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(5432);
    }

    /** The engine speaks PostgreSQL's protocol: its own prefix, pgjdbc's URL. */
    @Override
    public String driverUrl(String jdbcUrl) {
        return jdbcUrl.startsWith(PREFIX) ? "jdbc:postgresql:" + jdbcUrl.substring(PREFIX.length()) : jdbcUrl;
    }

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.postgresql:postgresql:42.7.8", "BSD-2-Clause", false));
    }

    /** pgjdbc's options that instantiate classes or write files (as in the postgresql plugin). */
    @Override
    public Map<String, String> forbiddenUrlOptions() {
        return PGJDBC_FORBIDDEN_URL_OPTIONS;
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
