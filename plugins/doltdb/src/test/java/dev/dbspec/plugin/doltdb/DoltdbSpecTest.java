package dev.dbspec.plugin.doltdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: no Dolt server runs in the build, so the facts are checked as written. */
class DoltdbSpecTest extends MysqlWireFamilySpecContract {
    DoltdbSpecTest() {
        super(new DoltdbEngineSpec(), "jdbc:doltdb:", 3306);
    }

    @Test
    void mysqlGrainsCastLiteralsAndNoCancel() {
        assertThat(spec().timeGrainExpressions()).isEqualTo(MysqlFamilySpec.GRAINS);
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02 03:04:05.678000' AS DATETIME(6))");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec().aliases()).containsExactly("dolt");
    }
}
