package dev.dbspec.plugin.firebird;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.DriverOptionRules;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Firebird 3+ through Jaybird 6 (bundled), validated live on Firebird 3.0.11: all 21 grains from the value's midnight
 * plus {@code DATEADD} of extracted fields ({@code WEEKDAY}: 0 = Sunday), SQL-standard literals at Firebird's 100 µs
 * precision. The facts are Firebird 3's, which 4 and 5 keep; what those add (zoned timestamps, VARBINARY, INT128) is
 * not claimed.
 *
 * <p>Rows are limited with {@code FETCH FIRST n ROWS ONLY} spliced into the statement, not Superset's
 * {@code FETCH_MANY}: Firebird 3.0 implements the SQL:2008 clause, and Jaybird 6 supports no older server.
 * Superset's epoch template adds to {@code CAST('00:00:00' AS TIMESTAMP)}, which is today's midnight;
 * here it is {@code TIMESTAMP '1970-01-01 00:00:00'}.
 */
@Extension
public final class FirebirdEngineSpec implements EngineSpec {
    private static final String DAY = "CAST(CAST({col} AS DATE) AS TIMESTAMP)";
    private static final String HOUR = "EXTRACT(HOUR FROM {col})";
    private static final String MINUTE = "EXTRACT(MINUTE FROM {col})";
    private static final String SECOND = "FLOOR(EXTRACT(SECOND FROM {col}))";
    private static final String WEEKDAY = "EXTRACT(WEEKDAY FROM {col})";
    private static final String MONTH = "DATEADD(DAY, 1 - EXTRACT(DAY FROM {col}), " + DAY + ")";

