package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link MssqlWireFamilySpec} engine shares, on top of {@link EngineSpecContract}: its own prefix handed
 * to mssql-jdbc, mssql-jdbc's dangerous options refused by name (class loading, local key stores, this host's identity,
 * trusting any certificate), values off a rule refused, {@code TOP n}. A plugin's test extends it with the engine, its
 * prefix and a typical host, and adds its own checks.
 *
 * <p>Published in the families module's test-jar; plugins take it in test scope only.
 */
public abstract class MssqlWireFamilySpecContract extends OwnPrefixSpecContract {
    private final String host;

    /**
     * @param spec the engine under test
     * @param prefix the JDBC prefix it must declare, for example {@code jdbc:synapse:}
     * @param host a host name as the service writes it, for the typical URL
     */
    protected MssqlWireFamilySpecContract(MssqlWireFamilySpec spec, String prefix, String host) {
        super(spec, prefix, 1433);
        this.host = host;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("socketFactoryClass", "trustManagerClass", "accessTokenCallbackClass", "keyStoreLocation", "trustServerCertificate",
                "integratedSecurity", "msiClientId");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("encrypt=maybe", "must be one of", "authentication=ActiveDirectoryManagedIdentity", "must be one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(prefix() + "//" + host + ":1433;databaseName=sales;encrypt=true;loginTimeout=30;authentication=ActiveDirectoryPassword");
    }

    @Test
    void handsItsPrefixToMssqlJdbcWithTop() {
        assertThat(spec().urlPrefixes()).containsExactly(prefix());
        assertThat(spec().driverUrl(prefix() + "//" + host + ":1433;databaseName=sales"))
                .isEqualTo("jdbc:sqlserver://" + host + ":1433;databaseName=sales");
        assertThat(spec().driverClassName()).isEqualTo("com.microsoft.sqlserver.jdbc.SQLServerDriver");
        assertThat(spec().limitSyntax()).isEqualTo(LimitSyntax.TOP);
        assertThatThrownBy(() -> spec().vetConnection(prefix() + "//" + host + ":1433;trustServerCertificate=true", new Properties(),
                Optional.empty())).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("trustServerCertificate");
    }
}
