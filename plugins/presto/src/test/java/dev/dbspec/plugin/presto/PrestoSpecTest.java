package dev.dbspec.plugin.presto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PrestoSpecTest extends EngineSpecContract {
    private final PrestoEngineSpec spec = new PrestoEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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

    @Test
    void refusesLocalCredentialFiles() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:presto://h:8080/hive?SSL=true&SSLKeyStorePath=/home/svc/keystore.jks"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("SSLKeyStorePath").hasMessageContaining("key store");
        assertThat(spec.connectionOptions().refusal("dnsresolver")).isEmpty();
    }

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "presto.example.com").replace("{port}", "8443").replace("{catalog}", "hive"));
        Properties properties = new Properties();
        properties.setProperty("user", "alice");
        properties.setProperty("password", "s3cret");
        spec.vetConnection("jdbc:presto://presto.example.com:8443/hive/sales?SSL=true&timeZoneId=UTC&clientTags=bi"
                + "&sessionProperties=query_max_run_time:10m&applicationNamePrefix=dbspec&validateNextUriSource=true",
                properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("accessToken")).isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.of(
                "queryInterceptors", "interceptor classes",
                "SSLKeyStorePath", "key store",
                "KerberosKeytabPath", "keytab",
                "KerberosCredentialCachePath", "ticket cache",
                "KerberosConfigPath", "whole JVM",
                "KerberosRemoteServiceName", "this host's own tickets",
                "externalAuthentication", "web browser",
                "externalAuthenticationRedirectHandlers", "web browser");
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:presto://h:8443/hive?" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListBadValuesAndAmbiguousForms() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:presto://h:8443/hive?customHeaders=X-Presto-User:root"))
                .hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:presto://h:8443/hive?SSL=maybe")).hasMessageContaining("false, true");
        for (String url : new String[] {
                "jdbc:presto://h:8443/hive?query\\Interceptors=com.evil.I",
                "jdbc:presto://h:8443/hive?query%49nterceptors=com.evil.I",
                "jdbc:presto://h:8443/hive?SSL=true&SSL=true",
                "jdbc:presto://(host=h,queryInterceptors=com.evil.I)/hive",
                "jdbc:presto://h:8443/hive?SSL=true;queryInterceptors=com.evil.I",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
