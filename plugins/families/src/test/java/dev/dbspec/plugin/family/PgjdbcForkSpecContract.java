package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link PostgresFamilySpec} engine served by a fork of pgjdbc shares (openGauss, KingbaseES): pgjdbc's
 * allow-list read strictly, its class-loading options refused by name, a TLS mode off the list refused, the family's
 * grains and LIMIT, the fork's own driver class. A plugin's test extends it with the engine and a typical URL.
 *
 * <p>Published in the families module's test-jar; plugins take it in test scope only.
 */
public abstract class PgjdbcForkSpecContract extends EngineSpecContract {
    private final EngineSpec spec;
    private final String typicalUrl;

    protected PgjdbcForkSpecContract(PostgresFamilySpec spec, String typicalUrl) {
        this.spec = requireNonNull(spec, "spec is null");
        this.typicalUrl = requireNonNull(typicalUrl, "typicalUrl is null");
    }

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** The forks keep pgjdbc's class-loading options. */
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
        return List.of(typicalUrl);
    }

    @Test
    void postgresGrainsUnderTheForksDriver() {
        assertThat(spec.timeGrainExpressions()).isEqualTo(PostgresFamilySpec.GRAINS);
        assertThat(spec.driverClassName()).isNotEqualTo("org.postgresql.Driver");
        assertThat(spec.driverUrl(typicalUrl)).isEqualTo(typicalUrl);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }
}
