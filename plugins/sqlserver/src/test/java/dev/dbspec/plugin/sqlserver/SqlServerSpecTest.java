package dev.dbspec.plugin.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class SqlServerSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new SqlServerEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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

    private static final String BASE = "jdbc:sqlserver://db.example.com:1433;databaseName=sales";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "db.example.com").replace("{port}", "1433").replace("{database}", "sales"));
        spec.checkUrl("jdbc:sqlserver://db.example.com\\SQLEXPRESS:1433;databaseName=sales;encrypt=strict;"
                + "hostNameInCertificate=*.example.com;loginTimeout=15;queryTimeout=60;applicationName=dbspec;applicationIntent=ReadOnly");
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", "pw");
        properties.setProperty("authentication", "ActiveDirectoryServicePrincipal");
        properties.setProperty("AADSecurePrincipalSecret", "s3cret");
        spec.vetConnection(BASE, properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("aadsecureprincipalsecret")).isTrue();
        assertThat(spec.driverOptions("jdbc:sqlserver://db\\SQLEXPRESS:1433;encrypt=true", new Properties()))
                .containsEntry("instanceName", "SQLEXPRESS").containsEntry("encrypt", "true");
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("socketFactoryClass", "instantiate a class"),
                Map.entry("socketFactoryConstructorArg", "socket factory"),
                Map.entry("trustManagerClass", "instantiate a class"),
                Map.entry("trustManagerConstructorArg", "trust manager"),
                Map.entry("accessTokenCallbackClass", "instantiate a class"),
                Map.entry("keyStoreLocation", "key material"),
                Map.entry("clientCertificate", "key material"),
                Map.entry("clientKey", "key material"),
                Map.entry("keyStoreAuthentication", "Always Encrypted"),
                Map.entry("enclaveAttestationUrl", "fetch from a URL"),
                Map.entry("trustServerCertificate", "man in the middle"),
                Map.entry("integratedSecurity", "host's own"),
                Map.entry("useDefaultGSSCredential", "host's own"),
                Map.entry("msiClientId", "host's own"),
                Map.entry("quotedIdentifier", "QUOTED_IDENTIFIER"));
        reasons.forEach((name, reason) -> {
            for (String spelled : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl(BASE + ";" + spelled + "=true"))
                        .isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(spelled))
                        .hasMessageContaining(reason);
            }
            Properties properties = new Properties();
            properties.setProperty(name, "true");
            assertThatThrownBy(() -> spec.vetConnection(BASE, properties, Optional.empty())).hasMessageContaining(reason);
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";concatNullYieldsNull=OFF")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";encrypt=maybe")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";loginTimeout=100000")).hasMessageContaining("0 to 600");
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";authentication=ActiveDirectoryManagedIdentity")).hasMessageContaining("must be one of");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                BASE + ";trust\\ServerCertificate=true",                     // escape
                BASE + ";trust%53erverCertificate=true",                     // percent-encoded name
                BASE + ";encrypt=tru%65",                                    // percent-encoded value
                BASE + ";encrypt=true;ENCRYPT=false",                        // duplicate
                BASE + ";applicationName={x;trustServerCertificate=true}",   // braces quote a semicolon
                BASE + ";applicationName={x;workstationID=y}",               // the driver reads one option, a splitter two
                "jdbc:sqlserver://db\\SQL:1433;instanceName=OTHER",           // instance twice
                "jdbc:sqlserver://db\\SQL;x=1\\y",                           // backslash after the host part
                "jdbc:sqlserver://(host=db,socketFactoryClass=a.B):1433",    // host block
                "jdbc:sqlserver://db:1433?socketFactoryClass=a.B",           // the other syntax
                BASE + ";appl\u0131cationName=x",                           // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
