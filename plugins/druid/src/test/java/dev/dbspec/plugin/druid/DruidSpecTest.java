package dev.dbspec.plugin.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class DruidSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new DruidEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void grainsAreIsoPeriods() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.HALF_HOUR, "__time")).isEqualTo("TIME_FLOOR(CAST(__time AS TIMESTAMP), 'PT30M')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "__time"))
                .isEqualTo("TIME_SHIFT(TIME_FLOOR(TIME_SHIFT(CAST(__time AS TIMESTAMP), 'P1D', 1), 'P1W'), 'P1D', -1)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "__time"))
                .isEqualTo("TIME_SHIFT(TIME_FLOOR(CAST(__time AS TIMESTAMP), 'P1W'), 'P1D', 6)");
    }

    @Test
    void literalsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST(TIME_PARSE('2019-01-02') AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("MILLIS_TO_TIMESTAMP({col} * 1000)");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }

    @Test
    void druidUrlsMapToAvatica() {
        assertThat(spec.driverUrl("jdbc:druid://broker:8888"))
                .isEqualTo("jdbc:avatica:remote:url=http://broker:8888/druid/v2/sql/avatica/");
        assertThat(spec.driverUrl("jdbc:druid:https://router.example.com:9088;user=bi;password=x"))
                .isEqualTo("jdbc:avatica:remote:url=https://router.example.com:9088/druid/v2/sql/avatica/;user=bi;password=x");
        assertThat(spec.driverUrl("jdbc:druid://broker:8082/druid/v2/sql/avatica-protobuf/;serialization=protobuf"))
                .isEqualTo("jdbc:avatica:remote:url=http://broker:8082/druid/v2/sql/avatica-protobuf/;serialization=protobuf");
        assertThat(spec.urlPrefixes()).noneMatch(p -> p.startsWith("jdbc:avatica"));
    }

    @Test
    void refusesAnHttpClientClass() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:druid://broker:8888;httpclient_impl=evil.Client"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("httpclient_impl");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "broker.example.com").replace("{port}", "8888"));
        Properties properties = new Properties();
        properties.setProperty("avatica_user", "bi");
        properties.setProperty("avatica_password", "s3cret");
        spec.vetConnection("jdbc:druid:https://router.example.com:9088;serialization=json;authentication=BASIC;timeZone=UTC;hostname_verification=STRICT;transparent_reconnection=true", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("avatica_password")).as("avatica_password").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("factory", "instantiate"),
                Map.entry("httpclient_factory", "instantiate"),
                Map.entry("httpclient_impl", "instantiate"),
                Map.entry("truststore", "key material"),
                Map.entry("keystore", "key material"),
                Map.entry("keytab", "key material"),
                Map.entry("principal", "this host's own tickets"),
                Map.entry("url", "replaces the Druid location"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:druid://broker:8888;serialization=json;" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:druid://broker:8888", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:druid://broker:8888;serialization=json;truststore_password=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:druid://broker:8888;authentication=SPNEGO")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("this host's own tickets");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:druid://broker:8888;hostname_verification=NONE")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("host name verification");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:druid://broker:8888;transparent_reconnection=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:druid://broker:8888;http\\client_impl=evil.C",
                "jdbc:druid://broker:8888;httpclient%5Fimpl=evil.C",
                "jdbc:druid://broker:8888;schema=a;SCHEMA=b",
                "jdbc:druid://broker:8888;schema='a;httpclient_impl=evil.C'",
                "jdbc:druid://broker:8888;schema=\"a\"",
                "jdbc:druid://broker:8888;schema={a}",
                "jdbc:druid://broker:8888?httpclient_impl=evil.C",
                "jdbc:druid://broker:8888;schema=a&httpclient_impl=evil.C",
                "jdbc:druid://(host=b,httpclient_impl=evil.C)",
                "jdbc:druid://broker:8888;schıma=a",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
