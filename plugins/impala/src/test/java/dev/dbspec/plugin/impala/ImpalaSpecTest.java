package dev.dbspec.plugin.impala;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImpalaSpecTest extends EngineSpecContract {
    private final ImpalaEngineSpec spec = new ImpalaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "KrbJAASFile", "LogPath", "LogLevel", "SSLKeyStore", "AllowSelfSignedCerts", "CAIssuedCertNamesMismatch",
                "KrbRealm", "KrbServiceName", "DelegationUID");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "SSL=maybe", "must be one of",
                "AuthMech=1", "must be one of",
                "SocketTimeout=-1", "0 to 86400");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:impala://impala.example.com:21050/sales;AuthMech=3;SSL=1;SSLTrustStore=/srv/dbspec/files/ca.jks;SocketTimeout=60;UID=bi");
    }

    @Test
    void truncatesWithMondayWeeksNotJanuaryFirstWeeks() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainExpressions().values()).noneMatch(t -> t.contains("'WW'"));
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("TRUNC(ts, 'D')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts")).isEqualTo("days_sub(TRUNC(days_add(ts, 1), 'D'), 1)");
        assertThat(spec.timeGrainSql(TimeGrain.TEN_MINUTES, "ts"))
                .isEqualTo("minutes_add(TRUNC(ts, 'HH'), minute(ts) - minute(ts) % 10)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("TRUNC(ts, 'Q')");
    }

    @Test
    void writesCastLiteralsAndUtcEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678000' AS TIMESTAMP)");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
        assertThat(spec.epochSecondsToDatetime()).hasValue("unix_micros_to_utc_timestamp({col} * 1000000)");
        assertThat(spec.epochMillisToDatetime()).hasValue("unix_micros_to_utc_timestamp({col} * 1000)");
    }

    @Test
    void limitsAndCancels() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.driverArtifact()).hasValueSatisfying(a -> assertThat(a.license()).startsWith("proprietary"));
    }
}