    private static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, add("SECOND", HOUR + " * 3600 + " + MINUTE + " * 60 + " + SECOND)),
            entry(TimeGrain.FIVE_SECONDS, add("SECOND", HOUR + " * 3600 + " + MINUTE + " * 60 + " + SECOND + " / 5 * 5")),
            entry(TimeGrain.THIRTY_SECONDS, add("SECOND", HOUR + " * 3600 + " + MINUTE + " * 60 + " + SECOND + " / 30 * 30")),
            entry(TimeGrain.MINUTE, add("MINUTE", HOUR + " * 60 + " + MINUTE)),
            entry(TimeGrain.FIVE_MINUTES, add("MINUTE", HOUR + " * 60 + " + MINUTE + " / 5 * 5")),
            entry(TimeGrain.TEN_MINUTES, add("MINUTE", HOUR + " * 60 + " + MINUTE + " / 10 * 10")),
            entry(TimeGrain.FIFTEEN_MINUTES, add("MINUTE", HOUR + " * 60 + " + MINUTE + " / 15 * 15")),
            entry(TimeGrain.THIRTY_MINUTES, add("MINUTE", HOUR + " * 60 + " + MINUTE + " / 30 * 30")),
            entry(TimeGrain.HALF_HOUR, add("MINUTE", HOUR + " * 60 + " + MINUTE + " / 30 * 30")),
            entry(TimeGrain.HOUR, add("HOUR", HOUR)),
            entry(TimeGrain.SIX_HOURS, add("HOUR", HOUR + " / 6 * 6")),
            entry(TimeGrain.DAY, DAY),
            entry(TimeGrain.WEEK, add("DAY", "-MOD(" + WEEKDAY + " + 6, 7)")),
            entry(TimeGrain.WEEK_STARTING_MONDAY, add("DAY", "-MOD(" + WEEKDAY + " + 6, 7)")),
            entry(TimeGrain.WEEK_STARTING_SUNDAY, add("DAY", "-" + WEEKDAY)),
            entry(TimeGrain.WEEK_ENDING_SATURDAY, add("DAY", "6 - " + WEEKDAY)),
            entry(TimeGrain.WEEK_ENDING_SUNDAY, add("DAY", "MOD(7 - " + WEEKDAY + ", 7)")),
            entry(TimeGrain.MONTH, MONTH),
            entry(TimeGrain.QUARTER, "DATEADD(MONTH, -MOD(EXTRACT(MONTH FROM {col}) - 1, 3), " + MONTH + ")"),
            entry(TimeGrain.QUARTER_YEAR, "DATEADD(MONTH, -MOD(EXTRACT(MONTH FROM {col}) - 1, 3), " + MONTH + ")"),
            entry(TimeGrain.YEAR, "DATEADD(MONTH, 1 - EXTRACT(MONTH FROM {col}), " + MONTH + ")"));

    /**
     * Firebird keeps 100 µs (four digits; a fifth is a conversion error). No zoned literal: Firebird 3 refuses
     * {@code TIMESTAMP '... +02:00'} (conversion error, checked live); zoned timestamps exist from Firebird 4.
     */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "DATE '{value}'", "yyyy-MM-dd")
            .add(TemporalType.TIME, "TIME '{value}'", "HH:mm:ss.SSSS")
            .add(TemporalType.TIMESTAMP, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSSS")
            .build();

    /** Jaybird names a text blob {@code BLOB SUB_TYPE TEXT}: a string, though the defaults read {@code blob} as binary. */
    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^blob sub_type (text|1)\\b", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    /** Firebird reports a missing privilege as 28000 too, so its wording wins over the credentials class. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("no permission for", ErrorCategory.PERMISSION)
            .message("I/O error .*\"open\"|database .* not found|No such file or directory", ErrorCategory.UNKNOWN_DATABASE)
            .message("Your user name and password are not defined", ErrorCategory.BAD_CREDENTIALS)
            .message("Table unknown", ErrorCategory.MISSING_TABLE)
            .message("Token unknown|SQL error code = -104", ErrorCategory.SYNTAX)
            .sqlState("HY008", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    /** Whole {@code unit}s added to the value's midnight. */
    private static String add(String unit, String amount) {
        return "DATEADD(" + unit + ", " + amount + ", " + DAY + ")";
    }

    @Override
    public String id() {
        return "firebird";
    }

    @Override
    public String displayName() {
        return "Firebird";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:firebirdsql:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:firebirdsql://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(3050);
    }

    @Override
    public String driverClassName() {
        return "org.firebirdsql.jdbc.FBDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.firebirdsql.jdbc:jaybird:6.0.3", "LGPL-2.1-or-later", true));
    }

    private static final String NATIVE = "loads a native Firebird library and opens local database files";

    /**
     * Jaybird 6's connection properties (its reference manual's list of connection properties, {@code ?a=b&c=d}):
     * character set, role, dialect, wire encryption and compression, timeouts, buffers, time zone, client
     * process name. Refused: socket factory classes, native and embedded connection types and native library
     * paths, and creating a database on connect.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.text(64), "encoding", "charSet", "lc_ctype", "roleName", "sessionTimeZone", "processName",
                    "dataTypeBind", "decfloatRound", "decfloatTraps", "generatedKeysEnabled")
            .allow("sqlDialect", OptionRule.oneOf("1", "2", "3"))
            .allow("wireCrypt", OptionRule.oneOf("REQUIRED", "ENABLED", "DISABLED", "DEFAULT"))
            .allow(OptionRule.bool(), "wireCompression", "useStreamBlobs", "defaultResultSetHoldable", "useFirebirdAutocommit",
                    "ignoreProcedureType", "columnLabelForName", "useServerBatch", "asyncFetch", "allowTxStmts", "extendedMetadata")
            .allow("reportSQLWarnings", OptionRule.oneOf("ALL", "NONE"))
            .allow("scrollableCursor", OptionRule.oneOf("EMULATED", "SERVER"))
            .allow(OptionRule.integer(0, 3_600), "connectTimeout")
            .allow(OptionRule.integer(0, 3_600_000), "soTimeout")
            .allow(OptionRule.integer(0, 16_777_216), "blobBufferSize", "socketBufferSize", "serverBatchBufferSize",
                    "maxInlineBlobSize", "maxBlobCacheSize")
            .allow(OptionRule.integer(0, 1_024), "parallelWorkers")
            .allow("processId", OptionRule.integer(0, Integer.MAX_VALUE))
            .allow("type", DriverOptionRules.oneOfRefusing(Map.of("NATIVE", NATIVE, "EMBEDDED", NATIVE), "PURE_JAVA"))
            .secret("dbCryptConfig")
            .refuse("makes Jaybird instantiate a socket factory class named in the URL", "socketFactory")
            .refuse("loads a native library from a path on this server", "nativeLibraryPath")
            .refuse("creates a database on the server when connecting", "createDatabaseIfNotExist")
            .build();

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    /**
     * Refuses the {@code native}, {@code embedded} and {@code local} sub-protocols (they load a native client
     * library into the host and open database files on its file system), then reads {@code ?a=b&c=d} strictly.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (String type : List.of("native", "embedded", "local")) {
            if (lower.startsWith("jdbc:firebirdsql:" + type + ":")) {
                throw new UnsafeUrlException(id(), type, NATIVE);
            }
        }
        return EngineSpec.super.driverOptions(jdbcUrl, properties);
    }

    /** Firebird needs a FROM clause; RDB$DATABASE has one row. */
    @Override
    public String selectExpressionSql(String expressions) {
        return "SELECT " + expressions + " FROM RDB$DATABASE";
    }

    @Override
    public LimitSyntax limitSyntax() {
        return LimitSyntax.FETCH_FIRST;
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return LITERALS;
    }

    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("DATEADD(SECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("DATEADD(MILLISECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')");
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERRORS;
    }

    @Override
    public ColumnTypes columnTypes() {
        return COLUMN_TYPES;
    }

    /** Firebird 3 has no VARBINARY (from Firebird 4) and Jaybird reports VARCHAR CHARACTER SET OCTETS as VARCHAR: a binary blob. */
    @Override
    public String columnTypeFor(GenericType type) {
        return type == GenericType.BINARY ? "BLOB SUB_TYPE BINARY" : EngineSpec.super.columnTypeFor(type);
    }

    /** No JSON type. */
    @Override
    public Set<GenericType> storableTypes() {
        return EnumSet.complementOf(EnumSet.of(GenericType.JSON, GenericType.OTHER));
    }

    /**
     * No sleep function, and a SELECT returns from execute before its first fetch does the work: a PSQL loop, which
     * runs during execute: a billion steps, about 5 minutes (10^7 took 3.2 s on Firebird 3.0.11, 2 cores).
     */
    @Override
    public Optional<String> longRunningQuery() {
        return Optional.of("EXECUTE BLOCK AS DECLARE i BIGINT = 0; BEGIN WHILE (i < 1000000000) DO i = i + 1; END");
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CANCEL);
        return capabilities;
    }

    /** 31 in Firebird 3 (63 from Firebird 4); the smaller bound is safe on both. */
    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(31);
    }
}
