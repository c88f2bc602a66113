package dev.dbspec.plugin.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnowflakeSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new SnowflakeEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "private_key_file", "client_config_file", "enablePutGet", "DIAGNOSTICS_ALLOWLIST_FILE",
                "clientStoreTemporaryCredential", "tracing", "insecureMode", "disableSamlURLCheck");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "authenticator=externalbrowser", "must be one of",
                "ocspFailOpen=maybe", "false, true");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&schema=public&warehouse=bi_wh&role=analyst&loginTimeout=30&application=dbspec");
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
    void vetsKeyPairAuthenticationAndSwitchesPutAndGetOff() {
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("private_key_base64", "MIIEv...");
        properties.setProperty("private_key_pwd", "pw");
        properties.setProperty("authenticator", "snowflake_jwt");
        spec.vetConnection("jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales", properties, Optional.empty());
        assertThat(spec.enforcedConnectionProperties()).containsEntry("enablePutGet", "false");
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:snowflake://acme.snowflakecomputing.com:443/?db=sales&authenticator=https://acme.okta.com")).hasMessageContaining("must be one of");
    }
}
