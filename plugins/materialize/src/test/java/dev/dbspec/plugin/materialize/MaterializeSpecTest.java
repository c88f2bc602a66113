package dev.dbspec.plugin.materialize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: no Materialize runs in the build, so the facts are checked as declared. */
class MaterializeSpecTest extends PgWireFamilySpecContract {
    MaterializeSpecTest() {
        super(new MaterializeEngineSpec(), "jdbc:materialize:", 6875);
    }

    @Test
    void truncatesAndShiftsWeeksButClaimsNoSteps() {
        assertThat(spec().timeGrainExpressions()).hasSize(13).doesNotContainKeys(TimeGrain.FIVE_MINUTES, TimeGrain.HALF_HOUR,
                TimeGrain.SIX_HOURS, TimeGrain.FIVE_SECONDS);
        assertThat(spec().timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("DATE_TRUNC('week', ts + INTERVAL '1 day') - INTERVAL '1 day'");
        assertThat(spec().timeGrainSql(TimeGrain.QUARTER_YEAR, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
    }

    @Test
    void convertsEpochSecondsAtUtcAndNotMilliseconds() {
        assertThat(spec().epochSecondsToDatetime()).hasValue("(TO_TIMESTAMP({col}) AT TIME ZONE 'UTC'::text)");
        assertThat(spec().epochMillisToDatetime()).isEmpty();
    }

    @Test
    void claimsNoFunctionListing() {
        assertThat(spec().has(Capability.FUNCTION_NAMES)).isFalse();
    }
}
