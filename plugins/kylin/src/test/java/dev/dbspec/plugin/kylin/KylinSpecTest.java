package dev.dbspec.plugin.kylin;

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

class KylinSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new KylinEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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

    private static final String BASE = "jdbc:kylin://kylin.example.com:7070/learn_kylin";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "kylin.example.com").replace("{port}", "7070").replace("{database}", "learn_kylin"));
        spec.checkUrl("jdbc:kylin://kylin.example.com:7070/learn_kylin;ssl=true");
        Properties properties = new Properties();
        properties.setProperty("user", "ADMIN");
        properties.setProperty("password", "pw");
        properties.setProperty("ssl", "true");
        spec.vetConnection(BASE, properties, Optional.empty());
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("factory", "instantiate a class"),
                Map.entry("httpclient_impl", "instantiate a class"),
                Map.entry("keytab", "keytab"),
                Map.entry("truststore", "trust store"),
                Map.entry("principal", "Kerberos"),
                Map.entry("hostname_verification", "man in the middle"),
                Map.entry("url", "another URL"));
        reasons.forEach((name, reason) -> {
            for (String spelled : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl(BASE + ";" + spelled + "=1"))
                        .isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(spelled))
                        .hasMessageContaining(reason);
            }
            Properties properties = new Properties();
            properties.setProperty(name, "1");
            assertThatThrownBy(() -> spec.vetConnection(BASE, properties, Optional.empty())).hasMessageContaining(reason);
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";timeZone=UTC")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:kylin://kylin.example.com:7070/learn_kylin;ssl=maybe")).hasMessageContaining("false, true");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:kylin://kylin.example.com:7070/learn_kylin;key\\tab=/k", // escape
                "jdbc:kylin://kylin.example.com:7070/learn_kylin;key%74ab=/k", // percent-encoded name
                "jdbc:kylin://kylin.example.com:7070/learn_kylin;ssl=true;SSL=false", // duplicate
                "jdbc:kylin://kylin.example.com:7070/learn_kylin;ssl=\"true;keytab=/k\"", // quotes
                "jdbc:kylin://(host=k;keytab=/k):7070/p", // host block
                "jdbc:kylin://kylin.example.com:7070/learn_kylin?keytab=/k", // the other syntax
                "jdbc:kylin://kylin.example.com:7070/learn_kylin;\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
