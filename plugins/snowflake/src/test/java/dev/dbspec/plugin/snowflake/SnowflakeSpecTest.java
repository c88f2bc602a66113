package dev.dbspec.plugin.snowflake;

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

class SnowflakeSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new SnowflakeEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void weeksDoNotDependOnWeekStart() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainExpressions().values()).noneMatch(t -> t.contains("'WEEK'"));
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "TS")).isEqualTo("DATEADD(DAY, 1 - DAYOFWEEKISO(TS), DATE_TRUNC('DAY', TS))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "TS"))
                .isEqualTo("DATEADD(DAY, MOD(13 - DAYOFWEEKISO(TS), 7), DATE_TRUNC('DAY', TS))");
        assertThat(spec.timeGrainSql(TimeGrain.THIRTY_SECONDS, "TS"))
                .isEqualTo("DATEADD(SECOND, FLOOR(DATE_PART(SECOND, TS) / 30) * 30, DATE_TRUNC('MINUTE', TS))");
    }

    @Test
    void literalsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("TO_DATE('2019-01-02', 'YYYY-MM-DD')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME)))
                .hasValue("TO_TIME('03:04:05.000000', 'HH24:MI:SS.FF6')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TO_TIMESTAMP_NTZ('2019-01-02 03:04:05.678000', 'YYYY-MM-DD HH24:MI:SS.FF6')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TO_TIMESTAMP_TZ('2019-01-02 03:04:05.678000 +02:00', 'YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM')");
        assertThat(spec.epochMillisToDatetime()).hasValue("TO_TIMESTAMP_NTZ({col}, 3)");
        java.time.LocalDateTime naive = java.time.LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_900_000);
        for (String ntz : new String[] {"TIMESTAMP_NTZ", "TIMESTAMPNTZ", "TIMESTAMP WITHOUT TIME ZONE", "DATETIME"}) {
            assertThat(spec.datetimeLiteral(ntz, naive)).as(ntz).hasValue("TO_TIMESTAMP_NTZ('2019-01-02 03:04:05.678900', 'YYYY-MM-DD HH24:MI:SS.FF6')");
        }
        for (String zoned : new String[] {"TIMESTAMP_LTZ", "TIMESTAMPLTZ", "TIMESTAMP WITH LOCAL TIME ZONE", "TIMESTAMP_TZ", "TIMESTAMPTZ"}) {
            assertThat(spec.datetimeLiteral(zoned, naive)).as(zoned)
                    .hasValue("TO_TIMESTAMP_TZ('2019-01-02 03:04:05.678900 +00:00', 'YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM')");
        }
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.identifierQuoting().normalizeUnquoted("orders")).isEqualTo("ORDERS");
    }

    @Test
    void refusesALocalKeyFile() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:snowflake://acme.snowflakecomputing.com/?db=x&private_key_file=/etc/key.p8"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("private_key_file");
    }

    private static final String BASE = "jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "acme.snowflakecomputing.com").replace("{port}", "443").replace("{database}", "sales"));
        spec.checkUrl("jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&schema=public&warehouse=bi_wh&role=analyst&loginTimeout=30&application=dbspec");
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("private_key_base64", "MIIEv...");
        properties.setProperty("private_key_pwd", "pw");
        properties.setProperty("authenticator", "snowflake_jwt");
        spec.vetConnection(BASE, properties, Optional.empty());
        assertThat(spec.connectionOptions().secretNames()).contains("token", "passcode", "private_key_base64", "private_key_pwd");
        assertThat(spec.enforcedConnectionProperties()).containsEntry("enablePutGet", "false");
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("private_key_file", "private key"),
                Map.entry("client_config_file", "configuration file"),
                Map.entry("enablePutGet", "PUT and GET"),
                Map.entry("DIAGNOSTICS_ALLOWLIST_FILE", "diagnostics"),
                Map.entry("clientStoreTemporaryCredential", "cache of tokens"),
                Map.entry("tracing", "logging"),
                Map.entry("insecureMode", "revocation"),
                Map.entry("disableSamlURLCheck", "SAML"));
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
        assertThatThrownBy(() -> spec.checkUrl(BASE + "&TIMEZONE=UTC")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&authenticator=externalbrowser")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&authenticator=https://acme.okta.com")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&ocspFailOpen=maybe")).hasMessageContaining("false, true");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&private\\_key_file=/k", // escape
                "jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&private%5Fkey_file=/k", // percent-encoded name
                "jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&DB=other", // duplicate
                "jdbc:snowflake://(host=a,private_key_file=/k)/?db=x", // host block
                "jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales;private_key_file=/k", // the other syntax
                "jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&role=a;private_key_file=/k", // a semicolon in a value
                "jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
