package dev.dbspec.plugin.monetdb;

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

/** Spec only: the driver is not bundled and no MonetDB server runs in the build, so the facts are checked as written. */
class MonetdbSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new MonetdbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("debug", "logfile");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("language=mal", "one of", "so_timeout=-5", "0 to");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:monetdb://monet.example.com:50000/demo?so_timeout=30000&treat_clob_as_varchar=true&fetchsize=1000");
    }

    @Test
    void dateTruncAndIntervalSteps() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.THIRTY_SECONDS, "ts"))
                .isEqualTo("DATE_TRUNC('minute', ts) + INTERVAL '1' SECOND * CAST(FLOOR(EXTRACT(SECOND FROM ts) / 30) * 30 AS INT)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("(DATE_TRUNC('week', ts) + INTERVAL '6' DAY)");
    }

    @Test
    void standardLiteralsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.epochMillisToDatetime()).hasValue("(TIMESTAMP '1970-01-01 00:00:00' + INTERVAL '1' SECOND * ({col} / 1000.0))");
    }
}
