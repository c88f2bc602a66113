package dev.dbspec.plugin.spanner;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Google Cloud Spanner (GoogleSQL dialect) through Google's open-source Spanner JDBC driver (not bundled),
 * {@code jdbc:cloudspanner:/projects/p/instances/i/databases/d}. Facts from cloud.google.com/spanner/docs, GoogleSQL
 * reference ("Timestamp functions", "Data types", "Lexical structure") and the driver's "Supported connection properties".
 *
 * <p>Spanner's TIMESTAMP is an instant; its functions read and write civil time in America/Los_Angeles unless given a
 * zone, so every grain names UTC: {@code TIMESTAMP_TRUNC(ts, unit, 'UTC')} for second to year ({@code ISOWEEK} starts on
 * Monday, {@code WEEK} on Sunday); stepped grains floor the Unix seconds to a multiple of the step (each step divides a
 * day, so the buckets align with UTC's units); a week ends six days after it starts ({@code TIMESTAMP_ADD}). A literal
 * without an offset is given one of UTC, as dbspec reads a naive value for a zoned type. There is no TIME type.
 */
@Extension
public final class SpannerEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, Integer> SECONDS = Map.of(TimeGrain.SECOND, 1, TimeGrain.MINUTE, 60, TimeGrain.HOUR, 3600);

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "TIMESTAMP_TRUNC(" + value + ", " + switch (unit) {
                case WEEK -> "ISOWEEK";
                case WEEK_STARTING_SUNDAY -> "WEEK";
                default -> unit.name();
            } + ", 'UTC')", TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.WEEK, TimeGrain.WEEK_STARTING_SUNDAY,
                    TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .stepped((within, field, step, value) -> "TIMESTAMP_SECONDS(DIV(UNIX_SECONDS(" + value + "), " + SECONDS.get(field) * step + ") * "
                    + SECONDS.get(field) * step + ")")
            .endingWeeks((value, days) -> "TIMESTAMP_ADD(" + value + ", INTERVAL " + days + " DAY)")
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "DATE '{value}'", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "TIMESTAMP '{value}+00:00'", "yyyy-MM-dd HH:mm:ss.SSSSSS")
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .build();

    /**
     * The driver's connection properties ({@code ;name=value} after the database path): transaction and session
     * behaviour, the database role, an OAuth token as a secret. Refused: a credentials file on this server, plain-text
     * connections and redirecting the driver to another endpoint (the options, and a {@code //host} in the URL). A
     * connection must give its {@code oauthToken} ({@link #vetConnection}): without one the driver signs in with this
     * host's own Google (application default) credentials.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .secret("oauthToken")
            .allow(OptionRule.bool(), "autocommit", "readonly", "retryAbortsInternally", "returnCommitStats", "lenient",
                    "autoBatchDml", "dataBoostEnabled")
            .allow(OptionRule.integer(0, 10_000), "minSessions", "maxSessions", "numChannels")
            .allow(OptionRule.text(64), "optimizerVersion", "optimizerStatisticsPackage", "databaseRole")
            .allow("rpcPriority", OptionRule.oneOf("LOW", "MEDIUM", "HIGH"))
            .allow("dialect", OptionRule.oneOf("GOOGLE_STANDARD_SQL"))
            .refuse("reads a service account key file from this server's file system", "credentials")
            .refuse("sends the connection over plain text instead of TLS", "usePlainText")
            .refuse("points the driver at another endpoint, which would receive the OAuth token", "host", "endpoint")
            .refuse("starts or configures the Spanner emulator on this server", "autoConfigEmulator")
            .build();

    /**
     * The database's path right after the prefix, with no {@code //host[:port]} before it: the driver sends its credentials
     * (the OAuth token, or this host's own Google credentials when none is given) to the host named there, the same
     * redirection the refused {@code host} and {@code endpoint} options would make.
     */
    private static final Pattern DATABASE_PATH = Pattern.compile(
            "(?i)jdbc:cloudspanner:/projects/[a-z0-9.:\\-]+/instances/[a-z0-9\\-]+/databases/[a-z0-9_\\-]+");

    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        int semicolon = jdbcUrl.indexOf(';');
        if (!DATABASE_PATH.matcher(semicolon < 0 ? jdbcUrl : jdbcUrl.substring(0, semicolon)).matches()) {
            throw UnsafeUrlException.url(id(), "write jdbc:cloudspanner:/projects/P/instances/I/databases/D, with no //host before it"
                    + " (the driver sends its credentials to that host), then ;name=value options");
        }
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    /** The URL alone, as {@link #vetConnection} reads it, without the requirement of a token (given as a property). */
    @Override
    public void checkUrl(String jdbcUrl) {
        super.vetConnection(jdbcUrl, new Properties(), Optional.empty());
    }

    /**
     * Also requires an {@code oauthToken}, in the URL or the properties: without one the driver falls back to this
     * host's application default credentials (its environment, gcloud configuration or metadata server), and the
     * connection would act as this host.
     */
    @Override
    public void vetConnection(String jdbcUrl, Properties properties, Optional<java.nio.file.Path> filesDirectory) {
        super.vetConnection(jdbcUrl, properties, filesDirectory);
        boolean token = driverOptions(jdbcUrl, properties).entrySet().stream()
                .anyMatch(option -> option.getKey().equalsIgnoreCase("oauthToken") && option.getValue() != null && !option.getValue().isBlank());
        if (!token) {
            throw UnsafeUrlException.url(id(), "give an oauthToken (as a connection property, where it stays secret): without one the"
                    + " driver signs in with this host's own Google application default credentials");
        }
    }

    public SpannerEngineSpec() {
        super(EngineFacts.builder(SpannerEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("TIMESTAMP_SECONDS({col})")
                .epochMillis(Optional.of("TIMESTAMP_MILLIS({col})"))
                .sqlFamily(SqlFamily.BIGQUERY)
                .quoting(IdentifierQuoting.BACKTICKS)
                .maxColumnNameLength(128)
                .build());
    }
}
