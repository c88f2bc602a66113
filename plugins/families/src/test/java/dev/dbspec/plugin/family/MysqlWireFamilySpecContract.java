package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.LimitSyntax;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link MysqlWireFamilySpec} engine shares, on top of {@link EngineSpecContract}: its own prefix
 * handed to Connector/J (not bundled), Connector/J's dangerous options refused by name, a value off a rule refused, a
 * typical URL that vets, LIMIT. A plugin's test extends it with the engine, its prefix and default port, and adds its
 * own checks (grains, literals, cancellation...).
 *
 * <p>Published in the families module's test-jar; plugins take it in test scope only.
 */
public abstract class MysqlWireFamilySpecContract extends OwnPrefixSpecContract {
    /**
     * @param spec the engine under test
     * @param prefix the JDBC prefix it must declare, for example {@code jdbc:tidb:}
     * @param defaultPort the default port it must declare (the sample URL uses it too)
     */
    protected MysqlWireFamilySpecContract(MysqlWireFamilySpec spec, String prefix, int defaultPort) {
        super(spec, prefix, defaultPort);
    }

    /** Connector/J's options that deserialize server data, read this host's files or load classes named in the URL. */
    @Override
    protected Set<String> refusedByName() {
        return Set.of("autoDeserialize", "allowLoadLocalInfile", "allowUrlInLocalInfile", "queryInterceptors", "socketFactory",
                "propertiesTransform", "idTokenFile");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("sslMode=maybe", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(prefix() + "//db.example.com:" + defaultPort() + "/sales?sslMode=VERIFY_IDENTITY&connectTimeout=10000&socketTimeout=300000");
    }

    @Test
    void mapsItsOwnPrefixToConnectorJ() {
        assertThat(spec().urlPrefixes()).containsExactly(prefix());
        assertThat(spec().driverUrl(prefix() + "//db.example:" + defaultPort() + "/sales")).isEqualTo("jdbc:mysql://db.example:" + defaultPort() + "/sales");
        assertThat(spec().driverClassName()).isEqualTo("com.mysql.cj.jdbc.Driver");
        assertThat(spec().driverArtifact()).hasValueSatisfying(artifact -> assertThat(artifact.bundled()).isFalse());
        assertThat(spec().defaultPort()).hasValue(defaultPort());
        assertThat(spec().limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }
}
