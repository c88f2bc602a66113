package dev.dbspec.plugin.hana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitMethod;
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

class HanaSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new HanaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.MINUTE, "TS"))
                .isEqualTo("TO_TIMESTAMP(TO_VARCHAR(TS, 'YYYY-MM-DD HH24:MI'), 'YYYY-MM-DD HH24:MI')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "TS"))
                .isEqualTo("ADD_DAYS(TO_TIMESTAMP(TO_VARCHAR(TS, 'YYYY-MM-DD'), 'YYYY-MM-DD'), -WEEKDAY(TS))");
        assertThat(spec.timeGrainSql(TimeGrain.TEN_MINUTES, "TS")).isEqualTo(
                "ADD_SECONDS(TO_TIMESTAMP(TO_VARCHAR(TS, 'YYYY-MM-DD HH24'), 'YYYY-MM-DD HH24'), FLOOR(MINUTE(TS) / 10) * 10 * 60)");
    }

    @Test
    void literalsEpochsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.6780000'");
        assertThat(spec.epochMillisToDatetime())
                .hasValue("ADD_NANO100(TO_TIMESTAMP('1970-01-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS'), {col} * 10000)");
        assertThat(spec.limitMethod()).isEqualTo(LimitMethod.WRAP_SQL);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.identifierQuoting().normalizeUnquoted("orders")).isEqualTo("ORDERS");
    }

    @Test
    void refusesATraceFile() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:sap://db:30015/?databaseName=HXE&traceFile=/tmp/t.trc"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("traceFile");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "hana.example.com").replace("{port}", "30015").replace("{database}", "HXE"));
        Properties properties = new Properties();
        properties.setProperty("user", "DBSPEC");
        properties.setProperty("password", "s3cret");
        spec.vetConnection("jdbc:sap://hana.example.com:443/?databaseName=HXE&currentSchema=SALES&encrypt=true&validateCertificate=true&hostNameInCertificate=hana.example.com&communicationTimeout=60000&fetchSize=1000&distribution=ALL", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("trustStorePassword")).as("trustStorePassword").isTrue();
        assertThat(spec.connectionOptions().isSecret("keyStorePassword")).as("keyStorePassword").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("traceFile", "trace files"),
                Map.entry("traceOptions", "trace files"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:sap://db:30015/?databaseName=HXE&" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:sap://db:30015/?databaseName=HXE", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:sap://db:30015/?databaseName=HXE&sessionVariable=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:sap://db:30015/?encrypt=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:sap://db:30015/?encrypt=true&validateCertificate=false")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("certificate validation");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:sap://db:30015/?distribution=SOME")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("one of");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:sap://db:30015/?trace\\File=/tmp/t",
                "jdbc:sap://db:30015/?trace%46ile=/tmp/t",
                "jdbc:sap://db:30015/?encrypt=true&ENCRYPT=false",
                "jdbc:sap://(host=db,traceFile=/tmp/t)/",
                "jdbc:sap://db:30015/;traceFile=/tmp/t",
                "jdbc:sap://db:30015/?encrypt=true;traceFile=/tmp/t",
                "jdbc:sap://db:30015/?trıceFile=/tmp/t",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
