package dev.dbspec.plugin.teradata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeradataSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new TeradataEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("RUNSTARTUP", "BROWSER", "JWS_PRIVATE_KEY", "JWS_CERT");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "LOGMECH=KRB5", "must be one of",
                "ENCRYPTDATA=maybe", "must be one of",
                "HTTPS_PORT=0", "1 to 65535");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:teradata://td.example.com/DBS_PORT=1025,DATABASE=sales,SSLMODE=VERIFY-FULL,LOGMECH=LDAP,TMODE=ANSI,CHARSET=UTF8,LOGIN_TIMEOUT=30");
    }

    /** Teradata writes options after the host, separated by commas: {@code jdbc:teradata://host/DBS_PORT=1025,name=value}. */
    @Override
    protected Optional<String> urlWithOption(String url, String name, String value) {
        return Optional.of(url + "," + name + "=" + value);
    }

    @Test
    void subDayGrainsKeepTheTimeOfDay() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.MINUTE, "ts"))
                .isEqualTo("CAST(CAST(CAST(ts AS FORMAT 'YYYY-MM-DDBHH:MI') AS CHAR(16)) || ':00' AS TIMESTAMP(0))");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "ts")).isEqualTo(
                "CAST(CAST(CAST(ts AS FORMAT 'YYYY-MM-DDBHH:') AS CHAR(14)) || "
                        + "CAST(CAST(CAST(CAST(CAST(ts AS FORMAT 'MI') AS CHAR(2)) AS INTEGER) / 5 * 5 AS FORMAT '99') AS CHAR(2))"
                        + " || ':00' AS TIMESTAMP(0))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("TRUNC(CAST(ts AS DATE), 'IW')");
    }

    @Test
    void literalsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000+02:00'");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.TOP);
        assertThat(spec.sqlFamily()).isEqualTo(SqlFamily.TERADATA);
        assertThat(spec.aliases()).containsExactly("teradatasql");
        assertThat(spec.epochMillisToDatetime()).isEmpty();
    }

    @Test
    void errorCodes() {
        assertThat(spec.classifyError(new SQLException(
                "[Teradata Database] [TeraJDBC 20.00.00.34] [Error 3807] [SQLState 42S02] Object 'x' does not exist.", "42S02")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("[Error 8017] [SQLState 28000] The UserId, Password or Account is invalid.")))
                .isEqualTo(ErrorCategory.BAD_CREDENTIALS);
    }

    @Test
    void readsOptionsAfterTheHost() {
        assertThat(spec.driverOptions("jdbc:teradata://td.example.com/DBS_PORT=1025,DATABASE=sales", new Properties()))
                .containsEntry("DBS_PORT", "1025").containsEntry("DATABASE", "sales");
    }

    @Test
    void refusesQuotedValuesHidingAnOption() {
        for (String url : new String[] {
                "jdbc:teradata://td.example.com/DBS_PORT=1025,DATABASE=sales,ACCOUNT='a,RUNSTARTUP=ON'", // quoted value with a comma
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
