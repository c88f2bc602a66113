package dev.dbspec.plugin.athena;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.OptionRule;
import dev.dbspec.plugin.family.PrestoFamilySpec;
import dev.dbspec.plugin.family.StrictKeyValueUrls;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Amazon Athena (engine v3, Trino-based) through the Athena JDBC 3.x driver, which AWS distributes as a
 * download, not on Maven Central (the coordinates name that jar). All 21 grains from {@link PrestoFamilySpec}.
 * Cancellation is not claimed: the 3.x driver's {@code Statement.cancel} is unverified here.
 */
@Extension
public final class AthenaEngineSpec extends PrestoFamilySpec {
    private static final ErrorPatterns ATHENA_ERRORS = ErrorPatterns.builder()
            .message("security token included in the request is invalid|UnrecognizedClientException|InvalidSignatureException|"
                    + "ExpiredToken", ErrorCategory.BAD_CREDENTIALS)
            .message("AccessDeniedException|is not authorized to perform", ErrorCategory.PERMISSION)
            .message("Query timeout", ErrorCategory.TIMEOUT)
            .then(PrestoFamilySpec.ERROR_PATTERNS)
            .build();

    /**
     * The options of the Athena JDBC 3.x driver, from AWS's "Athena JDBC 3.x connection parameters" (basic, advanced
     * and authentication pages), aliases included: region, catalog, database, work group, the S3 output and its
     * encryption, result fetching, polling, retries, timeouts, a proxy, and static AWS keys (the access key as
     * {@code User}, the secret key and session token as secrets). Refused: credentials provider classes and their
     * arguments, this host's AWS profile, log files, and endpoint overrides that send signed requests elsewhere.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.text(64), "Region", "AwsRegion")
            .allow(OptionRule.text(256), "Catalog", "Database", "Schema", "WorkGroup", "ApplicationName", "ExpectedBucketOwner",
                    "AccessKeyId")
            .allow(OptionRule.text(1024), "OutputLocation", "S3OutputLocation")
            .allow(OptionRule.oneOf("SSE_S3", "SSE_KMS", "CSE_KMS"), "EncryptionOption", "S3OutputEncOption")
            .allow(OptionRule.text(2048), "KmsKey", "S3OutputEncKMSKey")
            .allow(OptionRule.oneOf("BUCKET_OWNER_FULL_CONTROL"), "AclOption", "S3AclOption")
            .allow("ResultFetcher", OptionRule.oneOf("auto", "S3", "GetQueryResults", "GetQueryResultsStream"))
            .allow(OptionRule.integer(0, 1_000_000), "FetchSize", "RowsToFetchPerBlock")
            .allow("EnableResultReuseByAge", OptionRule.bool())
            .allow("MaxResultReuseAgeInMinutes", OptionRule.integer(0, 10_080))
            .allow(OptionRule.integer(1, 600_000), "MinQueryExecutionPollingIntervalMillis", "MaxQueryExecutionPollingIntervalMillis")
            .allow("QueryExecutionPollingIntervalMultiplier", OptionRule.integer(1, 100))
            .allow(OptionRule.integer(0, 3_600_000), "NetworkTimeoutMillis")
            .allow(OptionRule.integer(0, 100), "NumRetries", "MaxErrorRetry")
            .allow("ConnectionTest", OptionRule.bool())
            .allow("ProxyHost", OptionRule.hostNames())
            .allow("ProxyPort", OptionRule.integer(1, 65_535))
            .allow(OptionRule.text(256), "ProxyUsername", "ProxyUID")
            .secret("SecretAccessKey", "SessionToken", "ProxyPassword", "ProxyPWD")
            .refuse("may name a credentials provider class for the driver to instantiate", "CredentialsProvider",
                    "AwsCredentialsProviderClass")
            .refuse("passes URL values to a credentials provider class", "CredentialsProviderArguments",
                    "AwsCredentialsProviderArguments")
            .refuse("reads a profile of this host's AWS credentials file, authenticating as this host", "ProfileName", "Profile")
            .refuse(DriverRefusals.LOG_FILES, "LogPath", "LogLevel")
            .refuse("sends the driver's requests, signed with the connection's AWS credentials, to an endpoint named in the URL"
                    + " instead of AWS", "AthenaEndpoint", "EndpointOverride", "AthenaStreamingEndpoint", "StreamingEndpointOverride",
                    "LakeFormationEndpoint", "LfEndpointOverride", "StsEndpoint", "StsEndpointOverride", "S3Endpoint")
            .build();

    public AthenaEngineSpec() {
        super(facts(AthenaEngineSpec.class)
                .options(OPTIONS)
                // Milliseconds, the precision of Athena's table timestamps.
                .literals(literals(3))
                .errors(ATHENA_ERRORS)
                // Superset's Athena flags (no escaped colons, no SSH tunnel) on Trino's alias rule; no cancel claimed.
                .capabilities(Capability.defaults())
                .withoutCapabilities(Capability.ALIAS_TO_SOURCE_COLUMN, Capability.ESCAPED_COLONS)
                .build());
    }

    /**
     * {@code jdbc:athena://Key=Value;Key=Value}: the 3.x driver names no host, every part after {@code //} is an
     * option, so the strict semicolon reader gets them all (a part that is no {@code name=value} is refused).
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        String options = StrictKeyValueUrls.afterPrefix(id(), jdbcUrl, "jdbc:athena://");
        return StrictKeyValueUrls.read(OPTIONS, id(), "jdbc:athena://", options, properties);
    }

    /** The URL alone, as {@link #vetConnection} reads it, without the requirement of keys (given as properties). */
    @Override
    public void checkUrl(String jdbcUrl) {
        super.vetConnection(jdbcUrl, new Properties(), java.util.Optional.empty());
    }

    /** Also requires static keys ({@link #requireStaticKeys}): the host never connects as itself. */
    @Override
    public void vetConnection(String jdbcUrl, Properties properties, java.util.Optional<java.nio.file.Path> filesDirectory) {
        super.vetConnection(jdbcUrl, properties, filesDirectory);
        requireStaticKeys(driverOptions(jdbcUrl, properties));
    }

    /**
     * Without an access key and its secret, the AWS SDK falls back to this host's own AWS identity (environment,
     * instance profile, credentials file): the connection must name its keys.
     */
    private void requireStaticKeys(Map<String, String> options) {
        java.util.Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        options.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                names.add(name);
            }
        });
        boolean accessKey = names.contains("User") || names.contains("AccessKeyId");
        boolean secretKey = names.contains("Password") || names.contains("SecretAccessKey");
        if (!accessKey || !secretKey) {
            throw dev.dbspec.api.UnsafeUrlException.url(id(), "give an AWS access key (user or AccessKeyId) and its secret (password or"
                    + " SecretAccessKey): without them the driver authenticates with this host's own AWS identity");
        }
    }
}
