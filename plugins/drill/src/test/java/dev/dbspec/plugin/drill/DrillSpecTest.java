package dev.dbspec.plugin.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillSpecTest extends EngineSpecContract {
    private final DrillEngineSpec spec = new DrillEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "keytab", "principal", "realm", "service_name", "service_host", "disableCertificateVerification",
                "disableHostVerification");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "enableTLS=maybe", "false, true",
                "auth=KERBEROS", "this host's own tickets",
                "tries=0", "1 to 100");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:drill:zk=zk1.example.com:2181,zk2.example.com:2181/drill/drillbits1;schema=dfs.tmp;tries=3;auth=plain;enableTLS=true;TLSProtocol=TLSv1.3",
                "jdbc:drill:zk=zk1:2181/drill/drillbits1;schema=dfs.tmp");
    }

    @Test
    void floorsWithNearestDateAndLeavesOutUnitsDrillLacks() {
        assertThat(spec.timeGrainExpressions()).hasSize(17)
                .doesNotContainKeys(TimeGrain.FIVE_SECONDS, TimeGrain.FIVE_MINUTES, TimeGrain.TEN_MINUTES, TimeGrain.SIX_HOURS);
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "`ts`")).isEqualTo("NEARESTDATE(`ts`, 'QUARTER_HOUR')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("NEARESTDATE(ts, 'WEEK_MONDAY')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("NEARESTDATE(ts, 'WEEK_SUNDAY') + INTERVAL '6' DAY");
    }

    @Test
    void writesMillisecondLiteralsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000'");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
        assertThat(spec.epochMillisToDatetime()).hasValue("TO_TIMESTAMP(({col} / 1000.0))");
    }

    @Test
    void limitsQuotesWithBackticksAndDoesNotCancel() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.identifierQuoting().quote("dfs.tmp")).isEqualTo("`dfs.tmp`");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }

    @Test
    void classifiesDrillUserExceptions() {
        assertThat(spec.classifyError(new SQLException("VALIDATION ERROR: From line 1, column 15 to line 1, column 17: "
                + "Object 'nope' not found"))).isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("PARSE ERROR: Encountered \"SELEC\" at line 1")))
                .isEqualTo(ErrorCategory.SYNTAX);
    }
}
