package dev.dbspec.plugin.netezza;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetezzaSpecTest extends EngineSpecContract {
    private final NetezzaEngineSpec spec = new NetezzaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("logDirPath", "logLevel");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("securityLevel=maybe", "must be one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:netezza://nz.example.com:5480/sales;securityLevel=onlySecured;caCertFile=/srv/dbspec/files/ca.pem;loginTimeout=15;schema=admin");
    }

    @Test
    void claimsOnlyCalendarTruncationsWithoutWeeks() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY,
                TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.QUARTER_YEAR, TimeGrain.YEAR);
        assertThat(spec.timeGrainSql(TimeGrain.HOUR, "ts")).isEqualTo("DATE_TRUNC('hour', ts)");
        assertThat(spec.timeGrainExpression(TimeGrain.WEEK)).isEmpty();
    }

    @Test
    void writesLiteralsWithoutAZonedTimestamp() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
        assertThat(spec.epochMillisToDatetime()).hasValue("(TIMESTAMP 'epoch' + ({col} / 1000.0) * INTERVAL '1 second')");
    }

    @Test
    void upperCasesNamesLimitsAndDoesNotCancel() {
        assertThat(spec.identifierQuoting().normalizeUnquoted("sales")).isEqualTo("SALES");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec.defaultPort()).hasValue(5480);
    }
}
