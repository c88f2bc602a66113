package dev.dbspec.plugin.sybase;

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

    private static final String BASE = "jdbc:jtds:sybase://db.example.com:5000/sales";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "db.example.com").replace("{port}", "5000").replace("{database}", "sales"));
        spec.checkUrl(BASE + ";ssl=authenticate;loginTimeout=15;socketTimeout=300;appName=dbspec;charset=utf8;tds=5.0");
        spec.checkUrl("jdbc:sybase:Tds:db.example.com:5000/sales?charset=utf8&APPNAME=bi");
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.of(
                "logfile", "log file",
                "bufferDir", "local directory",
                "namedPipe", "named pipe",
                "useJCIFS", "named pipe",
                "domain", "host's own credentials",
                "useKerberos", "host's own credentials");
        reasons.forEach((name, reason) -> {
            for (String spelled : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl(BASE + ";" + spelled + "=true"))
                        .isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(spelled))
                        .hasMessageContaining(reason);
            }
            // jConnect's query form is rewritten to jTDS's; the option is read from what jTDS will see.
            assertThatThrownBy(() -> spec.checkUrl("jdbc:sybase:Tds:db:5000/sales?charset=utf8&" + name + "=true"))
                    .hasMessageContaining(reason);
            Properties properties = new Properties();
            properties.setProperty(name, "true");
            assertThatThrownBy(() -> spec.vetConnection(BASE, properties, Optional.empty())).hasMessageContaining(reason);
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";bindAddress=10.0.0.1")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";ssl=maybe")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";loginTimeout=-5")).hasMessageContaining("0 to 600");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                BASE + ";log\\file=/tmp/x",                  // escape
                BASE + ";log%66ile=/tmp/x",                  // percent-encoded name
                BASE + ";ssl=off;SSL=require",               // duplicate
                "jdbc:jtds:sybase://(host=db;logfile=/tmp/x):5000/sales",
                "jdbc:sybase:Tds:db:5000;logfile=/tmp/x/sales", // an option hidden in jConnect's host part
                "jdbc:sybase:Tds:db:5000/sales?charset=utf8;logfile=/tmp/x",
                BASE + "?logfile=/tmp/x",                    // the other syntax
                BASE + ";\u0131nstance=x",                  // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
