package dev.dbspec.plugin.kustosql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.MssqlWireFamilySpecContract;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import org.junit.jupiter.api.Test;

/** Spec only: no Azure Data Explorer cluster is reachable from the build, so the facts are checked as declared. */
class KustosqlSpecTest extends MssqlWireFamilySpecContract {
    KustosqlSpecTest() {
        super(new KustosqlEngineSpec(), "jdbc:kustosql:", "help.kusto.windows.net");
    }

    @Test
    void tsqlGrainsAndNoTimeLiteral() {
        assertThat(spec().timeGrainExpressions()).isEqualTo(TsqlFamilySpec.GRAINS);
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('20190102 03:04:05.678000' AS DATETIME2)");
        assertThat(spec().datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
