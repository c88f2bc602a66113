package dev.dbspec.plugin.cratedb;

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

class CrateDbSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new CrateDbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void dateTruncGrains() {
        assertThat(spec.timeGrainExpressions()).hasSize(10).doesNotContainKeys(TimeGrain.FIVE_MINUTES, TimeGrain.WEEK_STARTING_SUNDAY);
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER_YEAR, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
    }

    @Test
    void literalsEpochsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678' AS TIMESTAMP WITHOUT TIME ZONE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02T03:04:05.678+02:00' AS TIMESTAMP WITH TIME ZONE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST({col} * 1000 AS TIMESTAMP WITHOUT TIME ZONE)");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.aliases()).containsExactly("crate");
    }

    @Test
    void refusesASocketFactory() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:crate://db:5432/?socketFactory=evil.Factory"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("socketFactory");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "crate.example.com").replace("{port}", "5432").replace("{database}", "doc"));
        Properties properties = new Properties();
        properties.setProperty("user", "crate");
        properties.setProperty("password", "s3cret");
        properties.setProperty("sslpassword", "k");
        spec.vetConnection("jdbc:crate://crate1.example.com:5432,crate2.example.com:5432/?schema=doc&ssl=true&sslmode=verify-full&connectTimeout=10&socketTimeout=300&ApplicationName=dbspec&defaultRowFetchSize=1000&loadBalanceHosts=true", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("sslpassword")).as("sslpassword").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("socketFactory", "instantiate"),
                Map.entry("sslfactory", "instantiate"),
                Map.entry("sslhostnameverifier", "instantiate"),
                Map.entry("sslpasswordcallback", "instantiate"),
                Map.entry("socketFactoryArg", "passes URL values"),
                Map.entry("sslfactoryarg", "passes URL values"),
                Map.entry("loggerFile", "log"),
                Map.entry("jaasLogin", "this host's own"),
                Map.entry("jaasApplicationName", "this host's own"),
                Map.entry("kerberosServerName", "this host's own"),
                Map.entry("useSpnego", "this host's own"),
                Map.entry("gsslib", "this host's own"),
                Map.entry("sspiServiceClass", "this host's own"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:crate://db:5432/?schema=doc&" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:crate://db:5432/?schema=doc", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:crate://db:5432/?schema=doc&replication=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:crate://db:5432/?ssl=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:crate://db:5432/?ssl=true&sslmode=require")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("certificate");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:crate://db:5432/?connectTimeout=99999")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("0 to 3600");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:crate://db:5432/?socket\\Factory=evil.F",
                "jdbc:crate://db:5432/?socket%46actory=evil.F",
                "jdbc:crate://db:5432/?ssl=true&SSL=false",
                "jdbc:crate://(host=db,socketFactory=evil.F)/",
                "jdbc:crate://db:5432/;socketFactory=evil.F",
                "jdbc:crate://db:5432/?ssl=true;socketFactory=evil.F",
                "jdbc:crate://db:5432/?sslmode=verıfy-full",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
