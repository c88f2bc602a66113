package dev.dbspec.plugin.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrinoSpecTest extends EngineSpecContract {
    private final TrinoEngineSpec spec = new TrinoEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** Trino's traceToken is an identifier the server logs with the query, not a credential. */
    @Override
    protected boolean holdsACredential(String name) {
        return !name.equalsIgnoreCase("traceToken") && super.holdsACredential(name);
    }

    @Test
    void claimsEveryGrainOverTheUncastColumn() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.SECOND, "\"ts\"")).isEqualTo("date_trunc('second', \"ts\")");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "ts"))
                .isEqualTo("date_trunc('minute', ts) - interval '1' minute * (minute(ts) % 5)");
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "ts"))
                .isEqualTo("date_trunc('hour', ts) - interval '1' hour * (hour(ts) % 6)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("date_trunc('week', ts + interval '1' day) - interval '1' day");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("date_trunc('week', ts + interval '1' day) + interval '5' day");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("date_trunc('week', ts) + interval '6' day");
        assertThat(spec.timeGrainSql(TimeGrain.HALF_HOUR, "ts")).isEqualTo(spec.timeGrainSql(TimeGrain.THIRTY_MINUTES, "ts"));
    }

    @Test
    void writesTypedLiteralsWithMicroseconds() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000 +02:00'");
    }

    @Test
    void convertsEpochsInUtc() {
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST(from_unixtime({col}, 'UTC') AS TIMESTAMP)");
        assertThat(spec.epochMillisToDatetime()).hasValue("CAST(from_unixtime(({col} / 1000.0), 'UTC') AS TIMESTAMP)");
    }

    @Test
    void limitsWithLimitAndCancelsThroughJdbc() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.limitSyntax("476")).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
    }

    @Test
    void refusesOptionsThatLoadClassesOrLocalCredentials() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8080/hive?dnsResolver=com.evil.Resolver"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("dnsResolver").hasMessageContaining("instantiate");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&KerberosKeytabPath=/etc/krb5.keytab"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("keytab");
        spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&user=alice&sessionProperties=query_max_run_time:1m");
    }

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "trino.example.com").replace("{port}", "8443").replace("{catalog}", "hive"));
        Properties properties = new Properties();
        properties.setProperty("user", "alice");
        properties.setProperty("password", "s3cret");
        properties.setProperty("accessToken", "eyJ.x.y");
        // Several session properties are separated by ';', which the strict URL reader refuses: they go in a property.
        properties.setProperty("sessionProperties", "query_max_run_time:1m;join_distribution_type:BROADCAST");
        spec.vetConnection("jdbc:trino://trino.example.com:8443/hive/sales?SSL=true&SSLVerification=FULL&source=dbspec"
                + "&clientTags=bi,nightly&timezone=UTC&timeout=30s"
                + "&roles=system:analyst&applicationNamePrefix=dbspec-&disableCompression=false", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("ACCESSTOKEN")).isTrue();
        assertThat(spec.connectionOptions().isSecret("extraCredentials")).isTrue();
        assertThat(spec.connectionOptions().isSecret("SSLTrustStorePassword")).isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("dnsResolver", "instantiate"),
                Map.entry("dnsResolverContext", "resolver class"),
                Map.entry("SSLKeyStorePath", "key store"),
                Map.entry("SSLUseSystemKeyStore", "system key store"),
                Map.entry("KerberosKeytabPath", "keytab"),
                Map.entry("KerberosCredentialCachePath", "ticket cache"),
                Map.entry("KerberosConfigPath", "whole JVM"),
                Map.entry("KerberosRemoteServiceName", "this host's own tickets"),
                Map.entry("KerberosPrincipal", "this host's own tickets"),
                Map.entry("KerberosDelegation", "delegates"),
                Map.entry("externalAuthentication", "web browser"),
                Map.entry("externalAuthenticationRedirectHandlers", "web browser"),
                Map.entry("httpLoggingLevel", "log the password"),
                Map.entry("oauth2TokenEndpoint", "OAuth client secret"));
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:trino://h:8443/hive", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?extraHeaders=X-Trino-User:root"))
                .hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?SSL=maybe")).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&SSLVerification=NONE"))
                .hasMessageContaining("NONE is refused").hasMessageContaining("certificate verification");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&SSLVerification=ca"))
                .hasMessageContaining("CA is refused").hasMessageContaining("host name");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?timeout=forever")).hasMessageContaining("duration");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?socksProxy=evil.example.com")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?sessionProperties=a:b&c")).isInstanceOf(UnsafeUrlException.class);
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:trino://h:8443/hive?dns\\Resolver=com.evil.R",
                "jdbc:trino://h:8443/hive?dns%52esolver=com.evil.R",
                "jdbc:trino://h:8443/hive?SSL=true&ssl=false",
                "jdbc:trino://(host=h,dnsResolver=com.evil.R)/hive",
                "jdbc:trino://h:8443/hive;dnsResolver=com.evil.R",
                "jdbc:trino://h:8443/hive?SSL=true;dnsResolver=com.evil.R",
                "jdbc:trino://h:8443/hive?dnsResolv\u0131r=com.evil.R",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }

    @Test
    void confinesTheTrustStoreToTheFilesDirectory(@TempDir Path files) throws IOException {
        Path trustStore = Files.writeString(files.resolve("truststore.p12"), "x");
        spec.vetConnection("jdbc:trino://h:8443/hive?SSL=true&SSLTrustStorePath=" + trustStore, new Properties(), Optional.of(files));
        assertThatThrownBy(() -> spec.vetConnection("jdbc:trino://h:8443/hive?SSL=true&SSLTrustStorePath=/etc/ssl/private/key.p12",
                new Properties(), Optional.of(files))).hasMessageContaining("SSLTrustStorePath");
    }

    @Test
    void classifiesCoordinatorMessages() {
        assertThat(spec.classifyError(new SQLException("Query failed (#20251124_1): line 1:15: Table 'memory.default.x' does not exist")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("Query failed (#1): line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER'")))
                .isEqualTo(ErrorCategory.SYNTAX);
        assertThat(spec.classifyError(new SQLException("Query failed (#1): Access Denied: Cannot select from table t")))
                .isEqualTo(ErrorCategory.PERMISSION);
        assertThat(spec.classifyError(new SQLException("Query failed (#1): line 1:15: Schema 'nope' does not exist")))
                .isEqualTo(ErrorCategory.UNKNOWN_DATABASE);
    }
}
