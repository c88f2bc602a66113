package dev.dbspec.plugin.pinot;

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

class PinotSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new PinotEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("pinot.jdbc.tls.keystore.path", "pinot.jdbc.tls.truststore.path", "pinot.jdbc.tls.insecure");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "scheme=ftp", "must be one of",
                "brokers=b1", "host:port pairs");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:pinot://pinot-controller.example.com:9000?brokers=broker1.example.com:8099,broker2.example.com:8099&tenant=DefaultTenant&scheme=https&useMultistageEngine=true");
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
}
