package dev.dbspec.plugin.dremio;

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

class DremioSpecTest extends EngineSpecContract {
    private final DremioEngineSpec spec = new DremioEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void handsItsUrlsToTheFlightSqlDriver() {
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:dremio:");
        assertThat(spec.driverUrl("jdbc:dremio://dremio.example:32010/?useEncryption=false"))
                .isEqualTo("jdbc:arrow-flight-sql://dremio.example:32010/?useEncryption=false");
        assertThat(spec.driverClassName()).isEqualTo("org.apache.arrow.driver.jdbc.ArrowFlightJdbcDriver");
    }

    @Test
    void truncatesCalendarUnitsOnly() {
        assertThat(spec.timeGrainExpressions()).hasSize(13)
                .doesNotContainKeys(TimeGrain.FIVE_SECONDS, TimeGrain.THIRTY_SECONDS, TimeGrain.FIVE_MINUTES, TimeGrain.SIX_HOURS);
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "\"ts\"")).isEqualTo("DATE_TRUNC('QUARTER', \"ts\")");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("DATE_TRUNC('WEEK', ts + INTERVAL '1' DAY) - INTERVAL '1' DAY");
    }

    @Test
    void writesLiteralsEpochsAndLimits() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("TO_DATE('2019-01-02', 'YYYY-MM-DD')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TO_TIMESTAMP('2019-01-02 03:04:05.678', 'YYYY-MM-DD HH24:MI:SS.FFF')");
        assertThat(spec.epochSecondsToDatetime()).hasValue("TO_TIMESTAMP({col})");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }

    @Test
    void refusesClientKeyFiles() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:dremio://h:32010/?useEncryption=true&clientKey=/etc/ssl/private/host.key"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("clientKey");
    }

    @Test
    void classifiesDremioErrors() {
        assertThat(spec.classifyError(new SQLException("VALIDATION ERROR: Object 'nope' not found")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("Failure parsing the query.")))
                .isEqualTo(ErrorCategory.SYNTAX);
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "dremio.example.com").replace("{port}", "32010"));
        Properties properties = new Properties();
        properties.setProperty("user", "analyst");
        properties.setProperty("password", "s3cret");
        properties.setProperty("token", "pat");
        spec.vetConnection("jdbc:dremio://dremio.example.com:32010/?useEncryption=true&useSystemTrustStore=true&schema=space.folder&routing_tag=bi&threadPoolSize=4", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("token")).as("token").isTrue();
        assertThat(spec.connectionOptions().isSecret("trustStorePassword")).as("trustStorePassword").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("clientCertificate", "client certificate"),
                Map.entry("clientKey", "client certificate"),
                Map.entry("disableCertificateVerification", "certificate verification"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:dremio://h:32010/?useEncryption=true&" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:dremio://h:32010/?useEncryption=true", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:dremio://h:32010/?useEncryption=true&hostnameOverride=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:dremio://h:32010/?useEncryption=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:dremio://h:32010/?threadPoolSize=0")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("1 to 64");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:dremio://h:32010/?client\\Key=/k",
                "jdbc:dremio://h:32010/?client%4Bey=/k",
                "jdbc:dremio://h:32010/?useEncryption=true&USEENCRYPTION=false",
                "jdbc:dremio://(host=h,clientKey=/k)/",
                "jdbc:dremio://h:32010/;clientKey=/k",
                "jdbc:dremio://h:32010/?useEncryption=true;clientKey=/k",
                "jdbc:dremio://h:32010/?clıentKey=/k",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
