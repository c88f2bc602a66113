package dev.dbspec.plugin.kylin;

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
import java.util.Set;
import org.junit.jupiter.api.Test;

class KylinSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new KylinEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("factory", "httpclient_impl", "keytab", "truststore", "principal", "hostname_verification", "url");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("ssl=maybe", "false, true");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:kylin://kylin.example.com:7070/learn_kylin;ssl=true");
    }

    @Test
    void calciteFloorGrainsWithoutWeeks() {
        assertThat(spec.timeGrainExpressions()).hasSize(8)
                .doesNotContainKeys(TimeGrain.WEEK, TimeGrain.WEEK_STARTING_MONDAY, TimeGrain.WEEK_STARTING_SUNDAY);
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "TS")).isEqualTo("FLOOR(CAST(TS AS TIMESTAMP) TO QUARTER)");
    }

    @Test
    void literalsEpochAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
        assertThat(spec.epochSecondsToDatetime()).hasValue("TIMESTAMPADD(SECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.identifierQuoting().normalizeUnquoted("kylin_sales")).isEqualTo("KYLIN_SALES");
    }

    @Test
    void refusesUrlFormsOfItsOwnGrammar() {
        for (String url : new String[] {
                "jdbc:kylin://kylin.example.com:7070/learn_kylin;ssl=\"true;keytab=/k\"", // quotes
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
