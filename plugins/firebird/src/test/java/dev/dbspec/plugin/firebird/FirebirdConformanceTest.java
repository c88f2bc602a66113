package dev.dbspec.plugin.firebird;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecConformance;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FirebirdConformanceTest extends EngineSpecConformance {
    private final EngineSpec spec = new FirebirdEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("socketFactory", "nativeLibraryPath", "createDatabaseIfNotExist");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "wireCompression=maybe", "false, true",
                "type=EMBEDDED", "native Firebird library");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:firebirdsql://fb.example.com:3050/employee?encoding=UTF8&roleName=ANALYST&wireCrypt=REQUIRED&connectTimeout=10&soTimeout=300000&sessionTimeZone=UTC&processName=dbspec&type=PURE_JAVA");
    }

    /** Firebird 3's types as Jaybird 6 reports them (checked live by the kit). */
    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR(10)", GenericType.STRING), entry("CHAR(2)", GenericType.STRING), entry("BLOB SUB_TYPE TEXT", GenericType.STRING),
                entry("INTEGER", GenericType.INTEGER), entry("BIGINT", GenericType.INTEGER), entry("SMALLINT", GenericType.INTEGER),
                entry("NUMERIC(10,2)", GenericType.DECIMAL), entry("DECIMAL(18,4)", GenericType.DECIMAL),
                entry("DOUBLE PRECISION", GenericType.FLOAT), entry("FLOAT", GenericType.FLOAT), entry("BOOLEAN", GenericType.BOOLEAN),
                entry("DATE", GenericType.DATE), entry("TIME", GenericType.TIME), entry("TIMESTAMP", GenericType.TIMESTAMP),
                entry("BLOB SUB_TYPE BINARY", GenericType.BINARY));
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
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE))).isEmpty();
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

    /** dbCryptConfig carries the database encryption key: a secret, though its name does not say so. */
    @Test
    void theEncryptionKeyConfigIsASecret() {
        assertThat(spec.connectionOptions().isSecret("dbCryptConfig")).isTrue();
    }

    @Test
    void refusesTheSubProtocolsThatLoadTheNativeLibrary() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql:embedded:/var/db/employee.fdb"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("native Firebird library");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql:native://db:3050/employee")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("native Firebird library");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:firebirdsql:LOCAL:/var/db/employee.fdb")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("native Firebird library");
    }
}
