package dev.dbspec.plugin.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no TiDB server runs in the build, so the facts are checked as written. */
class TidbSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new TidbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** Connector/J's options that deserialize server data or read this host's files. */
    @Override
    protected Set<String> refusedByName() {
        return Set.of("autoDeserialize", "allowLoadLocalInfile");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("sslMode=maybe", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:tidb://tidb.example.com:4000/sales?sslMode=VERIFY_IDENTITY&connectTimeout=10000");
    }

    @Test
    void speaksTheMysqlProtocolOnPort4000() {
        assertThat(spec.driverUrl("jdbc:tidb://tidb:4000/sales")).isEqualTo("jdbc:mysql://tidb:4000/sales");
        assertThat(spec.driverClassName()).isEqualTo("com.mysql.cj.jdbc.Driver");
        assertThat(spec.defaultPort()).hasValue(4000);
        assertThat(spec.driverArtifact()).hasValueSatisfying(artifact -> assertThat(artifact.bundled()).isFalse());
    }

    @Test
    void mysqlGrainsAndLiteralsButNoCancel() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("MAKEDATE(YEAR(ts), 1) + INTERVAL QUARTER(ts) QUARTER - INTERVAL 1 QUARTER");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("STR_TO_DATE('2019-01-02 03:04:05.678000', '%Y-%m-%d %H:%i:%s.%f')");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
