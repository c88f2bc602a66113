package dev.dbspec.plugin.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DruidSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new DruidEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("factory", "httpclient_factory", "httpclient_impl", "truststore", "keystore", "keytab", "principal", "url");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "authentication=SPNEGO", "this host's own tickets",
                "hostname_verification=NONE", "host name verification",
                "transparent_reconnection=maybe", "false, true");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:druid:https://router.example.com:9088;serialization=json;authentication=BASIC;timeZone=UTC;hostname_verification=STRICT;transparent_reconnection=true");
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
    void refusesUrlFormsOfItsOwnGrammar() {
        for (String url : new String[] {
                "jdbc:druid://broker:8888;schema='a;httpclient_impl=evil.C'", // quoted value
                "jdbc:druid://broker:8888;schema=\"a\"", // Avatica quotes
                "jdbc:druid://broker:8888;schema={a}", // Avatica braces
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
