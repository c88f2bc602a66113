package dev.dbspec.plugin.impala;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.HiveFamilySpec;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    /** {@code TRUNC}'s format per unit: {@code 'D'} is the Monday week. */
    private static final Map<TimeGrain, String> CODES = Map.of(TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH", TimeGrain.DAY, "DD",
            TimeGrain.WEEK, "D", TimeGrain.MONTH, "MM", TimeGrain.QUARTER, "Q", TimeGrain.YEAR, "YYYY");

    /** Steps truncate to the enclosing unit, then add back whole steps of the field; shifting by a day moves Sundays into the next week. */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "TRUNC(" + value + ", '" + CODES.get(unit) + "')", TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY,
                    TimeGrain.WEEK, TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .grain(TimeGrain.SECOND, "seconds_add(TRUNC({col}, 'MI'), second({col}))")
            .stepped((within, field, step, value) -> {
                String name = field.name().toLowerCase(Locale.ROOT);
                return name + "s_add(TRUNC(" + value + ", '" + CODES.get(within) + "'), " + name + "(" + value + ") - " + name + "(" + value + ") % " + step + ")";
            })
            .shiftedWeeks((value, days) -> days < 0 ? "days_sub(" + value + ", " + -days + ")" : "days_add(" + value + ", " + days + ")")
            .build();

    public ImpalaEngineSpec() {
        super(facts(ImpalaEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                // The family's casts, with the ISO 'T' between date and time in TIMESTAMP literals as Superset writes them for
                // Impala, whose string-to-TIMESTAMP cast accepts a space or a 'T' there (Hive and Spark keep the space).
                .literals(LITERALS.toBuilder()
                            .add(TemporalType.TIMESTAMP, "CAST('{value}' AS TIMESTAMP)", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
                            .build())
                // Explicitly UTC, whatever {@code use_local_tz_for_unix_timestamp_conversions} says.
                .epochSeconds("unix_micros_to_utc_timestamp({col} * 1000000)")
                .epochMillis(Optional.of("unix_micros_to_utc_timestamp({col} * 1000)"))
                // Impala orders by aggregates it does not select; schemas are switched with USE, not per query.
                .capabilities(Capability.defaults())
                .capabilities(Capability.CANCEL)
                .maxColumnNameLength(128)
                .build());
    }
}
