package dev.dbspec.plugin.presto;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PrestoFamilySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.pf4j.Extension;

/**
 * Presto (prestodb) through presto-jdbc (not bundled): all 21 grains over {@code CAST(col AS TIMESTAMP)},
 * exact because Presto timestamps have millisecond precision. With the default {@code legacy_timestamp}
 * semantics a TIMESTAMP is read in the session time zone, so wall-clock values that zone skips cannot be stored.
 */
@Extension
public final class PrestoEngineSpec extends PrestoFamilySpec {
    /**
     * presto-jdbc 0.296's options ({@code PrestoDriver.getPropertyInfo}): the family's, plus the time zone and
     * the next-URI check; its query interceptors are classes the driver instantiates.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .addAll(CLIENT_OPTIONS)
            .allow("timeZoneId", OptionRule.text(64))
            .allow("validateNextUriSource", OptionRule.bool())
            .refuse("makes the driver instantiate query interceptor classes named in the URL", "queryInterceptors")
            .build();

    @Override
    public String id() {
        return "presto";
    }

    @Override
    public String displayName() {
        return "Presto";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:presto:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:presto://{host}:{port}/{catalog}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(8080);
    }

    @Override
    public String driverClassName() {
        return "com.facebook.presto.jdbc.PrestoDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.facebook.presto:presto-jdbc:0.296", "Apache-2.0", false));
    }

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return CAST_GRAINS;
    }

    /** Milliseconds: Presto's TIMESTAMP and TIME precision. */
    @Override
    public DatetimeLiterals datetimeLiterals() {
        return literals(3);
    }

    /**
     * A zoned value pinned to UTC: casting it to TIMESTAMP would, under legacy timestamp semantics, move it
     * to the session time zone.
     */
    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("from_unixtime({col}, 'UTC')");
    }

    /** Partitions and the latest one of Hive-connector tables ({@code $partitions}); claimed from the docs, not checked live here. */
    @Override
    public java.util.Set<dev.dbspec.api.Capability> capabilities() {
        java.util.Set<dev.dbspec.api.Capability> capabilities = java.util.EnumSet.copyOf(super.capabilities());
        capabilities.add(dev.dbspec.api.Capability.EXTRA_TABLE_METADATA);
        capabilities.add(dev.dbspec.api.Capability.LATEST_PARTITION);
        capabilities.add(dev.dbspec.api.Capability.EXPAND_DATA); // spec-only: NestedTypes.presto, NestedValues (unit tests)
        return capabilities;
    }
}
