package dev.dbspec.plugin.tdengine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no TDengine server runs in the build, so the facts are checked as written. */
class TdengineSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new TdengineEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("disableSSLCertValidation", "cfgdir", "slaveClusterHost", "slaveClusterPort");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("useSSL=yes", "true", "reconnectRetryCount=1000", "0 to 100");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:TAOS-WS://td.example.com:6041/power?useSSL=true&timezone=UTC&messageWaitTimeout=60000&enableAutoReconnect=true");
    }

    @Test
    void onlyTheDocumentedTruncationUnits() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY);
        assertThat(spec.timeGrainSql(TimeGrain.HOUR, "ts")).isEqualTo("TIMETRUNCATE(ts, 1h)");
        assertThat(spec.timeGrainSql(TimeGrain.DAY, "ts")).isEqualTo("TIMETRUNCATE(ts, 1d)");
    }

    @Test
    void stringTimestampsMillisecondEpochsAndNoJoins() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP))).hasValue("'2019-01-02 03:04:05.678'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("'2019-01-02T03:04:05.678+02:00'");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).isEmpty();
        assertThat(spec.epochMillisToDatetime()).hasValue("CAST({col} AS TIMESTAMP)");
        assertThat(spec.capabilities()).doesNotContain(Capability.JOINS, Capability.CTE_IN_SUBQUERY, Capability.CANCEL);
        assertThat(spec.aliases()).containsExactly("taosws");
    }
}
