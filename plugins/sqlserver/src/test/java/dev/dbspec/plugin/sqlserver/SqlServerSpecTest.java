package dev.dbspec.plugin.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlServerSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new SqlServerEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "socketFactoryClass", "socketFactoryConstructorArg", "trustManagerClass", "trustManagerConstructorArg",
                "accessTokenCallbackClass", "keyStoreLocation", "clientCertificate", "clientKey", "keyStoreAuthentication",
                "enclaveAttestationUrl", "trustServerCertificate", "integratedSecurity", "useDefaultGSSCredential", "msiClientId",
                "quotedIdentifier");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "encrypt=maybe", "must be one of",
                "loginTimeout=100000", "0 to 600",
                "authentication=ActiveDirectoryManagedIdentity", "must be one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:sqlserver://db.example.com\\SQLEXPRESS:1433;databaseName=sales;encrypt=strict;hostNameInCertificate=*.example.com;loginTimeout=15;queryTimeout=60;applicationName=dbspec;applicationIntent=ReadOnly");
    }

    @Test
    void claimsEveryGrain() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
    }

    @Test
    void grainsCountFromAMondayAnchor() {
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "[ts]"))
                .isEqualTo("DATEADD(DAY, DATEDIFF(DAY, '17530101', [ts]) / 7 * 7, '17530101')");
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "[ts]")).isEqualTo(
                "DATEADD(MINUTE, DATEDIFF(MINUTE, DATEADD(DAY, DATEDIFF(DAY, '17530101', [ts]), '17530101'), [ts]) / 15 * 15, "
                        + "DATEADD(DAY, DATEDIFF(DAY, '17530101', [ts]), '17530101'))");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "[ts]"))
                .isEqualTo("DATEADD(MONTH, DATEDIFF(MONTH, '17530101', [ts]) / 3 * 3, '17530101')");
    }

    @Test
    void literals() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('20190102' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("CAST('03:04:05.000000' AS TIME)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('20190102 03:04:05.678000' AS DATETIME2)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02T03:04:05.678000+02:00' AS DATETIMEOFFSET)");
        assertThat(spec.epochSecondsToDatetime())
                .hasValue("DATEADD(SECOND, {col} % 86400, DATEADD(DAY, {col} / 86400, CAST('19700101' AS DATETIME2)))");
    }

    @Test
    void limitsWithTopAndQuotesWithBrackets() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.TOP);
        assertThat(spec.identifierQuoting().quote("a]b")).isEqualTo("[a]]b]");
        assertThat(spec.aliases()).containsExactly("mssql");
    }

    @Test
    void readsTheInstanceNameFromTheHostPart() {
        assertThat(spec.driverOptions("jdbc:sqlserver://db\\SQLEXPRESS:1433;encrypt=true", new Properties()))
                .containsEntry("instanceName", "SQLEXPRESS").containsEntry("encrypt", "true");
    }

    @Test
    void refusesInstanceNamesGivenTwiceOrOutOfPlace() {
        for (String url : new String[] {
                "jdbc:sqlserver://db\\SQL:1433;instanceName=OTHER",           // instance twice
                "jdbc:sqlserver://db\\SQL;x=1\\y",                           // backslash after the host part
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
