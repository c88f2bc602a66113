package dev.dbspec.plugin.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClickHouseSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new ClickHouseEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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

    @Test
    void refusesASocketFactoryClass() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:clickhouse://db:8123/default?custom_socket_factory=evil.Factory"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("custom_socket_factory");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "ch.example.com").replace("{port}", "8123").replace("{database}", "default"));
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        properties.setProperty("password", "s3cret");
        properties.setProperty("access_token", "tok");
        spec.vetConnection("jdbc:clickhouse://ch.example.com:8443/analytics?ssl=true&sslmode=strict&compress=true&socket_timeout=300000&connect_timeout=10000&client_name=dbspec&max_execution_time=300", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("access_token")).as("access_token").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("custom_socket_factory", "instantiate"),
                Map.entry("custom_socket_factory_options", "passes URL values"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:clickhouse://db:8123/default?" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:clickhouse://db:8123/default", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:clickhouse://db:8123/default?http_header_Authorization=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:clickhouse://db:8123/default?ssl=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:clickhouse://db:8123/default?ssl=true&sslmode=NONE")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("certificate checks");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:clickhouse://db:8123/default?max_open_connections=0")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("1 to 1000");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:clickhouse://db:8123/default?custom\\_socket_factory=evil.F",
                "jdbc:clickhouse://db:8123/default?custom%5Fsocket_factory=evil.F",
                "jdbc:clickhouse://db:8123/default?ssl=true&SSL=false",
                "jdbc:clickhouse://(host=db,custom_socket_factory=evil.F)/default",
                "jdbc:clickhouse://db:8123/default;custom_socket_factory=evil.F",
                "jdbc:clickhouse://db:8123/default?ssl=true;custom_socket_factory=evil.F",
                "jdbc:clickhouse://db:8123/default?ı=1",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
