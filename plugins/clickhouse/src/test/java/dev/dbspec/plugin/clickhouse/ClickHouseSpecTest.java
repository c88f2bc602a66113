package dev.dbspec.plugin.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClickHouseSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new ClickHouseEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("custom_socket_factory", "custom_socket_factory_options");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=maybe", "false, true",
                "sslmode=NONE", "certificate checks",
                "max_open_connections=0", "1 to 1000");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:clickhouse://ch.example.com:8443/analytics?ssl=true&sslmode=strict&compress=true&socket_timeout=300000&connect_timeout=10000&client_name=dbspec&max_execution_time=300");
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("toDateTime(toMonday(toDateTime(ts)))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts")).isEqualTo("toDateTime(toStartOfWeek(toDateTime(ts), 0))");
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts"))
                .isEqualTo("addMinutes(toStartOfHour(toDateTime(ts)), intDiv(toMinute(toDateTime(ts)), 15) * 15)");
    }

    @Test
    void literalsEpochsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("toDate('2019-01-02')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("toDateTime64('2019-01-02 03:04:05.678000', 6)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("parseDateTime64BestEffort('2019-01-02T03:04:05.678000+02:00', 6)");
        assertThat(spec.epochSecondsToDatetime()).hasValue("toDateTime64({col}, 0, 'UTC')");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:clickhouse:", "jdbc:ch:");
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
