package dev.dbspec.plugin.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
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

    @Test
    void refusesAClassNamedInTheUrl() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:sqlserver://db:1433;databaseName=x;socketFactoryClass=evil.Factory"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("socketFactoryClass");
        spec.checkUrl("jdbc:sqlserver://db:1433;databaseName=x;encrypt=true");
    }
}
