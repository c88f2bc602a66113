package dev.dbspec.plugin.firebird;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.DriverOptionRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
 *
 * <p>Not claimed, because Firebird 3 cannot: catalogs and schemas (one database per attachment; schemas come with
 * Firebird 6), partitions, nested types to expand (no ROW or JSON type; Jaybird reads no arrays), rows and cost in an
 * estimate (the plan, even Jaybird's explained plan, carries neither: the estimate is the plan only, as SQLite's and
 * H2's), and user impersonation (a user's password is
 * needed to connect or to {@code EXECUTE STATEMENT ... AS USER}: "Your user name and password are not defined", checked
 * live; roles are not users).
 */
@Extension
public final class FirebirdEngineSpec extends DeclaredEngineSpec {
    private static final String DAY = "CAST(CAST({col} AS DATE) AS TIMESTAMP)";
    private static final String WEEKDAY = "EXTRACT(WEEKDAY FROM {col})";
    private static final String MONTH = "DATEADD(DAY, 1 - EXTRACT(DAY FROM {col}), " + DAY + ")";
    /** Whole units of each field elapsed since midnight. */
    private static final Map<TimeGrain, String> ELAPSED = Map.of(
            TimeGrain.SECOND, "EXTRACT(HOUR FROM {col}) * 3600 + EXTRACT(MINUTE FROM {col}) * 60 + FLOOR(EXTRACT(SECOND FROM {col}))",
            TimeGrain.MINUTE, "EXTRACT(HOUR FROM {col}) * 60 + EXTRACT(MINUTE FROM {col})",
            TimeGrain.HOUR, "EXTRACT(HOUR FROM {col})");

    /** Whole {@code unit}s added to the value's midnight. */
    private static String add(TimeGrain unit, String amount) {
        return "DATEADD(" + unit + ", " + amount + ", " + DAY + ")";
    }

    /** The value's midnight plus the elapsed fields, floored to a step ({@code WEEKDAY}: 0 = Sunday). */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> add(unit, ELAPSED.get(unit)), TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR)
            .stepped((within, field, step, value) -> add(field, ELAPSED.get(field) + " / " + step + " * " + step))
            .grain(TimeGrain.DAY, DAY)
            .grain(TimeGrain.WEEK, add(TimeGrain.DAY, "-MOD(" + WEEKDAY + " + 6, 7)"))
            .grain(TimeGrain.WEEK_STARTING_SUNDAY, add(TimeGrain.DAY, "-" + WEEKDAY))
            .grain(TimeGrain.WEEK_ENDING_SATURDAY, add(TimeGrain.DAY, "6 - " + WEEKDAY))
            .grain(TimeGrain.WEEK_ENDING_SUNDAY, add(TimeGrain.DAY, "MOD(7 - " + WEEKDAY + ", 7)"))
            .grain(TimeGrain.MONTH, MONTH)
            .grain(TimeGrain.QUARTER, "DATEADD(MONTH, -MOD(EXTRACT(MONTH FROM {col}) - 1, 3), " + MONTH + ")")
            .grain(TimeGrain.YEAR, "DATEADD(MONTH, 1 - EXTRACT(MONTH FROM {col}), " + MONTH + ")")
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

    public FirebirdEngineSpec() {
        super(EngineFacts.builder(FirebirdEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                // Firebird keeps 100 µs (four digits; a fifth is a conversion error). No zoned literal: Firebird 3 refuses
                // TIMESTAMP '... +02:00' (conversion error, checked live); zoned timestamps exist from Firebird 4.
                .literals(DatetimeLiterals.typed(4, TemporalType.DATE, TemporalType.TIME, TemporalType.TIMESTAMP))
                .epochSeconds("DATEADD(SECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')")
                .epochMillis(Optional.of("DATEADD(MILLISECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')"))
                .errors(ERRORS)
                .columnTypes(COLUMN_TYPES)
                // No VARBINARY in Firebird 3 (from Firebird 4), and Jaybird reports VARCHAR CHARACTER SET OCTETS as VARCHAR.
                .columnType(GenericType.BINARY, "BLOB SUB_TYPE BINARY")
                .withoutStorableTypes(GenericType.JSON)
                .limitSyntax(LimitSyntax.FETCH_FIRST)
                // Firebird needs a FROM clause; RDB$DATABASE has one row.
                .oneRowTable("RDB$DATABASE")
                // No sleep function, and a SELECT returns from execute before its first fetch does the work: a PSQL loop, which
                // runs during execute: a billion steps, about 5 minutes (10^7 took 3.2 s on Firebird 3.0.11, 2 cores).
                .longRunningQuery("EXECUTE BLOCK AS DECLARE i BIGINT = 0; BEGIN WHILE (i < 1000000000) DO i = i + 1; END")
                .capabilities(Capability.CANCEL)
                // Jaybird prepares on the server, which parses and resolves without executing (FirebirdCatalog.validate).
                .capabilities(Capability.SQL_VALIDATION)
                // the same prepare gives the explained plan (FirebirdCatalog.estimate): the plan only, no rows or cost
                .capabilities(Capability.COST_ESTIMATION)
                // RDB$RELATIONS and the counts of its fields, indexes and triggers; Firebird has no partitions. A lambda, so
                // FirebirdCatalog (which names Jaybird's classes) loads only when a connection exists.
                .capabilities(Capability.EXTRA_TABLE_METADATA)
                .extraTableMetadata((connection, spec, table) -> FirebirdCatalog.extraTableMetadata(connection, spec, table))
                // Firebird's DDL is part of the transaction but runs at its commit (a table created in it is "Table unknown"
                // until then; checked live), and Firebird 3 cannot rename a table: uploads go through a stage whose rows move
                // to the target in one transaction (TableUpload). Batched INSERTs with java.time values (Jaybird 6).
                .ddlAtCommit()
                .capabilities(Capability.FILE_UPLOAD) // TableUpload, proven live by the kit's UploadChecks
                // 31 in Firebird 3 (63 from Firebird 4); the smaller bound is safe on both.
                .maxColumnNameLength(31)
                .build());
    }

    /**
     * Uploaded text is a UTF-8 text blob: a {@code VARCHAR} holds at most 32,765 bytes (8,191 UTF-8 characters) and a row
     * 64 KB, so two long text columns would not fit; Jaybird reads the blob back as a string ({@code BLOB SUB_TYPE TEXT}).
     */
    @Override
    public String uploadColumnType(GenericType type) {
        return type == GenericType.STRING || type == GenericType.OTHER ? "BLOB SUB_TYPE TEXT CHARACTER SET UTF8" : super.uploadColumnType(type);
    }

    /** The plan only, prepared on the server and never executed ({@link FirebirdCatalog#estimate}): Firebird gives no rows or cost. */
    @Override
    public java.util.List<dev.dbspec.api.CostEstimate> estimate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        return FirebirdCatalog.estimate(connection, sql);
    }

    /** Prepared on the server, never executed; errors placed at Firebird's line and column ({@link FirebirdCatalog#validate}). */
    @Override
    public SqlValidation validate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        return FirebirdCatalog.validate(connection, sql);
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
        return super.driverOptions(jdbcUrl, properties);
    }
}
