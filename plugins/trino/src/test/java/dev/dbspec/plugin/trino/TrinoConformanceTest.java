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
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's unit facts, and the whole kit against a live Trino: the testing server {@code .ci/engines/start} runs on
 * JDK 25 with the memory catalog (found by TestDatabases on 127.0.0.1:18080, or {@code DBSPEC_TEST_TRINO_URL}).
 */
class TrinoConformanceTest extends EngineSpecConformance {
    private final TrinoEngineSpec spec = new TrinoEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                Map.entry("VARCHAR(10)", GenericType.STRING), Map.entry("VARCHAR", GenericType.STRING), Map.entry("CHAR(2)", GenericType.STRING),
                Map.entry("UUID", GenericType.STRING), Map.entry("IPADDRESS", GenericType.STRING), Map.entry("TINYINT", GenericType.INTEGER),
                Map.entry("SMALLINT", GenericType.INTEGER), Map.entry("INTEGER", GenericType.INTEGER), Map.entry("BIGINT", GenericType.INTEGER),
                Map.entry("DECIMAL(10,2)", GenericType.DECIMAL), Map.entry("DOUBLE", GenericType.FLOAT), Map.entry("REAL", GenericType.FLOAT),
                Map.entry("BOOLEAN", GenericType.BOOLEAN), Map.entry("DATE", GenericType.DATE), Map.entry("TIME", GenericType.TIME),
                Map.entry("TIMESTAMP", GenericType.TIMESTAMP), Map.entry("TIMESTAMP(6)", GenericType.TIMESTAMP),
                Map.entry("TIMESTAMP(3) WITH TIME ZONE", GenericType.TIMESTAMP), Map.entry("VARBINARY", GenericType.BINARY),
                Map.entry("JSON", GenericType.JSON), Map.entry("ARRAY(INTEGER)", GenericType.OTHER), Map.entry("ROW(a INTEGER)", GenericType.OTHER));
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "dnsResolver", "dnsResolverContext", "SSLKeyStorePath", "SSLUseSystemKeyStore", "KerberosKeytabPath",
                "KerberosCredentialCachePath", "KerberosConfigPath", "KerberosRemoteServiceName", "KerberosPrincipal",
                "KerberosDelegation", "externalAuthentication", "externalAuthenticationRedirectHandlers", "httpLoggingLevel",
                "oauth2TokenEndpoint");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "SSL=maybe", "false, true",
                "timeout=forever", "duration",
                "socksProxy=evil.example.com", "host:port");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:trino://trino.example.com:8443/hive/sales?SSL=true&SSLVerification=FULL&source=dbspec&clientTags=bi,nightly&timezone=UTC&timeout=30s&roles=system:analyst&applicationNamePrefix=dbspec-&disableCompression=false",
                "jdbc:trino://h:8443/hive?SSL=true&sessionProperties=query_max_run_time:1m");
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

    /** Several session properties are separated by ';', which the strict URL reader refuses: they go in a property. */
    @Test
    void takesSeveralSessionPropertiesAsAProperty() {
        Properties properties = new Properties();
        properties.setProperty("user", "alice");
        properties.setProperty("sessionProperties", "query_max_run_time:1m;join_distribution_type:BROADCAST");
        spec.vetConnection("jdbc:trino://trino.example.com:8443/hive/sales?SSL=true", properties, Optional.empty());
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&SSLVerification=NONE"))
                .hasMessageContaining("NONE is refused").hasMessageContaining("certificate verification");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&SSLVerification=ca"))
                .hasMessageContaining("CA is refused").hasMessageContaining("host name");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?sessionProperties=a:b&c")).isInstanceOf(UnsafeUrlException.class);
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
