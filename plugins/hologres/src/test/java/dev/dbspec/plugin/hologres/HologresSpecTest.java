package dev.dbspec.plugin.hologres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no Hologres instance runs in the build, so the facts are checked as written. */
class HologresSpecTest extends PgWireFamilySpecContract {
    HologresSpecTest() {
        super(new HologresEngineSpec(), "jdbc:hologres:", 80);
    }

    @Test
    void postgresGrainsWithoutCancellation() {
        assertThat(spec().timeGrainExpressions()).isEqualTo(PostgresFamilySpec.GRAINS);
        assertThat(spec().timeGrainSql(TimeGrain.MONTH, "ts")).isEqualTo("DATE_TRUNC('month', ts)");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
