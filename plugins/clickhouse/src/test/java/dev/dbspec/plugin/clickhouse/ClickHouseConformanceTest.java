package dev.dbspec.plugin.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecConformance;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClickHouseConformanceTest extends EngineSpecConformance {
    private final EngineSpec spec = new ClickHouseEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("path", "protocol", "check_for_redirects", "session_id", "profile", "replace_running_query", "maxTotal",
                "max_query_size");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=maybe", "false, true",
                "sslmode=NONE", "certificate checks",
                "max_threads=0", "1 to 1024");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:clickhouse://ch.example.com:8443/analytics?ssl=true&sslmode=strict&compress=true&socket_timeout=300000&connection_timeout=10000&client_name=dbspec&max_execution_time=300");
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("toDateTime(toMonday(toDateTime(ts)))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("toDateTime(subtractDays(toMonday(addDays(toDate(toDateTime(ts)), 1)), 1))");
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts"))
                .isEqualTo("addMinutes(toStartOfHour(toDateTime(ts)), intDiv(toMinute(toDateTime(ts)), 15) * 15)");
    }

    @Test
    void literalsEpochsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("toDate('2019-01-02')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("toDateTime('2019-01-02 03:04:05')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("parseDateTimeBestEffort('2019-01-02T03:04:05+02:00')");
        assertThat(spec.epochSecondsToDatetime()).isEmpty();
        assertThat(spec.storesTimestamp(java.time.LocalDateTime.of(1969, 12, 31, 23, 59, 59))).isFalse();
        assertThat(spec.storesTimestamp(java.time.LocalDateTime.of(1970, 1, 1, 0, 0))).isFalse(); // the zero DateTime reads as null
        assertThat(spec.storesTimestamp(java.time.LocalDateTime.of(2024, 2, 29, 13, 45, 30))).isTrue();
        assertThat(spec.scratchTableSql("t", "k INTEGER NOT NULL, v INTEGER")).isEqualTo("CREATE TABLE t (k INTEGER, v INTEGER) ENGINE = Memory");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:clickhouse:", "jdbc:ch:");
    }

    /** What 18.16 does and the kit proves live; what it cannot stays unclaimed. */
    @Test
    void claims() {
        assertThat(spec.cancelMethod()).isEqualTo(dev.dbspec.api.CancelMethod.JDBC_CANCEL);
        assertThat(spec.longRunningQuery()).hasValueSatisfying(sql -> assertThat(sql).contains("max_execution_time"));
        assertThat(spec.capabilities()).contains(dev.dbspec.api.Capability.EXTRA_TABLE_METADATA, dev.dbspec.api.Capability.LATEST_PARTITION,
                dev.dbspec.api.Capability.EXPAND_DATA, dev.dbspec.api.Capability.CANCEL);
        assertThat(spec.capabilities()).doesNotContain(dev.dbspec.api.Capability.FILE_UPLOAD, dev.dbspec.api.Capability.SQL_VALIDATION,
                dev.dbspec.api.Capability.COST_ESTIMATION, dev.dbspec.api.Capability.CATALOGS, dev.dbspec.api.Capability.USER_IMPERSONATION);
    }

    @Test
    void typesAndErrors() {
        assertThat(spec.genericType("Nullable(String)")).isEqualTo(GenericType.STRING);
        assertThat(spec.genericType("UInt64")).isEqualTo(GenericType.INTEGER);
        assertThat(spec.genericType("DateTime64(3, 'UTC')")).isEqualTo(GenericType.TIMESTAMP);
        assertThat(spec.genericType("Decimal(10, 2)")).isEqualTo(GenericType.DECIMAL);
        assertThat(spec.classifyError(new SQLException("Code: 60. DB::Exception: Table default.x does not exist. (UNKNOWN_TABLE)")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("Code: 602. DB::Exception: something else"))).isEqualTo(ErrorCategory.OTHER);
    }
}
