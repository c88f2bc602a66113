package dev.dbspec.plugin.alloydb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.junit.jupiter.api.Test;

/** Spec only: no AlloyDB instance runs in the build, so the facts are checked as declared. */
class AlloyDbSpecTest extends PgWireFamilySpecContract {
    AlloyDbSpecTest() {
        super(new AlloyDbEngineSpec(), "jdbc:alloydb:", 5432);
    }

    @Test
    void keepsThePostgresqlGrainsAndEpochs() {
        assertThat(spec().timeGrainExpressions()).isEqualTo(PostgresFamilySpec.GRAINS).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec().epochSecondsToDatetime()).hasValue("(TIMESTAMP 'epoch' + {col} * INTERVAL '1 second')");
        assertThat(spec().aliases()).isEmpty();
    }

    @Test
    void claimsNoCancellationItHasNotRun() {
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
