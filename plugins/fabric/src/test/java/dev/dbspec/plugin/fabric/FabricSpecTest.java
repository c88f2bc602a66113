package dev.dbspec.plugin.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.MssqlWireFamilySpecContract;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import org.junit.jupiter.api.Test;

/** Spec only: Fabric is a cloud service, so the facts are checked as declared. */
class FabricSpecTest extends MssqlWireFamilySpecContract {
    FabricSpecTest() {
        super(new FabricEngineSpec(), "jdbc:fabric:", "abc123.datawarehouse.fabric.microsoft.com");
    }

    @Test
    void tsqlGrainsDatetime2LiteralsNoCancel() {
        assertThat(spec().timeGrainExpressions()).isEqualTo(TsqlFamilySpec.GRAINS);
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('20190102 03:04:05.678000' AS DATETIME2)");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
