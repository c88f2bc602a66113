package dev.dbspec.plugin.opensearch;

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

/** Spec only: the driver is not bundled and no OpenSearch cluster runs in the build, so the facts are checked as written. */
class OpensearchSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new OpensearchEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("awsCredentialsProvider", "logOutput", "keyStoreLocation", "trustSelfSigned");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("auth=AWS_SIGV4", "own AWS credentials", "hostnameVerification=false", "host name verification");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:opensearch://search.example.com:9200?useSSL=true&auth=BASIC&fetchSize=500");
    }

    @Test
    void formattedUnitsOnly() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY,
                TimeGrain.MONTH, TimeGrain.YEAR);
        assertThat(spec.timeGrainSql(TimeGrain.HOUR, "ts")).isEqualTo("TIMESTAMP(DATE_FORMAT(ts, '%Y-%m-%d %H:00:00'))");
    }

    @Test
    void typedLiteralsAndWhatItCannotDo() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.capabilities()).doesNotContain(Capability.JOINS, Capability.SUBQUERIES, Capability.SQL_COMMENTS);
        assertThat(spec.epochSecondsToDatetime()).hasValue("FROM_UNIXTIME({col})");
    }
}
