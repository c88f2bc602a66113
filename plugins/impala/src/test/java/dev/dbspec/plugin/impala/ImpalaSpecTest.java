package dev.dbspec.plugin.impala;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
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

class ImpalaSpecTest extends EngineSpecContract {
    private final ImpalaEngineSpec spec = new ImpalaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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

    private static final String BASE = "jdbc:impala://impala.example.com:21050/sales";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "impala.example.com").replace("{port}", "21050").replace("{database}", "sales"));
        spec.checkUrl("jdbc:impala://impala.example.com:21050/sales;AuthMech=3;SSL=1;SSLTrustStore=/srv/dbspec/files/ca.jks;SocketTimeout=60;UID=bi");
        Properties properties = new Properties();
        properties.setProperty("UID", "bi");
        properties.setProperty("PWD", "pw");
        properties.setProperty("AuthMech", "3");
        spec.vetConnection(BASE, properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("pwd")).isTrue();
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("KrbJAASFile", "CVE-2024-49194"),
                Map.entry("LogPath", "log files"),
                Map.entry("LogLevel", "log files"),
                Map.entry("SSLKeyStore", "client key store"),
                Map.entry("AllowSelfSignedCerts", "man in the middle"),
                Map.entry("CAIssuedCertNamesMismatch", "man in the middle"),
                Map.entry("KrbRealm", "Kerberos"),
                Map.entry("KrbServiceName", "Kerberos"),
                Map.entry("DelegationUID", "impersonation"));
        reasons.forEach((name, reason) -> {
            for (String spelled : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl(BASE + ";" + spelled + "=1"))
                        .isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(spelled))
                        .hasMessageContaining(reason);
            }
            Properties properties = new Properties();
            properties.setProperty(name, "1");
            assertThatThrownBy(() -> spec.vetConnection(BASE, properties, Optional.empty())).hasMessageContaining(reason);
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";UseSasl=1")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:impala://h:21050/db;SSL=maybe")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:impala://h:21050/db;AuthMech=1")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:impala://h:21050/db;SocketTimeout=-1")).hasMessageContaining("0 to 86400");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:impala://h:21050/db;Krb\\JAASFile=1", // escape
                "jdbc:impala://h:21050/db;K%72bJAASFile=1", // percent-encoded name
                "jdbc:impala://h:21050/db;SSL=1;ssl=0", // duplicate
                "jdbc:impala://(host=h;KrbJAASFile=1)h:21050/db", // host block
                "jdbc:impala://h:21050/db?KrbJAASFile=1", // the other syntax
                "jdbc:impala://h:21050/db;\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
