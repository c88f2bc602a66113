package dev.dbspec.plugin.kingbase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no KingbaseES server runs in the build, so the facts are checked as written. */
class KingbaseSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new KingbaseEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

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
        return List.of("jdbc:kingbase8://kes.example.com:54321/test?sslmode=require&currentSchema=public");
    }

    @Test
    void postgresGrainsUnderKingbasePrefixAndPort() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:kingbase8:");
        assertThat(spec.defaultPort()).hasValue(54321);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
