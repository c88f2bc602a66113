package dev.dbspec.plugin.redshift;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Amazon Redshift through redshift-jdbc42 (not bundled): all 21 PostgreSQL grains (Redshift's DATE_TRUNC has
 * ISO weeks and quarters, intervals multiply by numbers), 127-character names, cast literals for TIME and TIMESTAMPTZ.
 */
@Extension
public final class RedshiftEngineSpec extends PostgresFamilySpec {
    @Override
    public String id() {
        return "redshift";
    }

    @Override
    public String displayName() {
        return "Amazon Redshift";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:redshift:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:redshift://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(5439);
    }

    @Override
    public String driverClassName() {
        return "com.amazon.redshift.jdbc42.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.amazon.redshift:redshift-jdbc42:2.3.0", "Apache-2.0", false));
    }

    /** Typed literals for DATE and TIMESTAMP; Redshift's TIME and TIMESTAMPTZ are written as casts. */
    @Override
    public DatetimeLiterals datetimeLiterals() {
        return DatetimeLiterals.ansi().toBuilder()
                .add(TemporalType.TIME, "CAST('{value}' AS TIME)", "HH:mm:ss.SSSSSS")
                .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS TIMESTAMPTZ)", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
                .build();
    }

    @Override
    public Map<String, String> forbiddenUrlOptions() {
        String instantiates = "makes the driver instantiate a class named in the URL";
        return Map.of(
                "sslfactory", instantiates,
                "plugin_name", instantiates,
                "logpath", "writes driver log files to a local directory",
                "inifile", "reads connection settings from a local file");
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CANCEL);
        return capabilities;
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(127);
    }
}
