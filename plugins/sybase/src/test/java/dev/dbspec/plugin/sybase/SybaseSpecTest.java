package dev.dbspec.plugin.sybase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import org.junit.jupiter.api.Test;

class SybaseSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new SybaseEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void sharesTheFamilyGrains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "[ts]"))
                .isEqualTo("DATEADD(DAY, DATEDIFF(DAY, '17530101', DATEADD(DAY, 1, [ts])) / 7 * 7 - 1, '17530101')");
        assertThat(spec.timeGrainSql(TimeGrain.YEAR, "[ts]"))
                .isEqualTo("DATEADD(YEAR, DATEDIFF(YEAR, '17530101', [ts]), '17530101')");
    }

    @Test
    void literalsUseTheMicrosecondTypes() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('20190102' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("CAST('03:04:05.000000' AS BIGTIME)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('20190102 03:04:05.678000' AS BIGDATETIME)");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.TOP);
    }

    @Test
    void jConnectUrlsAreHandedToJtds() {
        assertThat(spec.driverUrl("jdbc:sybase:Tds:db.example.com:5000/sales?charset=utf8&APPLICATIONNAME=bi"))
                .isEqualTo("jdbc:jtds:sybase://db.example.com:5000/sales;charset=utf8;APPLICATIONNAME=bi");
        assertThat(spec.driverUrl("jdbc:sybase:Tds:db:5000")).isEqualTo("jdbc:jtds:sybase://db:5000");
        assertThat(spec.driverUrl("jdbc:jtds:sybase://db:5000/sales")).isEqualTo("jdbc:jtds:sybase://db:5000/sales");
    }

    @Test
    void refusesALogFile() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:jtds:sybase://db:5000/sales;logfile=/tmp/x.log"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("logfile");
    }
}
