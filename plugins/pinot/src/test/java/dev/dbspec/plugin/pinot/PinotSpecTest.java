package dev.dbspec.plugin.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PinotSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new PinotEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void calendarGrainsOnly() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY,
                TimeGrain.WEEK, TimeGrain.WEEK_STARTING_MONDAY, TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.QUARTER_YEAR,
                TimeGrain.YEAR);
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("CAST(DATETRUNC('WEEK', ts) AS TIMESTAMP)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("CAST(DATETRUNC('QUARTER', ts) AS TIMESTAMP)");
    }

    @Test
    void onlyTimestampLiterals() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02 03:04:05.678' AS TIMESTAMP)");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST({col} * 1000 AS TIMESTAMP)");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }

    @Test
    void supersetFlags() {
        assertThat(spec.has(Capability.JOINS)).isFalse();
        assertThat(spec.has(Capability.SUBQUERIES)).isFalse();
        assertThat(spec.has(Capability.ALIAS_IN_SELECT)).isFalse();
        assertThat(spec.has(Capability.ALIAS_IN_ORDER_BY)).isFalse();
        assertThat(spec.has(Capability.SQL_COMMENTS)).isTrue();
    }

    private static final String BASE = "jdbc:pinot://pinot-controller.example.com:9000";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "pinot-controller.example.com").replace("{port}", "9000"));
        spec.checkUrl("jdbc:pinot://pinot-controller.example.com:9000?brokers=broker1.example.com:8099,broker2.example.com:8099&tenant=DefaultTenant&scheme=https&useMultistageEngine=true");
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", "pw");
        properties.setProperty("headers.Authorization", "Bearer x");
        spec.vetConnection(BASE, properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("headers.authorization")).isTrue();
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("pinot.jdbc.tls.keystore.path", "default TLS socket factory"),
                Map.entry("pinot.jdbc.tls.truststore.path", "default TLS socket factory"),
                Map.entry("pinot.jdbc.tls.insecure", "switches off verification"));
        reasons.forEach((name, reason) -> {
            for (String spelled : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl(BASE + "?" + spelled + "=1"))
                        .isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(spelled))
                        .hasMessageContaining(reason);
            }
            Properties properties = new Properties();
            properties.setProperty(name, "1");
            assertThatThrownBy(() -> spec.vetConnection(BASE, properties, Optional.empty())).hasMessageContaining(reason);
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl(BASE + "?headers.X-Forwarded-For=1.2.3.4")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:pinot://pinot-controller.example.com:9000?scheme=ftp")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:pinot://pinot-controller.example.com:9000?brokers=b1")).hasMessageContaining("host:port pairs");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:pinot://pinot-controller.example.com:9000?head\\ers.Authorization=x", // escape
                "jdbc:pinot://pinot-controller.example.com:9000?headers%2EAuthorization=x", // percent-encoded name
                "jdbc:pinot://pinot-controller.example.com:9000?tenant=a&TENANT=b", // duplicate
                "jdbc:pinot://(host=p,pinot.jdbc.tls.insecure=true):9000", // host block
                "jdbc:pinot://pinot-controller.example.com:9000;pinot.jdbc.tls.insecure=true", // the other syntax
                "jdbc:pinot://pinot-controller.example.com:9000?tenant=a;pinot.jdbc.tls.insecure=true", // a semicolon (URLEncodedUtils splits on it)
                "jdbc:pinot://pinot-controller.example.com:9000?\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
