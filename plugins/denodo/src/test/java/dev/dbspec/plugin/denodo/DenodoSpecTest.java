package dev.dbspec.plugin.denodo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no Denodo server runs in the build, so the facts are checked as written. */
class DenodoSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new DenodoEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("useKerberos", "kerberosKeytab");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("chunkSize=0", "1 to");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:vdb://denodo.example.com:9999/sales?queryTimeout=60000&chunkSize=1000&ssl=true");
    }

    @Test
    void truncPatternsWithTheIsoWeek() {
        assertThat(spec.timeGrainExpressions()).doesNotContainKeys(TimeGrain.SECOND, TimeGrain.FIVE_MINUTES)
                .containsKeys(TimeGrain.MINUTE, TimeGrain.WEEK_ENDING_SUNDAY, TimeGrain.QUARTER, TimeGrain.YEAR);
        assertThat(spec.timeGrainSql(TimeGrain.MINUTE, "col")).isEqualTo("TRUNC(col,'MI')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "col")).isEqualTo("TRUNC(col,'IW')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "col")).isEqualTo("ADDDAY(TRUNC(ADDDAY(col, 1),'IW'), -1)");
    }

    @Test
    void supersetsLiteralsAndMillisecondEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss.SSS', '2019-01-02 03:04:05.678')");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("TO_DATE('yyyy-MM-dd', '2019-01-02')");
        assertThat(spec.epochMillisToDatetime()).hasValue("GETTIMEFROMMILLIS({col})");
    }
}
