package dev.dbspec.plugin.clickhouse;

import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.pf4j.Extension;

/**
 * ClickHouse through clickhouse-jdbc, spec only: all 21 grains over {@code toDateTime(col)} (whole seconds),
 * {@code LIMIT n} (not {@code LIMIT n BY}, a per-group limit), backticks.
 *
 * <p>Steps add whole units to the enclosing unit's start ({@code toStartOfHour} + minutes) instead of
 * flooring the Unix time as Superset does, so they hold in time zones whose offset is not a whole hour;
 * weeks use {@code toMonday} and {@code toStartOfWeek(t, 0)} (Sunday). Grains are exact within
 * {@code DateTime}'s range (1970 to 2106); a {@code DateTime64} value outside it does not fit
 * {@code toDateTime}.
 */
@Extension
public final class ClickHouseEngineSpec implements EngineSpec {
    private static final String T = "toDateTime({col})";

    /** Steps add whole steps of the field to the enclosing unit's start; dates are turned back into DateTime. */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .value(T)
            .truncate((unit, value) -> switch (unit) {
                case SECOND -> value;
                case MINUTE, HOUR, DAY -> "toStartOf" + capitalized(unit) + "(" + value + ")";
                case WEEK -> "toDateTime(toMonday(" + value + "))";
                case WEEK_STARTING_SUNDAY -> "toDateTime(toStartOfWeek(" + value + ", 0))";
                default -> "toDateTime(toStartOf" + capitalized(unit) + "(" + value + "))";
            }, TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.WEEK, TimeGrain.WEEK_STARTING_SUNDAY,
                    TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .stepped((within, field, step, value) -> "add" + capitalized(field) + "s(toStartOf" + capitalized(within) + "(" + value
                    + "), intDiv(to" + capitalized(field) + "(" + value + "), " + step + ") * " + step + ")")
            .grain(TimeGrain.WEEK_ENDING_SATURDAY, "toDateTime(addDays(toStartOfWeek(" + T + ", 0), 6))")
            .grain(TimeGrain.WEEK_ENDING_SUNDAY, "toDateTime(addDays(toMonday(" + T + "), 6))")
            .build();

    private static String capitalized(TimeGrain unit) {
        return unit.name().charAt(0) + unit.name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** ClickHouse has no TIME type (before the experimental one of 25.6). */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "toDate('{value}')", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "toDateTime64('{value}', 6)", "yyyy-MM-dd HH:mm:ss.SSSSSS")
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "parseDateTime64BestEffort('{value}', 6)", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .build();

    /** Type names arrive with wrappers and parameters: Nullable(String), DateTime64(3, 'UTC'), Decimal(10, 2). */
    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^(nullable|lowcardinality)\\((nullable\\()?(string|fixedstring|uuid|enum)", GenericType.STRING)
            .map("^(nullable\\()?(u?int(8|16|32|64|128|256))\\b", GenericType.INTEGER)
            .map("^(nullable\\()?(float32|float64)\\b", GenericType.FLOAT)
            .map("^(nullable\\()?decimal", GenericType.DECIMAL)
            .map("^(nullable\\()?(date|date32)\\b", GenericType.DATE)
            .map("^(nullable\\()?datetime(64)?\\b", GenericType.TIMESTAMP)
            .map("^(nullable\\()?bool\\b", GenericType.BOOLEAN)
            .map("^(nullable\\()?(fixedstring|uuid|ipv4|ipv6|enum(8|16)?)\\b", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    /** Server exceptions read "Code: 60. DB::Exception: ..." with ClickHouse's error code. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("Code: (516|192|193|194)\\b|Authentication failed", ErrorCategory.BAD_CREDENTIALS)
            .message("Code: 81\\b", ErrorCategory.UNKNOWN_DATABASE)
            .message("Code: 60\\b", ErrorCategory.MISSING_TABLE)
            .message("Code: 62\\b", ErrorCategory.SYNTAX)
            .message("Code: (497|164)\\b", ErrorCategory.PERMISSION)
            .message("Code: (159|209)\\b", ErrorCategory.TIMEOUT)
            .message("Code: 394\\b", ErrorCategory.CANCELLED)
            .message("Connection refused|UnknownHostException|Connect timed out", ErrorCategory.UNREACHABLE_HOST)
            .then(ErrorPatterns.standard())
            .build();

    @Override
    public String id() {
        return "clickhouse";
    }

    @Override
    public String displayName() {
        return "ClickHouse";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:clickhouse:", "jdbc:ch:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:clickhouse://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(8123);
    }

    @Override
    public String driverClassName() {
        return "com.clickhouse.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.clickhouse:clickhouse-jdbc:0.9.0", "Apache-2.0", false));
    }

    /**
     * clickhouse-jdbc 0.9.0's client options (ClickHouse's "Java client configuration" and JDBC driver reference,
     * {@code ?a=b&c=d}): database, TLS in strict mode (root and client certificates inside the files directory),
     * the access token as a secret, compression, timeouts, socket buffers, time zone, client name, a proxy.
     * Refused: socket factory classes and their options, and switching certificate checks off.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.text(128), "database", "client_name", "server_time_zone", "use_time_zone")
            .allow("ssl", OptionRule.bool())
            .allow("sslmode", DriverOptionRules.oneOfRefusing(Map.of("none",
                    "it switches off certificate checks, so anyone between this server and ClickHouse could read the password"),
                    "strict"))
            .allow(OptionRule.localPath(), "sslrootcert", "ssl_certificate", "ssl_key")
            .secret("access_token", "ssl_key_password", "proxy_password")
            .allow(OptionRule.bool(), "compress", "decompress", "use_server_time_zone", "socket_keepalive", "client_retry_on_failures",
                    "jdbc_ignore_unsupported_values")
            .allow("compress_algorithm", OptionRule.oneOf("lz4", "zstd", "gzip", "deflate", "brotli"))
            .allow(OptionRule.integer(0, 86_400_000), "socket_timeout", "connect_timeout", "connection_request_timeout")
            .allow(OptionRule.integer(0, 86_400), "max_execution_time")
            .allow(OptionRule.integer(0, 16_777_216), "socket_rcvbuf", "socket_sndbuf")
            .allow("max_open_connections", OptionRule.integer(1, 1_000))
            .allow("proxy_type", OptionRule.oneOf("HTTP"))
            .allow("proxy_host", OptionRule.hostNames())
            .allow("proxy_port", OptionRule.integer(1, 65_535))
            .allow("proxy_user", OptionRule.text(256))
            .refuse("makes the client instantiate a socket factory class named in the URL", "custom_socket_factory")
            .refuse("passes URL values to a socket factory class named in the URL", "custom_socket_factory_options")
            .build();

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    @Override
    public SqlFamily sqlFamily() {
        return SqlFamily.CLICKHOUSE;
    }

    /** Backticks (double quotes work too); names are case-sensitive. */
    @Override
    public IdentifierQuoting identifierQuoting() {
        return IdentifierQuoting.BACKTICKS;
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return LITERALS;
    }

    /** {@code DateTime64} reaches before 1970 (plain {@code DateTime} would wrap); UTC rendering. */
    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("toDateTime64({col}, 0, 'UTC')");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("fromUnixTimestamp64Milli(toInt64({col}), 'UTC')");
    }

    @Override
    public ColumnTypes columnTypes() {
        return COLUMN_TYPES;
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERRORS;
    }

    /** Superset does not offer file upload for ClickHouse. */}
