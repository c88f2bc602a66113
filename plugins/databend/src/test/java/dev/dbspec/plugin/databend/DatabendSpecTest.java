package dev.dbspec.plugin.databend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabendSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new DatabendEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("debug");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=maybe", "false, true",
                "use_verify=false", "certificate verification",
                "query_timeout=-1", "0 to 86400");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:databend://databend.example.com:443/sales?ssl=true&use_verify=true&warehouse=bi&tenant=acme&connection_timeout=10&query_timeout=300&max_rows_per_page=10000");
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
