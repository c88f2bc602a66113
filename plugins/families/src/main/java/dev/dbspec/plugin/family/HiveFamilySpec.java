package dev.dbspec.plugin.family;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.IdentifierQuoting.IdentifierCase;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import java.util.Map;
import java.util.Set;

/**
 * The Hive family (Hive, Spark SQL / Databricks, Impala): backticks, {@code CAST('...' AS TIMESTAMP)}
 * literals, HiveServer2 cancellation, and grains that never go through epoch seconds, so they hold in any
 * session time zone. The default grains run on Hive 3+ and on Spark; Spark and Impala replace some with
 * their native truncation functions.
 */
public abstract class HiveFamilySpec extends DeclaredEngineSpec {
    /** The column's wall clock as text, {@code yyyy-MM-dd HH:mm:ss[.fff]} in Hive and Spark alike. */
    private static final String TEXT = "CAST({col} AS STRING)";

    /**
     * All 21 grains. Sub-day buckets rebuild {@code yyyy-MM-dd HH:mm:ss} from the text form (never via
     * {@code unix_timestamp}, which converts through the session time zone and breaks on DST changes); week
     * grains use {@code next_day} on dates: the next given weekday strictly after {@code d - 7} is the start of
     * the week holding {@code d}, the one strictly after {@code d - 1} is the end.
     */
    public static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, "CAST(substr(" + TEXT + ", 1, 19) AS TIMESTAMP)"),
            entry(TimeGrain.FIVE_SECONDS, bucket(17, "second", 5, "")),
            entry(TimeGrain.THIRTY_SECONDS, bucket(17, "second", 30, "")),
            entry(TimeGrain.MINUTE, "CAST(concat(substr(" + TEXT + ", 1, 16), ':00') AS TIMESTAMP)"),
            entry(TimeGrain.FIVE_MINUTES, bucket(14, "minute", 5, ":00")),
            entry(TimeGrain.TEN_MINUTES, bucket(14, "minute", 10, ":00")),
            entry(TimeGrain.FIFTEEN_MINUTES, bucket(14, "minute", 15, ":00")),
            entry(TimeGrain.THIRTY_MINUTES, bucket(14, "minute", 30, ":00")),
            entry(TimeGrain.HALF_HOUR, bucket(14, "minute", 30, ":00")),
            entry(TimeGrain.HOUR, "CAST(concat(substr(" + TEXT + ", 1, 13), ':00:00') AS TIMESTAMP)"),
            entry(TimeGrain.SIX_HOURS, bucket(11, "hour", 6, ":00:00")),
            entry(TimeGrain.DAY, "CAST(to_date({col}) AS TIMESTAMP)"),
            entry(TimeGrain.WEEK, nextDay(7, "MO")),
            entry(TimeGrain.WEEK_STARTING_MONDAY, nextDay(7, "MO")),
            entry(TimeGrain.WEEK_STARTING_SUNDAY, nextDay(7, "SU")),
            entry(TimeGrain.WEEK_ENDING_SATURDAY, nextDay(1, "SA")),
            entry(TimeGrain.WEEK_ENDING_SUNDAY, nextDay(1, "SU")),
            entry(TimeGrain.MONTH, atMidnight("trunc({col}, 'MM')")),
            // Hive's trunc knows no quarter before 3.x; step back from the month instead.
            entry(TimeGrain.QUARTER, atMidnight("add_months(trunc({col}, 'MM'), -((month({col}) - 1) % 3))")),
            entry(TimeGrain.QUARTER_YEAR, atMidnight("add_months(trunc({col}, 'MM'), -((month({col}) - 1) % 3))")),
            entry(TimeGrain.YEAR, atMidnight("trunc({col}, 'YYYY')")));

    /**
     * Messages of HiveServer2 (Hive, Spark Thrift server) and of Spark's error classes as the Simba-based and
     * Databricks drivers relay them. HiveServer2 reports most compile errors as SQLSTATE 42000, so the
     * messages come before the standard SQLSTATE rules.
     */
    public static final ErrorPatterns ERROR_PATTERNS = ErrorPatterns.builder()
            .message("Error validating the login|Peer indicated failure|Authentication failed|Invalid credentials",
                    ErrorCategory.BAD_CREDENTIALS)
            .unreachableHost("No route to host", "Could not open client transport", "connect timed out")
            .message("Database does not exist|SCHEMA_NOT_FOUND|Database '[^']*' not found", ErrorCategory.UNKNOWN_DATABASE)
            .message("Table not found|TABLE_OR_VIEW_NOT_FOUND|Table or view not found|Could not resolve table reference|"
                    + "Could not resolve path", ErrorCategory.MISSING_TABLE)
            .message("Permission denied|does not have \\[[A-Z]+\\] privilege|HiveAccessControlException|INSUFFICIENT_PERMISSIONS|"
                    + "AuthorizationException", ErrorCategory.PERMISSION)
            .message("ParseException|PARSE_SYNTAX_ERROR|cannot recognize input|mismatched input|Syntax error", ErrorCategory.SYNTAX)
            .message("timed out|TIMEOUT", ErrorCategory.TIMEOUT)
            .message("cancell?ed", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * Options shared by the Simba-derived drivers of the family (Cloudera's Impala connector, the Databricks
     * driver), by their documented names, in their {@code jdbc:x://host:port/schema;Key=Value} URLs (Simba reads
     * names in any case; its booleans are 0 and 1). Each driver adds its own ({@link ConnectionOptions.Builder#addAll}).
     * {@code KrbJAASFile} is CVE-2024-49194 (a JAAS file naming a JNDI lookup runs code).
     */
    public static final ConnectionOptions SIMBA_OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("UID", OptionRule.text(256))
            .secret("PWD", "SSLTrustStorePwd")
            .allow("SSL", OptionRule.oneOf("0", "1"))
            .allow("SSLTrustStore", OptionRule.localPath())
            .allow("SSLTrustStoreType", OptionRule.oneOf("JKS", "PKCS12", "BCFKS"))
            .allow("transportMode", OptionRule.oneOf("binary", "sasl", "http"))
            .allow("httpPath", OptionRule.text(256))
            .allow("SocketTimeout", OptionRule.integer(0, 86_400))
            .allow("RowsFetchedPerBlock", OptionRule.integer(1, 2_000_000))
            .allow("AsyncExecPollInterval", OptionRule.integer(1, 60_000))
            .allow("DefaultStringColumnLength", OptionRule.integer(1, 32_767))
            .allow("UseNativeQuery", OptionRule.oneOf("0", "1"))
            .refuse("loads a JAAS configuration from the local file system; a crafted one runs code (CVE-2024-49194)", "KrbJAASFile")
            .refuseLogDirectory("LogPath")
            .refuse(DriverRefusals.LOG_LEVEL_IN_WORKING_DIRECTORY, "LogLevel")
            .refuseLocalKeyStore("SSLKeyStore")
            .refuse("switches off verification of the server's TLS certificate (self-signed, or issued for another name), so a man"
                    + " in the middle can read the credentials and the data; give the server's CA with SSLTrustStore instead",
                    "AllowSelfSignedCerts", "CAIssuedCertNamesMismatch")
            .build();

    /** Backticks; Hive's metastore stores names in lower case. */
    public static final IdentifierQuoting BACKTICKS_LOWER = new IdentifierQuoting("`", "`", IdentifierCase.LOWER);

    /** Text {@code yyyy-MM-dd HH:mm:ss} cut after {@code keep} characters, then {@code field} floored to {@code step}. */
    private static String bucket(int keep, String field, int step, String suffix) {
        String floored = "lpad(CAST(" + field + "({col}) - " + field + "({col}) % " + step + " AS STRING), 2, '0')";
        String tail = suffix.isEmpty() ? "" : ", '" + suffix + "'";
        return "CAST(concat(substr(" + TEXT + ", 1, " + keep + "), " + floored + tail + ") AS TIMESTAMP)";
    }

    /** The {@code weekday} after {@code to_date(col) - daysBack}: a week start (7) or week end (1). */
    private static String nextDay(int daysBack, String weekday) {
        return atMidnight("next_day(date_sub(to_date({col}), " + daysBack + "), '" + weekday + "')");
    }

    /** A date (Hive returns {@code yyyy-MM-dd} text from these functions, Spark a DATE) as a timestamp at midnight. */
    private static String atMidnight(String date) {
        return "CAST(CAST(" + date + " AS DATE) AS TIMESTAMP)";
    }

    /** Dates and timestamps cast from text: no TIME or zoned type in Hive or Impala; read in the session's wall clock. */
    public static final DatetimeLiterals LITERALS = DatetimeLiterals.casts(6, TemporalType.DATE, TemporalType.TIMESTAMP);

    protected HiveFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /**
     * The family's facts: its grains and literals; the Simba-derived drivers' options (Hive's own driver reads another
     * grammar and replaces them); HiveServer2 cancels through its CancelOperation call, Hive rejects ORDER BY an
     * aggregate not selected; lower-casing backticks; the Hive dialect.
     */
    public static EngineFacts.Builder facts(String id, String displayName) {
        return facts(EngineFacts.builder(id, displayName));
    }

    /** The same facts for the engine whose identity is the {@code engine.properties} beside {@code spec} ({@link EngineFacts#builder(Class)}). */
    public static EngineFacts.Builder facts(Class<? extends EngineSpec> spec) {
        return facts(EngineFacts.builder(spec));
    }

    private static EngineFacts.Builder facts(EngineFacts.Builder engine) {
        return engine
                .grains(GRAINS)
                .literals(LITERALS)
                .errors(ERROR_PATTERNS)
                .options(SIMBA_OPTIONS)
                .withoutCapabilities(Capability.ORDER_BY_NOT_IN_SELECT)
                .capabilities(Capability.DYNAMIC_SCHEMA, Capability.CANCEL)
                .quoting(BACKTICKS_LOWER)
                .sqlFamily(SqlFamily.HIVE);
    }

    // ---- query progress (spec-only: Hive JDBC is not bundled) ----

    /** A new statement's progress starts from an empty log. */
    @Override
    public void enableProgress(java.sql.Statement statement) throws java.sql.SQLException {
        HiveProgress.reset(statement);
    }

    /** Superset's progress from the operation log ({@link HiveProgress}): {@code HiveStatement.getQueryLog()} polled while it runs. */
    @Override
    public java.util.OptionalDouble queryProgress(java.sql.Statement statement) throws java.sql.SQLException {
        return HiveProgress.poll(statement);
    }
}
