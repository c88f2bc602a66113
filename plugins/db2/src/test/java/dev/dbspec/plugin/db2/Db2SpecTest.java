package dev.dbspec.plugin.db2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
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

class Db2SpecTest extends EngineSpecContract {
    private final EngineSpec spec = new Db2EngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** Db2 writes options after the database name: {@code jdbc:db2://host:port/db:name=value;name=value;}. */
    @Override
    protected Optional<String> urlWithOption(String url, String name, String value) {
        return Optional.of(url + (url.endsWith(";") ? "" : ":") + name + "=" + value + ";");
    }

    @Test
    void grainsUseLabeledDurations() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "TS"))
                .isEqualTo("TIMESTAMP(DATE(TS), '00:00:00') - (DAYOFWEEK_ISO(TS) - 1) DAYS");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "TS"))
                .isEqualTo("TIMESTAMP(DATE(TS), '00:00:00') - (DAY(TS) - 1) DAYS - MOD(MONTH(TS) - 1, 3) MONTHS");
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "TS")).isEqualTo("TIMESTAMP(DATE(TS), '00:00:00') + (HOUR(TS) / 6 * 6) HOURS");
    }

    @Test
    void literals() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE('2019-01-02')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME('03:04:05')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP('2019-01-02-03.04.05.678000')");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
    }

    @Test
    void wrapsWithFetchFirst() {
        assertThat(spec.limitMethod()).isEqualTo(LimitMethod.WRAP_SQL);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.genericType("CHAR () FOR BIT DATA")).isEqualTo(GenericType.BINARY);
        assertThat(spec.genericType("VARGRAPHIC")).isEqualTo(GenericType.STRING);
    }

    @Test
    void refusesATraceFileEvenAsTheFirstOption() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:db2://db:50000/SAMPLE:traceFile=/tmp/jcc.log;"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("traceFile");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:db2://db:50000/SAMPLE:user=a;traceDirectory=/tmp;"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("traceDirectory");
        spec.checkUrl("jdbc:db2://db:50000/SAMPLE:currentSchema=APP;");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "db2.example.com").replace("{port}", "50000").replace("{database}", "SAMPLE"));
        Properties properties = new Properties();
        properties.setProperty("user", "db2inst1");
        properties.setProperty("password", "s3cret");
        properties.setProperty("sslTrustStorePassword", "k");
        spec.vetConnection("jdbc:db2://db2.example.com:50001/SAMPLE:currentSchema=SALES;sslConnection=true;securityMechanism=9;loginTimeout=10;clientProgramName=dbspec;fetchSize=1000;", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("sslTrustStorePassword")).as("sslTrustStorePassword").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("traceFile", "trace file"),
                Map.entry("traceDirectory", "trace files"),
                Map.entry("clientRerouteServerListJNDIName", "JNDI"),
                Map.entry("pluginName", "plug-in class"),
                Map.entry("plugin", "plug-in class"),
                Map.entry("kerberosServerPrincipal", "this host's own tickets"),
                Map.entry("gssCredential", "this host's own tickets"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:db2://db:50000/SAMPLE:currentSchema=APP;" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:db2://db:50000/SAMPLE", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:db2://db:50000/SAMPLE:currentSchema=APP;traceLevel=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:db2://db:50000/SAMPLE:sslConnection=maybe;")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:db2://db:50000/SAMPLE:securityMechanism=4;")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:db2:SAMPLE")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("jdbc:db2://");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:db2://db:50000/SAMPLE:trace\\File=/tmp/x;",
                "jdbc:db2://db:50000/SAMPLE:trace%46ile=/tmp/x;",
                "jdbc:db2://db:50000/SAMPLE:currentSchema=A;CURRENTSCHEMA=B;",
                "jdbc:db2://(host=db,traceFile=/tmp/x)/SAMPLE",
                "jdbc:db2://db:50000/SAMPLE;traceFile=/tmp/x;",
                "jdbc:db2://db:50000/SAMPLE:currentSchema=A?traceFile=/tmp/x",
                "jdbc:db2://db:50000/SAMPLE:currentSchema=A&traceFile=/tmp/x;",
                "jdbc:db2://db:50000/SAMPLE:trıceFile=/tmp/x;",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
