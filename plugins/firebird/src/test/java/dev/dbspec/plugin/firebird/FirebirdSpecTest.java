package dev.dbspec.plugin.firebird;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitMethod;
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

class FirebirdSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new FirebirdEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "TS"))
                .isEqualTo("DATEADD(DAY, -MOD(EXTRACT(WEEKDAY FROM TS) + 6, 7), CAST(CAST(TS AS DATE) AS TIMESTAMP))");
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "TS"))
                .isEqualTo("DATEADD(HOUR, EXTRACT(HOUR FROM TS) / 6 * 6, CAST(CAST(TS AS DATE) AS TIMESTAMP))");
        assertThat(spec.timeGrainSql(TimeGrain.YEAR, "TS")).isEqualTo(
                "DATEADD(MONTH, 1 - EXTRACT(MONTH FROM TS), DATEADD(DAY, 1 - EXTRACT(DAY FROM TS), CAST(CAST(TS AS DATE) AS TIMESTAMP)))");
    }

    @Test
    void literalsEpochAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.0000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.6780'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.6780 +02:00'");
        assertThat(spec.epochSecondsToDatetime()).hasValue("DATEADD(SECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')");
        assertThat(spec.limitMethod()).isEqualTo(LimitMethod.FORCE_LIMIT);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.FETCH_FIRST);
    }

    @Test
    void missingPrivilegeIsNotBadCredentials() {
        assertThat(spec.classifyError(new SQLException("no permission for SELECT access to TABLE T", "28000")))
                .isEqualTo(ErrorCategory.PERMISSION);
        assertThat(spec.classifyError(new SQLException("Your user name and password are not defined", "28000")))
                .isEqualTo(ErrorCategory.BAD_CREDENTIALS);
    }

    @Test
    void refusesEmbeddedAndASocketFactory() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql:embedded:/var/db/employee.fdb"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("native Firebird library");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql://db:3050/employee?socketFactory=evil.Factory"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("socketFactory");
        spec.checkUrl("jdbc:firebirdsql://db:3050/employee?encoding=UTF8");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "fb.example.com").replace("{port}", "3050").replace("{database}", "employee"));
        Properties properties = new Properties();
        properties.setProperty("user", "SYSDBA");
        properties.setProperty("password", "s3cret");
        properties.setProperty("dbCryptConfig", "base64:AAA=");
        spec.vetConnection("jdbc:firebirdsql://fb.example.com:3050/employee?encoding=UTF8&roleName=ANALYST&wireCrypt=REQUIRED&connectTimeout=10&soTimeout=300000&sessionTimeZone=UTC&processName=dbspec&type=PURE_JAVA", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("dbCryptConfig")).as("dbCryptConfig").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("socketFactory", "instantiate"),
                Map.entry("nativeLibraryPath", "native library"),
                Map.entry("createDatabaseIfNotExist", "creates a database"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql://db:3050/employee?" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:firebirdsql://db:3050/employee", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql://db:3050/employee?authPlugins=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql://db:3050/employee?wireCompression=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql://db:3050/employee?type=EMBEDDED")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("native Firebird library");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql:native://db:3050/employee")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("native Firebird library");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql:LOCAL:/var/db/employee.fdb")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("native Firebird library");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:firebirdsql://db:3050/employee?socket\\Factory=evil.F",
                "jdbc:firebirdsql://db:3050/employee?socket%46actory=evil.F",
                "jdbc:firebirdsql://db:3050/employee?encoding=UTF8&ENCODING=NONE",
                "jdbc:firebirdsql://(host=db,socketFactory=evil.F)/employee",
                "jdbc:firebirdsql://db:3050/employee;socketFactory=evil.F",
                "jdbc:firebirdsql://db:3050/employee?encoding=UTF8;socketFactory=evil.F",
                "jdbc:firebirdsql://db:3050/employee?ı=1",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
