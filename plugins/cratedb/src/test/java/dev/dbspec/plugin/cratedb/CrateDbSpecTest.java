package dev.dbspec.plugin.cratedb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import org.junit.jupiter.api.Test;

class CrateDbSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new CrateDbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void dateTruncGrains() {
        assertThat(spec.timeGrainExpressions()).hasSize(10).doesNotContainKeys(TimeGrain.FIVE_MINUTES, TimeGrain.WEEK_STARTING_SUNDAY);
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER_YEAR, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
    }

    @Test
    void literalsEpochsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678' AS TIMESTAMP WITHOUT TIME ZONE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02T03:04:05.678+02:00' AS TIMESTAMP WITH TIME ZONE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST({col} * 1000 AS TIMESTAMP WITHOUT TIME ZONE)");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.aliases()).containsExactly("crate");
    }

    @Test
    void refusesASocketFactory() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:crate://db:5432/?socketFactory=evil.Factory"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("socketFactory");
    }
}
