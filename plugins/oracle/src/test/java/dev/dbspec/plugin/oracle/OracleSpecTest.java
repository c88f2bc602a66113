package dev.dbspec.plugin.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OracleSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new OracleEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void weeksAreIsoNotWw() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "TS"))
                .isEqualTo("TRUNC(TO_DATE(TO_CHAR(TS, 'YYYY-MM-DD HH24:MI:SS'), 'YYYY-MM-DD HH24:MI:SS'), 'IW')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "TS"))
                .isEqualTo("TRUNC(TO_DATE(TO_CHAR(TS, 'YYYY-MM-DD HH24:MI:SS'), 'YYYY-MM-DD HH24:MI:SS') + 1, 'IW') - 1");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "TS")).isEqualTo(
                "TRUNC(TO_DATE(TO_CHAR(TS, 'YYYY-MM-DD HH24:MI:SS'), 'YYYY-MM-DD HH24:MI:SS'), 'HH')"
                        + " + NUMTODSINTERVAL(FLOOR(TO_NUMBER(TO_CHAR(TS, 'MI')) / 5) * 5, 'MINUTE')");
        assertThat(spec.timeGrainExpressions().values()).noneMatch(t -> t.contains("'WW'") || t.contains("'D'"));
    }

    @Test
    void literalsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000 +02:00'");
        assertThat(spec.epochMillisToDatetime())
                .hasValue("(TIMESTAMP '1970-01-01 00:00:00' + NUMTODSINTERVAL({col} / 1000, 'SECOND'))");
    }

    @Test
    void limitSyntaxFollowsTheServerVersion() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.limitSyntax("Oracle Database 11g Enterprise Edition Release 11.2.0.4.0 - 64bit Production"))
                .isEqualTo(LimitSyntax.ROWNUM);
        assertThat(spec.limitSyntax("Oracle Database 10g Release 10.2.0.1.0 - Production")).isEqualTo(LimitSyntax.ROWNUM);
        assertThat(spec.limitSyntax("Oracle Database 12c Enterprise Edition Release 12.1.0.2.0 - 64bit Production"))
                .isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.limitSyntax("19.0.0.0.0")).isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.limitSyntax("Oracle Database 23ai Free Release 23.0.0.0.0 - Develop, Learn, and Run for Free\nVersion 23.5.0.24.07"))
                .isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.limitSyntax("unknown")).isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.limitSyntax((String) null)).isEqualTo(LimitSyntax.FETCH_FIRST);
    }

    @Test
    void upperCaseNamesDateIsATimestampAndOraCodesWin() {
        assertThat(spec.identifierQuoting().normalizeUnquoted("orders")).isEqualTo("ORDERS");
        assertThat(spec.genericType("DATE")).isEqualTo(GenericType.TIMESTAMP);
        assertThat(spec.genericType("LONG")).isEqualTo(GenericType.STRING);
        assertThat(spec.classifyError(new SQLException("ORA-00942: table or view does not exist", "42000", 942)))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("ORA-00933: SQL command not properly ended", "42000", 933)))
                .isEqualTo(ErrorCategory.SYNTAX);
    }

    @Test
    void refusesALocalWallet() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:oracle:thin:@//db:1521/ORCL?TNS_ADMIN=/etc/secrets"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("TNS_ADMIN");
    }

    private static final String BASE = "jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1?connect_timeout=10";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "db.example.com").replace("{port}", "1521").replace("{database}", "ORCLPDB1"));
        spec.checkUrl("jdbc:oracle:thin:@tcps://db.example.com:2484/sales.example.com?ssl_server_dn_match=true&retry_count=3&connect_timeout=10");
        spec.checkUrl("jdbc:oracle:thin:@db.example.com:1521:ORCL");
        spec.checkUrl("jdbc:oracle:thin:@db.example.com:1521/ORCLPDB1");
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", "pw");
        properties.setProperty("oracle.net.CONNECT_TIMEOUT", "10000");
        properties.setProperty("javax.net.ssl.trustStorePassword", "pw");
        spec.vetConnection(BASE, properties, Optional.empty());
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("TNS_ADMIN", "network configuration or wallets"),
                Map.entry("wallet_location", "network configuration or wallets"),
                Map.entry("oracle.net.tns_admin", "network configuration or wallets"),
                Map.entry("javax.net.ssl.keyStore", "client key store"),
                Map.entry("oracle.jdbc.config.file", "local file"),
                Map.entry("token_auth", "token"),
                Map.entry("oracle.net.authentication_services", "Kerberos"),
                Map.entry("internal_logon", "SYSDBA"),
                Map.entry("oracle.jdbc.Trace", "tracing"));
        reasons.forEach((name, reason) -> {
            for (String spelled : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl(BASE + "&" + spelled + "=1"))
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
        assertThatThrownBy(() -> spec.checkUrl(BASE + "&oracle.jdbc.J2EE13Compliant=true")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1?connect_timeout=10&ssl_server_dn_match=false")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1?connect_timeout=10&retry_count=maybe")).hasMessageContaining("0 to 10");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1?connect_timeout=10&TNS\\_ADMIN=/etc", // escape
                "jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1?connect_timeout=10&TNS%5FADMIN=/etc", // percent-encoded name
                "jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1?connect_timeout=10&CONNECT_TIMEOUT=5", // duplicate
                "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=x)))", // descriptor
                "jdbc:oracle:thin:@salesdb", // TNS alias read from tnsnames.ora
                "jdbc:oracle:thin:@ldap://ldap.example.com/cn=sales", // LDAP
                "jdbc:oracle:thin:@config-file:///etc/oracle/db.json", // config provider
                "jdbc:oracle:thin:scott/tiger@//db:1521/ORCL", // credentials before the address
                "jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1?connect_timeout=10;TNS_ADMIN=/etc", // the other syntax
                "jdbc:oracle:thin:@//db.example.com:1521/ORCLPDB1?connect_timeout=10&\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
