package dev.dbspec.plugin.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RedshiftSpecTest extends EngineSpecContract {
    private final RedshiftEngineSpec spec = new RedshiftEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void inheritsThePostgresGrains() {
        assertThat(spec.timeGrainExpressions()).isEqualTo(PostgresFamilySpec.GRAINS).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("DATE_TRUNC('week', ts + INTERVAL '1 day') - INTERVAL '1 day'");
        assertThat(spec.sqlFamily()).isEqualTo(SqlFamily.POSTGRESQL);
    }

    @Test
    void castsTimeAndZonedLiterals() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("CAST('03:04:05.000000' AS TIME)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02 03:04:05.678000+02:00' AS TIMESTAMPTZ)");
        assertThat(spec.epochSecondsToDatetime()).hasValue("(TIMESTAMP 'epoch' + {col} * INTERVAL '1 second')");
    }

    @Test
    void limitsCancelsAndAllowsLongNames() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.maxColumnNameLength()).hasValue(127);
        assertThat(spec.defaultPort()).hasValue(5439);
    }

    @Test
    void refusesCredentialPluginClasses() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:redshift://c.x.redshift.amazonaws.com:5439/dev?plugin_name=com.evil.Plugin"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("plugin_name");
        spec.checkUrl("jdbc:redshift://c.x.redshift.amazonaws.com:5439/dev?ssl=true");
    }

    private static final String BASE = "jdbc:redshift://c.x.us-east-1.redshift.amazonaws.com:5439/dev";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "c.x.us-east-1.redshift.amazonaws.com").replace("{port}", "5439").replace("{database}", "dev"));
        spec.checkUrl("jdbc:redshift://c.x.us-east-1.redshift.amazonaws.com:5439/dev?ssl=true&sslmode=verify-full&ApplicationName=dbspec&socketTimeout=300&defaultRowFetchSize=1000");
        Properties properties = new Properties();
        properties.setProperty("user", "bi");
        properties.setProperty("password", "pw");
        properties.setProperty("ssl", "true");
        spec.vetConnection(BASE, properties, Optional.empty());
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("sslfactory", "instantiate a class"),
                Map.entry("plugin_name", "instantiate a class"),
                Map.entry("socketFactory", "instantiate a class"),
                Map.entry("logpath", "log files"),
                Map.entry("loglevel", "log files"),
                Map.entry("inifile", "local file"),
                Map.entry("sslkey", "client certificate"),
                Map.entry("Profile", "AWS credentials"));
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
        assertThatThrownBy(() -> spec.checkUrl(BASE + "?IAMAuth=true")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:redshift://h:5439/dev?ssl=maybe")).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:redshift://h:5439/dev?sslmode=allow")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:redshift:iam://c.x:5439/dev")).hasMessageContaining("host's own AWS credentials");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:redshift://h:5439/dev?plu\\gin_name=1", // escape
                "jdbc:redshift://h:5439/dev?p%6Cugin_name=1", // percent-encoded name
                "jdbc:redshift://h:5439/dev?ssl=true&SSL=false", // duplicate
                "jdbc:redshift://(host=h,plugin_name=1)h:5439/dev", // host block
                "jdbc:redshift://h:5439/dev;plugin_name=1", // the other syntax
                "jdbc:redshift://h:5439/dev?ssl=true;plugin_name=1", // a semicolon in a value
                "jdbc:redshift://h:5439/dev?\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
