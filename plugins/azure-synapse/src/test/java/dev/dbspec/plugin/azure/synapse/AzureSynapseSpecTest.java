package dev.dbspec.plugin.azure.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: no Synapse pool runs in the build, so the facts are checked as declared. */
class AzureSynapseSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new AzureSynapseEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("socketFactoryClass", "trustManagerClass", "accessTokenCallbackClass", "keyStoreLocation", "trustServerCertificate",
                "integratedSecurity", "msiClientId", "quotedIdentifier");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("encrypt=maybe", "must be one of", "authentication=ActiveDirectoryManagedIdentity", "must be one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:synapse://contoso.sql.azuresynapse.net:1433;databaseName=dw;encrypt=true;"
                + "hostNameInCertificate=*.sql.azuresynapse.net;loginTimeout=30;authentication=ActiveDirectoryPassword");
    }

    @Test
    void keepsTheTsqlGrainsTopAndLiterals() {
        assertThat(spec.timeGrainExpressions()).isEqualTo(TsqlFamilySpec.GRAINS);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.TOP);
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('20190102 03:04:05.678000' AS DATETIME2)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE))).isEmpty();
        assertThat(spec.timeGrainSql(TimeGrain.MONTH, "[ts]")).isEqualTo("DATEADD(MONTH, DATEDIFF(MONTH, '17530101', [ts]), '17530101')");
    }

    @Test
    void handsItsPrefixToMssqlJdbcAndDoesNotClaimCancel() {
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:synapse:");
        assertThat(spec.driverUrl("jdbc:synapse://ws.sql.azuresynapse.net:1433;databaseName=dw"))
                .isEqualTo("jdbc:sqlserver://ws.sql.azuresynapse.net:1433;databaseName=dw");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }

    @Test
    void refusesSwitchingOffCertificateChecksAndBracedValues() {
        assertThatThrownBy(() -> spec.vetConnection("jdbc:synapse://ws.sql.azuresynapse.net:1433;trustServerCertificate=true",
                new Properties(), Optional.empty())).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("trustServerCertificate");
        assertThatThrownBy(() -> spec.vetConnection("jdbc:synapse://ws.sql.azuresynapse.net:1433;applicationName={a;integratedSecurity=true}",
                new Properties(), Optional.empty())).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("braces");
    }
}
