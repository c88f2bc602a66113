package dev.dbspec.plugin.netezza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import org.junit.jupiter.api.Test;

class NetezzaSpecTest extends EngineSpecContract {
    private final NetezzaEngineSpec spec = new NetezzaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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

    @Test
    void refusesLogDirectories() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:netezza://h:5480/db;logDirPath=/var/www;logLevel=2"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("logDirPath");
    }
}
