package dev.dbspec.plugin.dameng;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no DM server runs in the build, so the facts are checked as written. */
class DamengSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new DamengEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("logDir", "statDir", "cipherPath", "customFilter", "osAuthType", "kerberosLoginConfPath", "unixSocketFile",
                "addressRemap", "userRemap");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("compatibleMode=sqlserver", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:dm://dm.example.com:5236?schema=SALES&socketTimeout=60000&loginEncrypt=true&compatibleMode=oracle");
    }

    @Test
    void truncFormatsAndDateaddSteps() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("TRUNC(ts, 'IW')");
        assertThat(spec.timeGrainSql(TimeGrain.SECOND, "ts")).isEqualTo("DATEADD(SS, FLOOR(EXTRACT(SECOND FROM ts)), TRUNC(ts, 'MI'))");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "ts"))
                .isEqualTo("DATEADD(MI, FLOOR(EXTRACT(MINUTE FROM ts) / 5) * 5, TRUNC(ts, 'HH'))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts")).isEqualTo("DATEADD(DD, 5, TRUNC(DATEADD(DD, 1, ts), 'IW'))");
    }

    @Test
    void standardLiteralsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.aliases()).containsExactly("dm");
    }
}
