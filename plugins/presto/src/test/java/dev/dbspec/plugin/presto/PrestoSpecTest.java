package dev.dbspec.plugin.presto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrestoSpecTest extends EngineSpecContract {
    private final PrestoEngineSpec spec = new PrestoEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "queryInterceptors", "SSLKeyStorePath", "KerberosKeytabPath", "KerberosCredentialCachePath", "KerberosConfigPath",
                "KerberosRemoteServiceName", "externalAuthentication", "externalAuthenticationRedirectHandlers");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("SSL=maybe", "false, true");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:presto://presto.example.com:8443/hive/sales?SSL=true&timeZoneId=UTC&clientTags=bi&sessionProperties=query_max_run_time:10m&applicationNamePrefix=dbspec&validateNextUriSource=true");
    }

    @Test
    void claimsEveryGrainOverTheColumnCastToTimestamp() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.DAY, "ts")).isEqualTo("date_trunc('day', CAST(ts AS TIMESTAMP))");
        assertThat(spec.timeGrainSql(TimeGrain.THIRTY_SECONDS, "ts")).isEqualTo(
                "date_trunc('second', CAST(ts AS TIMESTAMP)) - interval '1' second * (second(CAST(ts AS TIMESTAMP)) % 30)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("date_trunc('week', CAST(ts AS TIMESTAMP) + interval '1' day) - interval '1' day");
    }

    @Test
    void writesMillisecondLiteralsAndZonedEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678 +02:00'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000'");
        assertThat(spec.epochSecondsToDatetime()).hasValue("from_unixtime({col}, 'UTC')");
    }

    @Test
    void sharesTheFamilyLimitCancelAndAliasRules() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.has(Capability.ALIAS_TO_SOURCE_COLUMN)).isFalse();
        assertThat(spec.has(Capability.DYNAMIC_CATALOG)).isTrue();
    }

    /** The Presto driver has no dnsResolver (Trino's has): the option is off the list, not refused by name. */
    @Test
    void dnsResolverIsNotAPrestoOption() {
        assertThat(spec.connectionOptions().refusal("dnsresolver")).isEmpty();
        assertThat(spec.connectionOptions().allowed("dnsresolver")).isEmpty();
    }
}
