package dev.dbspec.plugin.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
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
}
