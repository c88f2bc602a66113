package dev.dbspec.plugin.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
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

class DrillSpecTest extends EngineSpecContract {
    private final DrillEngineSpec spec = new DrillEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void floorsWithNearestDateAndLeavesOutUnitsDrillLacks() {
        assertThat(spec.timeGrainExpressions()).hasSize(17)
                .doesNotContainKeys(TimeGrain.FIVE_SECONDS, TimeGrain.FIVE_MINUTES, TimeGrain.TEN_MINUTES, TimeGrain.SIX_HOURS);
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "`ts`")).isEqualTo("NEARESTDATE(`ts`, 'QUARTER_HOUR')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("NEARESTDATE(ts, 'WEEK_MONDAY')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("NEARESTDATE(ts, 'WEEK_SUNDAY') + INTERVAL '6' DAY");
    }

    @Test
    void writesMillisecondLiteralsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000'");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
        assertThat(spec.epochMillisToDatetime()).hasValue("TO_TIMESTAMP(({col} / 1000.0))");
    }

    @Test
    void limitsQuotesWithBackticksAndDoesNotCancel() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.identifierQuoting().quote("dfs.tmp")).isEqualTo("`dfs.tmp`");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }

    @Test
    void refusesKeytabs() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:drill:drillbit=h:31010;keytab=/etc/security/drill.keytab"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("keytab");
        spec.checkUrl("jdbc:drill:zk=zk1:2181/drill/drillbits1;schema=dfs.tmp");
    }

    @Test
    void classifiesDrillUserExceptions() {
        assertThat(spec.classifyError(new SQLException("VALIDATION ERROR: From line 1, column 15 to line 1, column 17: "
                + "Object 'nope' not found"))).isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("PARSE ERROR: Encountered \"SELEC\" at line 1")))
                .isEqualTo(ErrorCategory.SYNTAX);
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "drill.example.com").replace("{port}", "31010"));
        Properties properties = new Properties();
        properties.setProperty("user", "analyst");
        properties.setProperty("password", "s3cret");
        properties.setProperty("trustStorePassword", "k");
        spec.vetConnection("jdbc:drill:zk=zk1.example.com:2181,zk2.example.com:2181/drill/drillbits1;schema=dfs.tmp;tries=3;auth=plain;enableTLS=true;TLSProtocol=TLSv1.3", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("trustStorePassword")).as("trustStorePassword").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("keytab", "keytab"),
                Map.entry("principal", "this host's own tickets"),
                Map.entry("realm", "this host's own tickets"),
                Map.entry("service_name", "this host's own tickets"),
                Map.entry("service_host", "this host's own tickets"),
                Map.entry("disableCertificateVerification", "certificate"),
                Map.entry("disableHostVerification", "certificate"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:drill:drillbit=h:31010;" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:drill:drillbit=h:31010", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:drill:drillbit=h:31010;saslEncryptionBuffer=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:drill:drillbit=h:31010;enableTLS=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:drill:drillbit=h:31010;auth=KERBEROS")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("this host's own tickets");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:drill:drillbit=h:31010;tries=0")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("1 to 100");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:drill:drillbit=h:31010;key\\tab=/k",
                "jdbc:drill:drillbit=h:31010;%6Beytab=/k",
                "jdbc:drill:drillbit=h:31010;schema=a;SCHEMA=b",
                "jdbc:drill:drillbit=(host=h,keytab=/k)",
                "jdbc:drill:drillbit=h:31010?keytab=/k",
                "jdbc:drill:drillbit=h:31010;schema=a&keytab=/k",
                "jdbc:drill:drillbit=h:31010;kıytab=/k",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
