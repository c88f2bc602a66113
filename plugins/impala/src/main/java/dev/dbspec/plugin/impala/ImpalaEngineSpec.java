package dev.dbspec.plugin.impala;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.HiveFamilySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Apache Impala through Cloudera's JDBC connector (proprietary, downloaded from Cloudera, not bundled): all 21
 * grains from {@code TRUNC} on zone-less timestamps. Superset's {@code TRUNC(col, 'WW')} anchors weeks on the
 * weekday of 1 January; here weeks use unit {@code 'D'}, the Monday on or before the day.
 */
@Extension
public final class ImpalaEngineSpec extends HiveFamilySpec {
    /**
     * The family's Simba options and the connector's own (Cloudera JDBC Connector for Apache Impala 2.6, "Driver
     * Configuration Options"). AuthMech: 0 none, 2 user name, 3 user name and password; 1 (Kerberos, with the
     * host's own credentials) is not allowed.
     */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .addAll(SIMBA_OPTIONS)
            .allow("AuthMech", OptionRule.oneOf("0", "2", "3"))
            .allow(OptionRule.oneOf("0", "1"), "SupportTimeOnlyTimestamp", "PreparedMetaLimitZero", "StripCatalogName")
            .refuse("signs in with Kerberos using the server host's own credentials instead of credentials given with the database",
                    "KrbAuthType", "KrbRealm", "KrbHostFQDN", "KrbServiceName")
            .refuse("runs queries as another user (impersonation), which the database account must not delegate to this host's"
                    + " users", "DelegationUID")
            .build();

    private static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, "seconds_add(TRUNC({col}, 'MI'), second({col}))"),
            entry(TimeGrain.FIVE_SECONDS, stepped("seconds_add", "MI", "second", 5)),
            entry(TimeGrain.THIRTY_SECONDS, stepped("seconds_add", "MI", "second", 30)),
            entry(TimeGrain.MINUTE, "TRUNC({col}, 'MI')"),
            entry(TimeGrain.FIVE_MINUTES, stepped("minutes_add", "HH", "minute", 5)),
            entry(TimeGrain.TEN_MINUTES, stepped("minutes_add", "HH", "minute", 10)),
            entry(TimeGrain.FIFTEEN_MINUTES, stepped("minutes_add", "HH", "minute", 15)),
            entry(TimeGrain.THIRTY_MINUTES, stepped("minutes_add", "HH", "minute", 30)),
            entry(TimeGrain.HALF_HOUR, stepped("minutes_add", "HH", "minute", 30)),
            entry(TimeGrain.HOUR, "TRUNC({col}, 'HH')"),
            entry(TimeGrain.SIX_HOURS, stepped("hours_add", "DD", "hour", 6)),
            entry(TimeGrain.DAY, "TRUNC({col}, 'DD')"),
            entry(TimeGrain.WEEK, "TRUNC({col}, 'D')"),
            entry(TimeGrain.WEEK_STARTING_MONDAY, "TRUNC({col}, 'D')"),
            // Shift by a day so Sunday falls into the next Monday-based week, then shift the result back or forward.
            entry(TimeGrain.WEEK_STARTING_SUNDAY, "days_sub(TRUNC(days_add({col}, 1), 'D'), 1)"),
            entry(TimeGrain.WEEK_ENDING_SATURDAY, "days_add(TRUNC(days_add({col}, 1), 'D'), 5)"),
            entry(TimeGrain.WEEK_ENDING_SUNDAY, "days_add(TRUNC({col}, 'D'), 6)"),
            entry(TimeGrain.MONTH, "TRUNC({col}, 'MM')"),
            entry(TimeGrain.QUARTER, "TRUNC({col}, 'Q')"),
            entry(TimeGrain.QUARTER_YEAR, "TRUNC({col}, 'Q')"),
            entry(TimeGrain.YEAR, "TRUNC({col}, 'YYYY')"));

    /** Truncates to {@code unit}, then adds back whole steps of {@code field} inside it. */
    private static String stepped(String add, String unit, String field, int step) {
        return add + "(TRUNC({col}, '" + unit + "'), " + field + "({col}) - " + field + "({col}) % " + step + ")";
    }

    @Override
    public String id() {
        return "impala";
    }

    @Override
    public String displayName() {
        return "Apache Impala";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:impala:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:impala://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(21050);
    }

    @Override
    public String driverClassName() {
        return "com.cloudera.impala.jdbc.Driver";
    }

    /** Not on Maven Central; the coordinates name Cloudera's JDBC 4.2 connector jar. */
    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.cloudera.impala:ImpalaJDBC42:2.6.35", "proprietary (Cloudera licence)", false));
    }

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    /**
     * The family's casts, with the ISO 'T' between date and time in TIMESTAMP literals as Superset writes them
     * for Impala, whose string-to-TIMESTAMP cast accepts a space or a 'T' there (Hive and Spark keep the space).
     */
    @Override
    public DatetimeLiterals datetimeLiterals() {
        return super.datetimeLiterals().toBuilder()
                .add(TemporalType.TIMESTAMP, "CAST('{value}' AS TIMESTAMP)", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
                .build();
    }

    /** Explicitly UTC, whatever {@code use_local_tz_for_unix_timestamp_conversions} says. */
    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("unix_micros_to_utc_timestamp({col} * 1000000)");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("unix_micros_to_utc_timestamp({col} * 1000)");
    }

    /** Impala orders by aggregates it does not select; schemas are switched with USE, not per query. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CANCEL);
        return capabilities;
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(128);
    }
}
