package dev.dbspec.plugin.opengauss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no openGauss server runs in the build, so the facts are checked as written. */
class OpengaussSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new OpengaussEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** The fork keeps pgjdbc's class-loading options. */
    @Override
    protected Set<String> refusedByName() {
        return Set.of("socketFactory", "socketFactoryArg", "sslfactory", "sslhostnameverifier", "sslpasswordcallback");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("sslmode=sometimes", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:opengauss://gauss.example.com:5432/sales?sslmode=verify-full&ApplicationName=dbspec&connectTimeout=10");
    }

    @Test
    void postgresFactsUnderItsOwnDriver() {
        assertThat(spec.timeGrainExpressions()).isEqualTo(PostgresFamilySpec.GRAINS);
        assertThat(spec.driverClassName()).isEqualTo("org.opengauss.Driver");
        assertThat(spec.driverUrl("jdbc:opengauss://h:5432/db")).isEqualTo("jdbc:opengauss://h:5432/db");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec.aliases()).containsExactly("gaussdb");
    }
}
