package dev.dbspec.plugin.impala;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import org.junit.jupiter.api.Test;

class ImpalaSpecTest extends EngineSpecContract {
    private final ImpalaEngineSpec spec = new ImpalaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void truncatesWithMondayWeeksNotJanuaryFirstWeeks() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainExpressions().values()).noneMatch(t -> t.contains("'WW'"));
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("TRUNC(ts, 'D')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts")).isEqualTo("days_sub(TRUNC(days_add(ts, 1), 'D'), 1)");
        assertThat(spec.timeGrainSql(TimeGrain.TEN_MINUTES, "ts"))
                .isEqualTo("minutes_add(TRUNC(ts, 'HH'), minute(ts) - minute(ts) % 10)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("TRUNC(ts, 'Q')");
    }

    @Test
    void writesCastLiteralsAndUtcEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678000' AS TIMESTAMP)");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
        assertThat(spec.epochSecondsToDatetime()).hasValue("unix_micros_to_utc_timestamp({col} * 1000000)");
        assertThat(spec.epochMillisToDatetime()).hasValue("unix_micros_to_utc_timestamp({col} * 1000)");
    }

    @Test
    void limitsAndCancels() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.driverArtifact()).hasValueSatisfying(a -> assertThat(a.license()).startsWith("proprietary"));
    }

    @Test
    void refusesTheSimbaLogPath() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:impala://h:21050/default;LogLevel=6;LogPath=/var/www"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("LogPath");
    }
}
