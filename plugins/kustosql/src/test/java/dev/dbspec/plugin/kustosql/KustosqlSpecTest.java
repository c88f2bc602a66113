package dev.dbspec.plugin.kustosql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: no Azure Data Explorer cluster is reachable from the build, so the facts are checked as declared. */
class KustosqlSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new KustosqlEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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
        return List.of("jdbc:kustosql://help.kusto.windows.net:1433;databaseName=Samples;encrypt=true;"
                + "hostNameInCertificate=*.kusto.windows.net;loginTimeout=30;authentication=ActiveDirectoryPassword");
    }

    @Test
    void tsqlGrainsTopAndNoTimeLiteral() {
        assertThat(spec.timeGrainExpressions()).isEqualTo(TsqlFamilySpec.GRAINS);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.TOP);
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('20190102 03:04:05.678000' AS DATETIME2)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
    }

    @Test
    void handsItsPrefixToMssqlJdbcAndRefusesTrustingAnyCertificate() {
        assertThat(spec.driverUrl("jdbc:kustosql://help.kusto.windows.net:1433;databaseName=Samples"))
                .isEqualTo("jdbc:sqlserver://help.kusto.windows.net:1433;databaseName=Samples");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThatThrownBy(() -> spec.vetConnection("jdbc:kustosql://help.kusto.windows.net:1433;trustServerCertificate=true",
                new Properties(), Optional.empty())).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("trustServerCertificate");
    }
}
