package dev.dbspec.plugin.aurora.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: no Aurora cluster runs in the build, so the facts are checked as declared. */
class AuroraMysqlSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new AuroraMysqlEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("allowLoadLocalInfile", "autoDeserialize", "allowMultiQueries");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:aurora-mysql://app.cluster-abc.eu-west-1.rds.amazonaws.com:3306/sales?sslMode=VERIFY_IDENTITY&connectTimeout=10000");
    }

    @Test
    void keepsTheMysqlGrainsAndLiterals() {
        assertThat(spec.timeGrainExpressions()).isEqualTo(MysqlFamilySpec.GRAINS);
        assertThat(spec.timeGrainSql(TimeGrain.DAY, "ts")).isEqualTo("DATE(ts)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("STR_TO_DATE('2019-01-02 03:04:05.678000', '%Y-%m-%d %H:%i:%s.%f')");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }

    @Test
    void handsItsPrefixToConnectorJAndClaimsNoMysqlCatalogFeatures() {
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:aurora-mysql:");
        assertThat(spec.driverUrl("jdbc:aurora-mysql://c.example.com:3306/sales")).isEqualTo("jdbc:mysql://c.example.com:3306/sales");
        assertThat(spec.driverClassName()).isEqualTo("com.mysql.cj.jdbc.Driver");
        assertThat(spec.capabilities()).doesNotContain(Capability.SQL_VALIDATION, Capability.COST_ESTIMATION, Capability.LATEST_PARTITION);
    }
}
