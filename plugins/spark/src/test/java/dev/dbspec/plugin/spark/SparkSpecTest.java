package dev.dbspec.plugin.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.HiveFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SparkSpecTest extends EngineSpecContract {
    private final SparkEngineSpec spec = new SparkEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "KrbJAASFile", "LogPath", "LogLevel", "SSLKeyStore", "AllowSelfSignedCerts", "CAIssuedCertNamesMismatch",
                "Auth_JWT_Key_File", "GoogleCredentialsFile", "VolumeOperationAllowedLocalPaths", "StagingAllowedLocalPaths",
                "EnableTokenCache", "OAuth2RedirectUrlPort", "OAuth2TokenEndpoint", "OAuthDiscoveryURL");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=true", "must be one of",
                "Auth_Flow=2", "must be one of",
                "AuthMech=1", "must be one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:databricks://adb-1.azuredatabricks.net:443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=/sql/1.0/warehouses/abc;ConnCatalog=main;ConnSchema=sales;UserAgentEntry=dbspec",
                "jdbc:spark://adb-1.azuredatabricks.net:443/default;transportMode=http;ssl=1;httpPath=sql/1;AuthMech=3");
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
}
