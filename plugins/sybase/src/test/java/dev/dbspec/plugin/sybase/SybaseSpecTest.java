package dev.dbspec.plugin.sybase;

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

class SybaseSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new SybaseEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("logfile", "bufferDir", "namedPipe", "useJCIFS", "domain", "useKerberos");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=maybe", "must be one of",
                "loginTimeout=-5", "0 to 600");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:jtds:sybase://db.example.com:5000/sales;ssl=authenticate;loginTimeout=15;socketTimeout=300;appName=dbspec;charset=utf8;tds=5.0",
                "jdbc:sybase:Tds:db.example.com:5000/sales?charset=utf8&APPNAME=bi");
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

    /** jConnect's query form is rewritten to jTDS's: each option refused by name is refused in it too, as jTDS will read it. */
    @Test
    void refusesOptionsInJConnectUrlsToo() {
        for (String name : refusedByName()) {
            assertThatThrownBy(() -> spec.checkUrl("jdbc:sybase:Tds:db:5000/sales?charset=utf8&" + name + "=true"))
                    .hasMessageContaining(spec.connectionOptions().refusal(name).orElseThrow());
        }
    }

    @Test
    void refusesFormsOfTheJConnectGrammar() {
        for (String url : new String[] {
                "jdbc:jtds:sybase://(host=db;logfile=/tmp/x):5000/sales",
                "jdbc:sybase:Tds:db:5000;logfile=/tmp/x/sales", // an option hidden in jConnect's host part
                "jdbc:sybase:Tds:db:5000/sales?charset=utf8;logfile=/tmp/x",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
