package dev.dbspec.plugin.databend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import org.junit.jupiter.api.Test;

class DatabendSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new DatabendEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("add_days(to_start_of_day(ts), 1 - to_day_of_week(ts))");
        assertThat(spec.timeGrainSql(TimeGrain.TEN_MINUTES, "ts")).isEqualTo("add_minutes(to_start_of_minute(ts), -(to_minute(ts) % 10))");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("to_start_of_quarter(ts)");
    }

    @Test
    void literalsEpochAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("to_date('2019-01-02')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("to_timestamp('2019-01-02 03:04:05.678000')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("to_timestamp('2019-01-02T03:04:05.678000+02:00')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("add_seconds(to_timestamp(0), {col})");
        assertThat(spec.epochMillisToDatetime()).isEmpty();
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.genericType("Nullable(Int64)")).isEqualTo(GenericType.INTEGER);
        assertThat(spec.forbiddenUrlOptions()).isEmpty();
    }
}
