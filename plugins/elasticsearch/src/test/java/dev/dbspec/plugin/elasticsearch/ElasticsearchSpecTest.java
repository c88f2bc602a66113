package dev.dbspec.plugin.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElasticsearchSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new ElasticsearchEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("debug.output", "debug", "debug.flushAlways", "ssl.keystore.location", "ssl.truststore.location");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=maybe", "false, true",
                "ssl.protocol=SSLv3", "one of",
                "page.size=0", "1 to 100000");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:es://https://es.example.com:9243/?ssl=true&ssl.protocol=TLSv1.3&timezone=UTC&connect.timeout=10000&query.timeout=90000&page.size=1000&field.multi.value.leniency=true");
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "\"@timestamp\"")).isEqualTo("DATE_TRUNC('week', \"@timestamp\")");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "ts"))
                .isEqualTo("DATE_ADD('minute', -(MINUTE_OF_HOUR(ts) % 5), DATE_TRUNC('minute', ts))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("DATE_ADD('day', -(ISO_DAY_OF_WEEK(ts) % 7), DATE_TRUNC('day', ts))");
        assertThat(spec.timeGrainExpressions().values()).noneMatch(t -> t.contains("HISTOGRAM"));
    }

    @Test
    void literalsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("CAST('03:04:05.000' AS TIME)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678Z' AS DATETIME)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02T03:04:05.678+02:00' AS DATETIME)");
        assertThat(spec.epochMillisToDatetime()).hasValue("CAST({col} AS DATETIME)");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }

    @Test
    void noJoinsAndNoComments() {
        assertThat(spec.has(Capability.JOINS)).isFalse();
        assertThat(spec.has(Capability.SQL_COMMENTS)).isFalse();
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:es:", "jdbc:elasticsearch:");
    }
}
