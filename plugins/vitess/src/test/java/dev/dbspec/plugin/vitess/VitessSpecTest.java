package dev.dbspec.plugin.vitess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: no VTGate runs in the build, so the facts are checked as written. */
class VitessSpecTest extends MysqlWireFamilySpecContract {
    VitessSpecTest() {
        super(new VitessEngineSpec(), "jdbc:vitess:", 3306);
    }

    @Test
    void mysqlFactsWithoutCancellation() {
        assertThat(spec().timeGrainExpressions()).isEqualTo(MysqlFamilySpec.GRAINS);
        assertThat(spec().datetimeLiterals()).isEqualTo(MysqlFamilySpec.LITERALS);
        assertThat(spec().datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).isPresent();
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec().aliases()).containsExactly("planetscale");
    }
}
