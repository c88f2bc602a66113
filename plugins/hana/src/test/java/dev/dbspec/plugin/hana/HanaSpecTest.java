package dev.dbspec.plugin.hana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HanaSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new HanaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("traceFile", "traceOptions");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "encrypt=maybe", "false, true",
                "validateCertificate=false", "certificate validation",
                "distribution=SOME", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:sap://hana.example.com:443/?databaseName=HXE&currentSchema=SALES&encrypt=true&validateCertificate=true&hostNameInCertificate=hana.example.com&communicationTimeout=60000&fetchSize=1000&distribution=ALL");
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
}
