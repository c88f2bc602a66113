package dev.dbspec.plugin.netezza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
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

class NetezzaSpecTest extends EngineSpecContract {
    private final NetezzaEngineSpec spec = new NetezzaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void claimsOnlyCalendarTruncationsWithoutWeeks() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY,
                TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.QUARTER_YEAR, TimeGrain.YEAR);
        assertThat(spec.timeGrainSql(TimeGrain.HOUR, "ts")).isEqualTo("DATE_TRUNC('hour', ts)");
        assertThat(spec.timeGrainExpression(TimeGrain.WEEK)).isEmpty();
    }

    @Test
    void writesLiteralsWithoutAZonedTimestamp() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
        assertThat(spec.epochMillisToDatetime()).hasValue("(TIMESTAMP 'epoch' + ({col} / 1000.0) * INTERVAL '1 second')");
    }

    @Test
    void upperCasesNamesLimitsAndDoesNotCancel() {
        assertThat(spec.identifierQuoting().normalizeUnquoted("sales")).isEqualTo("SALES");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec.defaultPort()).hasValue(5480);
    }

    @Test
    void refusesLogDirectories() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:netezza://h:5480/db;logDirPath=/var/www;logLevel=2"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("logDirPath");
    }

    private static final String BASE = "jdbc:netezza://nz.example.com:5480/sales";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "nz.example.com").replace("{port}", "5480").replace("{database}", "sales"));
        spec.checkUrl("jdbc:netezza://nz.example.com:5480/sales;securityLevel=onlySecured;caCertFile=/srv/dbspec/files/ca.pem;loginTimeout=15;schema=admin");
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", "pw");
        spec.vetConnection(BASE, properties, Optional.empty());
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("logDirPath", "log files"),
                Map.entry("logLevel", "log files"));
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
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";DSN=x")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:netezza://h:5480/db;securityLevel=maybe")).hasMessageContaining("must be one of");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:netezza://h:5480/db;log\\DirPath=1", // escape
                "jdbc:netezza://h:5480/db;l%6FgDirPath=1", // percent-encoded name
                "jdbc:netezza://h:5480/db;readOnly=true;READONLY=false", // duplicate
                "jdbc:netezza://(host=h;logDirPath=1)h:5480/db", // host block
                "jdbc:netezza://h:5480/db?logDirPath=1", // the other syntax
                "jdbc:netezza://h:5480/db;\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
