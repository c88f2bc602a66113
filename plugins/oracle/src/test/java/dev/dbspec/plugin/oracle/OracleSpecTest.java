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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OracleSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new OracleEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "TNS_ADMIN", "wallet_location", "oracle.net.tns_admin", "javax.net.ssl.keyStore", "oracle.jdbc.config.file",
                "token_auth", "oracle.net.authentication_services", "internal_logon", "oracle.jdbc.Trace");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl_server_dn_match=false", "must be one of",
                "retry_count=maybe", "0 to 10");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:oracle:thin:@tcps://db.example.com:2484/sales.example.com?ssl_server_dn_match=true&retry_count=3&connect_timeout=10",
                "jdbc:oracle:thin:@db.example.com:1521:ORCL",
                "jdbc:oracle:thin:@db.example.com:1521/ORCLPDB1");
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

    /** A DATE column (a date with a time of day) is compared with a DATE, not a TIMESTAMP that would defeat its index. */
    @Test
    void dateColumnsGetDateLiteralsAndTimestampColumnsTimestampLiterals() {
        java.time.LocalDateTime value = java.time.LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_900_000);
        String date = "TO_DATE('2019-01-02T03:04:05', 'YYYY-MM-DD\"T\"HH24:MI:SS')";
        assertThat(spec.datetimeLiteral("DATE", value)).hasValue(date);
        assertThat(spec.datetimeLiteral("date", value)).hasValue(date);
        assertThat(spec.datetimeLiteral("DateTime", value)).hasValue(date);
        assertThat(spec.datetimeLiteral("TIMESTAMP", value)).hasValue("TIMESTAMP '2019-01-02 03:04:05.678900'");
        assertThat(spec.datetimeLiteral("TIMESTAMP(6)", value)).hasValue("TIMESTAMP '2019-01-02 03:04:05.678900'");
        assertThat(spec.datetimeLiteral("VARCHAR2(20)", value)).isEmpty();
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
    void refusesAddressFormsThatReadLocalFilesOrDirectories() {
        for (String url : new String[] {
                "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=x)))", // descriptor
                "jdbc:oracle:thin:@salesdb", // TNS alias read from tnsnames.ora
                "jdbc:oracle:thin:@ldap://ldap.example.com/cn=sales", // LDAP
                "jdbc:oracle:thin:@config-file:///etc/oracle/db.json", // config provider
                "jdbc:oracle:thin:scott/tiger@//db:1521/ORCL", // credentials before the address
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
