package dev.dbspec.plugin.spark;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.HiveFamilySpec;
import dev.dbspec.plugin.family.PrefixRewrite;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Spark SQL and Databricks through the Databricks JDBC driver (not bundled): all 21 grains, {@code date_trunc}
 * where Spark has the unit (its WEEK is the ISO week, Monday), Superset's day shifts around it for the weeks
 * starting Sunday and ending Saturday, and the family's session-zone-safe text and {@code next_day} forms for the rest. Legacy {@code jdbc:spark:} URLs (Simba Spark driver) map to {@code jdbc:databricks:}.
 */
@Extension
public final class SparkEngineSpec extends HiveFamilySpec {
    private static final PrefixRewrite SIMBA_PREFIX = new PrefixRewrite("jdbc:spark:", "jdbc:databricks:");

    private static final Map<TimeGrain, String> GRAINS = grains();

    private static final String FETCHES = "makes the driver send credentials to, or fetch from, a URL given in the option";

    /**
     * The family's Simba options and the Databricks driver's own (databricks-jdbc 3.4.5, {@code DatabricksJdbcUrlParams}).
     * AuthMech 3 is a personal access token or user and password, 11 OAuth; Auth_Flow 0 passes a token, 1 is OAuth
     * machine-to-machine. Browser sign-in (Auth_Flow 2) and the host's Azure identity (3) are not allowed.
     */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .addAll(SIMBA_OPTIONS)
            .allow("AuthMech", OptionRule.oneOf("3", "11"))
            .allow("Auth_Flow", OptionRule.oneOf("0", "1"))
            .allow(OptionRule.text(255), "ConnCatalog", "ConnSchema", "OAuth2ClientId", "AzureTenantId", "Auth_Scope")
            .allow(OptionRule.text(128), "UserAgentEntry", "ApplicationName")
            .allow(OptionRule.oneOf("0", "1"), "EnableArrow", "EnableQueryResultDownload", "EnableDirectResults",
                    "EnableQueryResultLZ4Compression", "EnableTelemetry", "UseThriftClient", "TemporarilyUnavailableRetry",
                    "RateLimitRetry", "UseSystemTrustStore", "EnableComplexDatatypeSupport")
            .allow("QueryResultCompressionType", OptionRule.oneOf("0", "1"))
            .allow(OptionRule.integer(0, 3_600), "TemporarilyUnavailableRetryTimeout", "RateLimitRetryTimeout", "IdleHttpConnectionExpiry")
            .secret("Auth_AccessToken", "OAuth2Secret")
            .refuse("reads a private key from the server's local file system", "Auth_JWT_Key_File")
            .refuse("reads cloud credentials from a file of the server's local file system", "GoogleCredentialsFile")
            .refuse("lets SQL (PUT and GET of Unity Catalog volumes) read and write files of the server's local file system",
                    "VolumeOperationAllowedLocalPaths", "StagingAllowedLocalPaths")
            .refuse("stores OAuth tokens in a file of the server's local file system", "EnableTokenCache", "TokenCachePassPhrase")
            .refuse(DriverRefusals.BROWSER_LISTENER, "OAuth2RedirectUrlPort")
            .refuse(FETCHES, "OAuth2TokenEndpoint", "OAuth2ConnAuthTokenEndpoint", "OAuth2AuthorizationEndPoint",
                    "OAuth2ConnAuthAuthorizeEndpoint", "OAuthDiscoveryURL", "OIDCDiscoveryEndpoint")
            .build();

    private static Map<TimeGrain, String> grains() {
        Map<TimeGrain, String> grains = new EnumMap<>(HiveFamilySpec.GRAINS);
        // Lower-case units as Superset writes them (Spark reads the unit case-insensitively).
        Map.of(TimeGrain.SECOND, "second", TimeGrain.MINUTE, "minute", TimeGrain.HOUR, "hour", TimeGrain.DAY, "day",
                        TimeGrain.WEEK, "week", TimeGrain.WEEK_STARTING_MONDAY, "week", TimeGrain.MONTH, "month",
                        TimeGrain.QUARTER, "quarter", TimeGrain.QUARTER_YEAR, "quarter", TimeGrain.YEAR, "year")
                .forEach((grain, unit) -> grains.put(grain, "date_trunc('" + unit + "', {col})"));
        // Superset's Sunday-based weeks: a day later, a Sunday is the first day of the next ISO week, so
        // date_trunc('week') gives the Monday after the Sunday that starts the bucket; one day back is that
        // Sunday, five days on the Saturday that ends it. An interval of days on a TIMESTAMP moves the local
        // date in the session time zone and keeps the wall clock (Spark adds days with plusDays on the zoned
        // value, for CalendarInterval and ANSI DAY intervals alike), so the result is that day at 00:00 in the
        // session zone, a TIMESTAMP like every other date_trunc grain; a DATE column is cast by date_trunc.
        grains.put(TimeGrain.WEEK_STARTING_SUNDAY, "date_trunc('week', {col} + interval '1 day') - interval '1 day'");
        grains.put(TimeGrain.WEEK_ENDING_SATURDAY, "date_trunc('week', {col} + interval '1 day') + interval '5 days'");
        return Map.copyOf(grains);
    }

    /** The Databricks driver accepts only {@code jdbc:databricks:}; the Simba Spark driver's prefix is rewritten. */
    @Override
    public String driverUrl(String jdbcUrl) {
        return SIMBA_PREFIX.driverUrl(jdbcUrl);
    }

    public SparkEngineSpec() {
        super(facts(SparkEngineSpec.class)
                .options(OPTIONS)
                // Spark keeps the case of unquoted names and compares them case-insensitively.
                .quoting(IdentifierQuoting.BACKTICKS)
                .grains(GRAINS)
                // Spark's TIMESTAMP is an instant: text with an offset becomes that instant.
                .literals(LITERALS.toBuilder()
                            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS TIMESTAMP)", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
                            .build())
                // Exact instants (Spark 3.1+), shown as UTC wall clock when the session time zone is UTC (Databricks'
                // default).
                .epochSeconds("timestamp_seconds({col})")
                .epochMillis(Optional.of("timestamp_millis({col})"))
                .maxColumnNameLength(767)
                // Unity Catalog adds catalogs above schemas.
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_CATALOG)
                .build());
    }
}
