package dev.dbspec.plugin.opengauss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.plugin.family.PgjdbcForkSpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no openGauss server runs in the build, so the facts are checked as written. */
class OpengaussSpecTest extends PgjdbcForkSpecContract {
    OpengaussSpecTest() {
        super(new OpengaussEngineSpec(), "jdbc:opengauss://gauss.example.com:5432/sales?sslmode=verify-full&ApplicationName=dbspec&connectTimeout=10");
    }

    @Test
    void openGaussDriverAndGaussDbAlias() {
        assertThat(spec().driverClassName()).isEqualTo("org.opengauss.Driver");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec().aliases()).containsExactly("gaussdb");
    }
}
