package dev.dbspec.plugin.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.HiveFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SparkSpecTest extends EngineSpecContract {
    private final SparkEngineSpec spec = new SparkEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void usesDateTruncWhereSparkHasTheUnit() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.HOUR, "ts")).isEqualTo("date_trunc('hour', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_MONDAY, "ts")).isEqualTo("date_trunc('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER_YEAR, "ts")).isEqualTo("date_trunc('quarter', ts)");
        // Buckets Spark has no unit for come from the family, unchanged.
        assertThat(spec.timeGrainExpression(TimeGrain.TEN_MINUTES)).hasValue(HiveFamilySpec.GRAINS.get(TimeGrain.TEN_MINUTES));
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts"))
                .isEqualTo("CAST(CAST(next_day(date_sub(to_date(ts), 1), 'SU') AS DATE) AS TIMESTAMP)");
        // Sunday-based weeks shift a day around Spark's Monday week, as Superset writes them.
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("date_trunc('week', ts + interval '1 day') - interval '1 day'");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("date_trunc('week', ts + interval '1 day') + interval '5 days'");
    }

    @Test
    void mapsTheLegacySparkPrefixToDatabricks() {
        assertThat(spec.driverUrl("jdbc:spark://adb-1.azuredatabricks.net:443/default;transportMode=http;httpPath=sql/1"))
                .isEqualTo("jdbc:databricks://adb-1.azuredatabricks.net:443/default;transportMode=http;httpPath=sql/1");
        assertThat(spec.driverUrl("jdbc:databricks://h:443;httpPath=/sql/1.0/warehouses/abc"))
                .isEqualTo("jdbc:databricks://h:443;httpPath=/sql/1.0/warehouses/abc");
    }

    @Test
    void writesLiteralsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02 03:04:05.678000+02:00' AS TIMESTAMP)");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.epochMillisToDatetime()).hasValue("timestamp_millis({col})");
    }

    @Test
    void limitsAndCancels() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.aliases()).containsExactly("databricks");
    }

    @Test
    void classifiesSparkErrorClasses() {
        assertThat(spec.classifyError(new SQLException(
                "[Databricks][JDBCDriver](500051) ERROR processing query/statement. Error message from Server: "
                        + "[TABLE_OR_VIEW_NOT_FOUND] The table or view `x` cannot be found.", "HY000")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'.", "42601")))
                .isEqualTo(ErrorCategory.SYNTAX);
    }

    private static final String BASE = "jdbc:databricks://adb-1.azuredatabricks.net:443/default;httpPath=/sql/1.0/warehouses/abc";

    @Test
    void vetsTheTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "adb-1.azuredatabricks.net").replace("{port}", "443").replace("{http_path}", "/sql/1.0/warehouses/abc"));
        spec.checkUrl("jdbc:databricks://adb-1.azuredatabricks.net:443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=/sql/1.0/warehouses/abc;ConnCatalog=main;ConnSchema=sales;UserAgentEntry=dbspec");
        spec.checkUrl("jdbc:spark://adb-1.azuredatabricks.net:443/default;transportMode=http;ssl=1;httpPath=sql/1;AuthMech=3");
        Properties properties = new Properties();
        properties.setProperty("UID", "token");
        properties.setProperty("PWD", "dapi123");
        properties.setProperty("Auth_AccessToken", "eyJ.x.y");
        spec.vetConnection(BASE, properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("auth_accesstoken")).isTrue();
        assertThat(spec.connectionOptions().isSecret("OAuth2Secret")).isTrue();
    }

    @Test
    void refusesDangerousOptionsByNameWithTheirReasonInAnyCase() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("KrbJAASFile", "CVE-2024-49194"),
                Map.entry("LogPath", "log files"),
                Map.entry("LogLevel", "log files"),
                Map.entry("SSLKeyStore", "client key store"),
                Map.entry("AllowSelfSignedCerts", "man in the middle"),
                Map.entry("CAIssuedCertNamesMismatch", "man in the middle"),
                Map.entry("Auth_JWT_Key_File", "private key"),
                Map.entry("GoogleCredentialsFile", "cloud credentials"),
                Map.entry("VolumeOperationAllowedLocalPaths", "PUT and GET"),
                Map.entry("StagingAllowedLocalPaths", "PUT and GET"),
                Map.entry("EnableTokenCache", "OAuth tokens"),
                Map.entry("OAuth2RedirectUrlPort", "listener port"),
                Map.entry("OAuth2TokenEndpoint", "URL given in the option"),
                Map.entry("OAuthDiscoveryURL", "URL given in the option"));
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
        assertThatThrownBy(() -> spec.checkUrl(BASE + ";http.header.X-Forwarded-For=1.2.3.4")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:databricks://h:443;httpPath=/sql/1;ssl=true")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:databricks://h:443;httpPath=/sql/1;Auth_Flow=2")).hasMessageContaining("must be one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:databricks://h:443;httpPath=/sql/1;AuthMech=1")).hasMessageContaining("must be one of");
    }

    @Test
    void refusesFormsTheDriverReadsDifferently() {
        for (String url : new String[] {
                "jdbc:databricks://h:443/default;Aut\\h_JWT_Key_File=1", // escape
                "jdbc:databricks://h:443/default;A%75th_JWT_Key_File=1", // percent-encoded name
                "jdbc:databricks://h:443/default;SSL=1;ssl=0", // duplicate
                "jdbc:databricks://(host=h;Auth_JWT_Key_File=1)h:443/default", // host block
                "jdbc:databricks://h:443/default?Auth_JWT_Key_File=1", // the other syntax
                "jdbc:databricks://h:443/default;\u0131=1", // dotless i
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
