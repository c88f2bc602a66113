package dev.dbspec.plugin.exasol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExasolSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new ExasolEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "TS")).isEqualTo("TRUNC(TS, 'IW')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "TS")).isEqualTo("ADD_DAYS(TRUNC(ADD_DAYS(TS, 1), 'IW'), 5)");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_SECONDS, "TS"))
                .isEqualTo("ADD_SECONDS(TRUNC(TS, 'MI'), FLOOR(EXTRACT(SECOND FROM TS) / 5) * 5)");
    }

    @Test
    void literalsEpochAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("ADD_SECONDS(TIMESTAMP '1970-01-01 00:00:00', {col})");
        assertThat(spec.epochMillisToDatetime()).isEmpty();
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.aliases()).containsExactly("exa");
    }

    @Test
    void missingObjectsBeatTheGeneric42000() {
        assertThat(spec.classifyError(new SQLException("object NOPE not found [line 1, column 15]", "42000")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("syntax error, unexpected IDENTIFIER_PART_", "42000")))
                .isEqualTo(ErrorCategory.SYNTAX);
    }

    @Test
    void refusesALogDirectory() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:exa:db:8563;schema=SYS;logdir=/tmp"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("logdir");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "exa.example.com").replace("{port}", "8563").replace("{database}", "SALES"));
        Properties properties = new Properties();
        properties.setProperty("user", "sys");
        properties.setProperty("password", "s3cret");
        spec.vetConnection("jdbc:exa:10.0.0.11..14:8563;schema=SALES;encryption=1;validateservercertificate=1;fingerprint=8A3B5C;clientname=dbspec;logintimeout=10;querytimeout=300;fetchsize=100000", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("keystorepassword")).as("keystorepassword").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("logdir", "log files"),
                Map.entry("debug", "log files"),
                Map.entry("socketfactory", "instantiate"),
                Map.entry("socketfactoryarg", "passes URL values"),
                Map.entry("kerberosconfig", "as this host"),
                Map.entry("kerberosgssconfig", "as this host"),
                Map.entry("kerberosservicename", "as this host"),
                Map.entry("kerberosrealm", "as this host"),
                Map.entry("kerberoshostname", "as this host"),
                Map.entry("kerberosusername", "as this host"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:exa:db:8563;schema=SYS;" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:exa:db:8563;schema=SYS", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:exa:db:8563;schema=SYS;onconnect=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:exa:db:8563;encryption=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:exa:db:8563;validateservercertificate=0")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("certificate validation");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:exa:db:8563;querytimeout=-5")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("0 to 86400");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:exa:db:8563;log\\dir=/tmp",
                "jdbc:exa:db:8563;%6Cogdir=/tmp",
                "jdbc:exa:db:8563;schema=A;SCHEMA=B",
                "jdbc:exa:(host=db,logdir=/tmp):8563",
                "jdbc:exa:db:8563?logdir=/tmp",
                "jdbc:exa:db:8563;schema=A&logdir=/tmp",
                "jdbc:exa:db:8563;schema=ı",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
