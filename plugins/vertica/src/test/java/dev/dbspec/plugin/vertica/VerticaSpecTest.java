package dev.dbspec.plugin.vertica;

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

class VerticaSpecTest extends EngineSpecContract {
    private final VerticaEngineSpec spec = new VerticaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void claimsEveryPostgresGrain() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "ts"))
                .isEqualTo("DATE_TRUNC('day', ts) + INTERVAL '6 hours' * FLOOR(EXTRACT(HOUR FROM ts) / 6)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("DATE_TRUNC('week', ts) + INTERVAL '6 days'");
    }

    @Test
    void keepsTheCaseOfNamesAndWritesTypedLiterals() {
        assertThat(spec.identifierQuoting().normalizeUnquoted("Sales")).isEqualTo("Sales");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000000'");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.defaultPort()).hasValue(5433);
    }

    @Test
    void refusesLogFiles() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:vertica://h:5433/db?LogLevel=TRACE&LogPath=/tmp"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("LogPath");
    }

    private static final String BASE = "jdbc:vertica://vertica.example.com:5433/sales";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "vertica.example.com").replace("{port}", "5433").replace("{database}", "sales"));
        spec.checkUrl("jdbc:vertica://vertica.example.com:5433/sales?TLSmode=verify-full&LoginTimeout=15&SessionLabel=dbspec&ReadOnly=true");
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", "pw");
        properties.setProperty("OAuthAccessToken", "t");
        spec.vetConnection(BASE, properties, Optional.empty());
        assertThat(spec.enforcedConnectionProperties()).containsEntry("DisableCopyLocal", "true");
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("ConnSettings", "runs SQL"),
                Map.entry("SocketFactoryName", "instantiate a class"),
                Map.entry("SSLSocketFactoryName", "instantiate a class"),
                Map.entry("HostnameVerifier", "instantiate a class"),
                Map.entry("KeyStorePath", "client key store"),
                Map.entry("LogPath", "log files"),
                Map.entry("LogLevel", "log files"),
                Map.entry("JAASConfigName", "Kerberos"),
                Map.entry("OAuthTokenUrl", "URL given in the option"),
                Map.entry("DisableCopyLocal", "COPY ... FROM LOCAL"));
        reasons.forEach((name, reason) -> {
            for (String spelled : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl(BASE + "?" + spelled + "=1"))
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
        assertThatThrownBy(() -> spec.checkUrl(BASE + "?AutoCommit=false")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:vertica://h:5433/db?TLSmode=maybe")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:vertica://h:5433/db?LoginTimeout=x")).hasMessageContaining("0 to 600");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:vertica://h:5433/db?Con\\nSettings=1", // escape
                "jdbc:vertica://h:5433/db?C%6FnnSettings=1", // percent-encoded name
                "jdbc:vertica://h:5433/db?ssl=true&SSL=false", // duplicate
                "jdbc:vertica://(host=h,ConnSettings=1)h:5433/db", // host block
                "jdbc:vertica://h:5433/db;ConnSettings=1", // the other syntax
                "jdbc:vertica://h:5433/db?ssl=true;ConnSettings=1", // a semicolon in a value
                "jdbc:vertica://h:5433/db?\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
