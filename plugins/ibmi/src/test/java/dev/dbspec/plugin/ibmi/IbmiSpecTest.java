package dev.dbspec.plugin.ibmi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no IBM i system is reachable from the build, so the facts are checked as written. */
class IbmiSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new IbmiEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("prompt", "trace", "driver");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("naming=both", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:as400://ibmi.example.com/SALES;naming=sql;libraries=SALES,QGPL;errors=full;secure=true");
    }

    @Test
    void everyGrainFromTruncTimestampAndLabeledDurations() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("TRUNC_TIMESTAMP(ts, 'IW')");
        assertThat(spec.timeGrainSql(TimeGrain.SECOND, "ts")).isEqualTo("ts - MICROSECOND(ts) MICROSECONDS");
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts")).isEqualTo("TRUNC_TIMESTAMP(ts, 'HH') + (MINUTE(ts) / 15 * 15) MINUTES");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts")).isEqualTo("(TRUNC_TIMESTAMP((ts + 1 DAYS), 'IW') - 1 DAYS)");
    }

    @Test
    void functionLiteralsAndFetchFirst() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP('2019-01-02-03.04.05.678000')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME('03.04.05')");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.defaultPort()).isEmpty();
    }
}
