package dev.dbspec.plugin.bigquery;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Google BigQuery through Google's JDBC driver, spec only: all 21 grains, backticks, epochs through
 * {@code TIMESTAMP_SECONDS}/{@code TIMESTAMP_MILLIS}.
 *
 * <p>Grains work on {@code CAST(col AS DATETIME)}, the wall-clock value ({@code TIMESTAMP} columns read at
 * UTC), with {@code DATETIME_TRUNC}: one template serves DATE, DATETIME and TIMESTAMP columns where Superset
 * needs the column type. Weeks use {@code WEEK(MONDAY)}/{@code WEEK(SUNDAY)} (plain {@code WEEK} starts on
 * Sunday); steps add whole units with {@code DIV}, so no epoch division (which truncates before 1970).
 */
@Extension
public final class BigQueryEngineSpec extends DeclaredEngineSpec {
    /** Steps add whole steps of the field to the enclosing unit; a week ends six days after it starts. */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .value("CAST({col} AS DATETIME)")
            .truncate((unit, value) -> "DATETIME_TRUNC(" + value + ", " + switch (unit) {
                case WEEK -> "WEEK(MONDAY)";
                case WEEK_STARTING_SUNDAY -> "WEEK(SUNDAY)";
                default -> unit.name();
            } + ")", TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.WEEK, TimeGrain.WEEK_STARTING_SUNDAY,
                    TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .stepped((within, field, step, value) -> "DATETIME_ADD(DATETIME_TRUNC(" + value + ", " + within + "), INTERVAL DIV(EXTRACT("
                    + field + " FROM " + value + "), " + step + ") * " + step + " " + field + ")")
            .endingWeeks((value, days) -> "DATETIME_ADD(" + value + ", INTERVAL " + days + " DAY)")
            .build();

    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^int64$", GenericType.INTEGER)
            .map("^float64$", GenericType.FLOAT)
            .map("^bignumeric\\b", GenericType.DECIMAL)
            .map("^geography$", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("invalid_grant|invalid authentication credentials|Request had invalid authentication", ErrorCategory.BAD_CREDENTIALS)
            .message("Not found: (Project|Dataset)", ErrorCategory.UNKNOWN_DATABASE)
            .message("Not found: Table", ErrorCategory.MISSING_TABLE)
            .message("Access Denied|Permission .* denied", ErrorCategory.PERMISSION)
            .message("Syntax error", ErrorCategory.SYNTAX)
            .message("Job timed out|deadline exceeded", ErrorCategory.TIMEOUT)
            .unreachableHost()
            .then(ErrorPatterns.standard())
            .build();

    private static final String HOST_IDENTITY = "the driver would authenticate with this server's own Google credentials"
            + " (application default credentials), or open a browser on it";

    /**
     * The Google BigQuery JDBC driver's connection properties (Google's "BigQuery JDBC driver" connection property
     * reference), written {@code jdbc:bigquery://endpoint:port;Name=Value;...}, the semicolon form the strict reader
     * takes as it is: project, dataset, location, a service account key or tokens given as secrets, timeouts, result
     * paging, the Storage (high-throughput) API, a proxy, a trust store inside the files directory. Refused: key
     * files and log files on the local file system, the server's own credentials (OAuthType 1 and 3), and endpoint
     * overrides that send the credentials elsewhere.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.text(256), "ProjectId", "AdditionalProjects", "DefaultDataset", "Location", "OAuthServiceAcctEmail",
                    "OAuthClientId", "LargeResultTable", "LargeResultDataset", "KMSKeyName")
            .allow("OAuthType", DriverOptionRules.oneOfRefusing(Map.of("1", HOST_IDENTITY, "3", HOST_IDENTITY), "0", "2"))
            .secret("OAuthPvtKey", "OAuthAccessToken", "OAuthRefreshToken", "OAuthClientSecret", "ProxyPwd", "SSLTrustStorePwd")
            .allow("QueryDialect", OptionRule.oneOf("SQL", "BIG_QUERY"))
            .allow(OptionRule.bool(), "UseQueryCache", "AllowLargeResults", "EnableHighThroughputAPI", "RequestGoogleDriveScope")
            .allow(OptionRule.integer(0, 86_400), "Timeout", "JobTimeout")
            .allow(OptionRule.integer(1, 100_000_000), "MaxResults", "HighThroughputMinTableSize")
            .allow("HighThroughputActivationRatio", OptionRule.integer(1, 1_000))
            .allow("MetaDataFetchThreadCount", OptionRule.integer(1, 64))
            .allow("ProxyHost", OptionRule.hostNames())
            .allow("ProxyPort", OptionRule.integer(1, 65_535))
            .allow("ProxyUid", OptionRule.text(256))
            .allow("SSLTrustStore", OptionRule.localPath())
            .refuse("reads a service-account key from the server's local file system (the server's own credentials)", "OAuthPvtKeyPath")
            .refuse(DriverRefusals.LOG_FILES, "LogPath", "LogLevel")
            .refuse("sends the driver's requests, with the connection's credentials, to endpoints named in the URL",
                    "EndpointOverrides", "PrivateServiceConnectUris", "universeDomain")
            .build();

    // ---- partitions (spec only: INFORMATION_SCHEMA.PARTITIONS, see BigQueryPartitions) ----

    public BigQueryEngineSpec() {
        super(EngineFacts.builder(BigQueryEngineSpec.class)
                .options(OPTIONS)
                .sqlFamily(SqlFamily.BIGQUERY)
                .quoting(IdentifierQuoting.BACKTICKS)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                // A naive timestamp is a DATETIME in BigQuery; TIMESTAMP is an instant and takes the offset. A column of native
                // type TIMESTAMP gets a TIMESTAMP (comparing it with a DATETIME fails): text without an offset is read as UTC, as
                // dbspec takes a value without zone for a zoned type; a value with an offset keeps it.
                .literals(DatetimeLiterals.typed(6, TemporalType.DATE, TemporalType.TIME).toBuilder()
                        .nativeType("^timestamp$", "CAST('{value}' AS TIMESTAMP)", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS[xxx]")
                        .add(TemporalType.TIMESTAMP, "DATETIME '{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSS")
                        .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
                        .build())
                .epochSeconds("TIMESTAMP_SECONDS({col})")
                .epochMillis(Optional.of("TIMESTAMP_MILLIS({col})"))
                .errors(ERRORS)
                // Projects are catalogs; a cloud API, so no SSH tunnel.
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_CATALOG)
                // INFORMATION_SCHEMA.PARTITIONS and COLUMNS (BigQueryPartitions): claimed from the docs, not checkable here
                .capabilities(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION)
                // BigQuery column names hold up to 300 characters.
                .maxColumnNameLength(300)
                .partitions(BigQueryPartitions::partitions, BigQueryPartitions::latestPartition)
                .extraTableMetadata(BigQueryPartitions::extraTableMetadata)
                .build());
    }
}
