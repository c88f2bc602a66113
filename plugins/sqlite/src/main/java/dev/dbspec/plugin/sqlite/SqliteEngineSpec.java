package dev.dbspec.plugin.sqlite;

import dev.dbspec.api.BulkLoad;
import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.HostAccess;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * SQLite through xerial sqlite-jdbc. SQLite has no datetime type: values are ISO-8601 text, grains are
 * computed with {@code DATETIME()} modifiers and come back as {@code YYYY-MM-DD HH:MM:SS} text.
 */
@Extension
public final class SqliteEngineSpec extends DeclaredEngineSpec {
    /** Times of day printed down to the unit, and each field's {@code STRFTIME} code. */
    private static final Map<TimeGrain, String> PRINTED = Map.of(TimeGrain.SECOND, "%Y-%m-%dT%H:%M:%S", TimeGrain.MINUTE, "%Y-%m-%dT%H:%M:00",
            TimeGrain.HOUR, "%Y-%m-%dT%H:00:00");
    private static final Map<TimeGrain, String> FIELD_CODES = Map.of(TimeGrain.SECOND, "%S", TimeGrain.MINUTE, "%M", TimeGrain.HOUR, "%H");

    /** Steps subtract the field modulo the step from the value cut after the field ({@code DATETIME} drops fractions). */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> PRINTED.containsKey(unit) ? "DATETIME(STRFTIME('" + PRINTED.get(unit) + "', " + value + "))"
                    : "DATETIME(" + value + ", 'start of " + unit.name().toLowerCase(Locale.ROOT) + "')", TimeGrain.SECOND, TimeGrain.MINUTE,
                    TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.MONTH, TimeGrain.YEAR)
            .stepped((within, field, step, value) -> "DATETIME(" + (field == TimeGrain.SECOND ? value : "STRFTIME('" + PRINTED.get(field) + "', "
                    + value + ")") + ", PRINTF('-%d " + field.name().toLowerCase(Locale.ROOT) + "s', CAST(STRFTIME('" + FIELD_CODES.get(field)
                    + "', " + value + ") AS INT) % " + step + "))")
            .grain(TimeGrain.WEEK, "DATETIME({col}, 'start of day', '-' || ((STRFTIME('%w', {col}) + 6) % 7) || ' days')")
            .grain(TimeGrain.WEEK_STARTING_SUNDAY, "DATETIME({col}, 'start of day', -STRFTIME('%w', {col}) || ' days')")
            .grain(TimeGrain.WEEK_ENDING_SATURDAY, "DATETIME({col}, 'start of day', 'weekday 6')")
            .grain(TimeGrain.WEEK_ENDING_SUNDAY, "DATETIME({col}, 'start of day', 'weekday 0')")
            .grain(TimeGrain.QUARTER, "DATETIME({col}, 'start of month', PRINTF('-%d month', (STRFTIME('%m', {col}) - 1) % 3))")
            .build();

    /** sqlite-jdbc reports no SQLSTATE; its messages carry SQLite's result code and text. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("syntax error|incomplete input|unrecognized token", ErrorCategory.SYNTAX)
            .message("no such table", ErrorCategory.MISSING_TABLE)
            .message("SQLITE_CANTOPEN|unable to open database", ErrorCategory.UNKNOWN_DATABASE)
            .message("SQLITE_AUTH|not authorized|SQLITE_READONLY|SQLITE_PERM", ErrorCategory.PERMISSION)
            .message("SQLITE_INTERRUPT|interrupted", ErrorCategory.CANCELLED)
            .message("SQLITE_BUSY|database is locked", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * Files anywhere on the host: ATTACH opens or creates one, VACUUM [schema] INTO writes one, sqlite-jdbc's
     * BACKUP TO and RESTORE FROM write and read one, extensions load native code.
     */
    private static final HostAccess HOST_ACCESS = new HostAccess(List.of("ATTACH", "VACUUM", "BACKUP", "RESTORE"),
            Set.of("LOAD_EXTENSION"));

    @Override
    public Optional<java.nio.file.Path> localDatabasePath(String jdbcUrl) {
        return dev.dbspec.api.LocalPaths.after(jdbcUrl, "jdbc:sqlite:", "?", ":memory:", "file::memory:", ":resource:");
    }

    private static final OptionRule BOOL = OptionRule.bool();

    /**
     * sqlite-jdbc's options (its getPropertyInfo: pragmas and driver settings) and SQLite's URI parameters,
     * written {@code jdbc:sqlite:path?name=value&...}.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(BOOL, "shared_cache", "case_sensitive_like", "count_changes", "defer_foreign_keys", "empty_result_callback",
                    "foreign_keys", "full_column_names", "fullsync", "legacy_alter_table", "legacy_file_format", "read_uncommitted",
                    "recursive_triggers", "reverse_unordered_selects", "short_column_names", "jdbc.explicit_readonly",
                    "jdbc.get_generated_keys", "immutable", "nolock", "psow")
            .allow(OptionRule.integer(Integer.MIN_VALUE, Integer.MAX_VALUE), "cache_size", "default_cache_size", "user_version",
                    "application_id")
            .allow(OptionRule.integer(0, Long.MAX_VALUE), "mmap_size", "incremental_vacuum", "journal_size_limit", "page_size",
                    "max_page_count", "busy_timeout", "limit_length", "limit_sql_length", "limit_column", "limit_expr_depth",
                    "limit_compound_select", "limit_vdbe_op", "limit_function_arg", "limit_attached", "limit_like_pattern_length",
                    "limit_variable_number", "limit_trigger_depth", "limit_worker_threads", "limit_page_count")
            .allow("secure_delete", OptionRule.oneOf("true", "false", "fast"))
            .allow("encoding", OptionRule.oneOf("'UTF-8'", "'UTF-16'", "'UTF-16le'", "'UTF-16be'", "UTF-8", "UTF-16", "UTF-16le",
                    "UTF-16be"))
            .allow("journal_mode", OptionRule.oneOf("DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF"))
            .allow("locking_mode", OptionRule.oneOf("NORMAL", "EXCLUSIVE"))
            .allow("synchronous", OptionRule.oneOf("OFF", "NORMAL", "FULL"))
            .allow("temp_store", OptionRule.oneOf("DEFAULT", "FILE", "MEMORY"))
            .allow("transaction_mode", OptionRule.oneOf("DEFERRED", "IMMEDIATE", "EXCLUSIVE"))
            .allow("date_precision", OptionRule.oneOf("SECONDS", "MILLISECONDS"))
            .allow("date_class", OptionRule.oneOf("INTEGER", "TEXT", "REAL"))
            .allow("date_string_format", OptionRule.text(64))
            .allow("hexkey_mode", OptionRule.oneOf("NONE", "SSE", "SQLCIPHER"))
            .allow("mode", OptionRule.oneOf("ro", "rw", "rwc", "memory"))
            .allow("cache", OptionRule.oneOf("shared", "private"))
            .refuse("lets SQL load native extension libraries from the local file system", "enable_load_extension")
            .refuse("writes temporary files to a local directory named in the URL", "temp_store_directory")
            .refuse("sets the driver's raw open flags (URI file names, memory and read-write modes) past the other checks", "open_mode")
            .refuse("opens the database through another SQLite virtual file system", "vfs")
            .refuse("reads the permissions of another local file", "modeof")
            .build();

    /**
     * A plain path, {@code file:} path or in-memory database; {@code :resource:} (class path or any URL,
     * http included) and other schemes are refused, since the file check cannot see what they open.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, java.util.Properties properties) {
        String database = jdbcUrl.substring(Math.min(jdbcUrl.length(), "jdbc:sqlite:".length()));
        if (database.startsWith(":resource:") || database.contains("://") || database.matches("(?s)[A-Za-z][A-Za-z0-9+.-]+:.*")
                && !database.regionMatches(true, 0, "file:", 0, 5)) {
            throw UnsafeUrlException.url(id(), "only a local path, a file: path or :memory: may follow jdbc:sqlite:"
                    + " (:resource: and URLs open what the file check cannot see)");
        }
        return super.driverOptions(jdbcUrl, properties);
    }

    // ---- functions and validation ----


    // ---- extra table metadata ----

    /** The table's kind and options ({@code pragma_table_list}, SQLite 3.37+) and its CREATE statement ({@code sqlite_master}); {@code ?} schema, {@code ?} name. */
    static String extraSql(IdentifierQuoting quoting, String schema) {
        return "SELECT t.type, t.ncol, t.wr, t.strict, m.sql FROM pragma_table_list AS t JOIN " + quoting.quote(schema)
                + ".sqlite_master AS m ON m.name = t.name WHERE t.schema = ? AND t.name = ?";
    }

    /**
     * {@link #extraSql}: {@code type} (table, view, virtual, shadow), {@code columnCount}, {@code withoutRowid}, {@code strict} and
     * {@code sql} (the CREATE statement as stored) of a table in {@code main} unless a schema (an attached database, {@code temp})
     * is given. SQLite has no partitions.
     */
    @Override
    public Map<String, Object> extraTableMetadata(java.sql.Connection connection, dev.dbspec.api.TableName table) throws java.sql.SQLException {
        java.util.Objects.requireNonNull(connection, "connection is null");
        String schema = table.schema().orElse("main");
        try (java.sql.PreparedStatement statement = connection.prepareStatement(extraSql(identifierQuoting(), schema))) {
            statement.setString(1, schema);
            statement.setString(2, table.name());
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                Map<String, Object> extra = new java.util.LinkedHashMap<>();
                extra.put("type", rs.getString(1));
                extra.put("columnCount", rs.getInt(2));
                extra.put("withoutRowid", rs.getInt(3) != 0);
                extra.put("strict", rs.getInt(4) != 0);
                extra.put("sql", rs.getString(5));
                return extra;
            }
        }
    }

    @Override
    public String uploadColumnType(dev.dbspec.api.GenericType type) {
        return type == dev.dbspec.api.GenericType.STRING || type == dev.dbspec.api.GenericType.OTHER ? "TEXT" : super.uploadColumnType(type);
    }

    public SqliteEngineSpec() {
        super(EngineFacts.builder(SqliteEngineSpec.class)
                .options(OPTIONS)
                .sqlFamily(SqlFamily.SQLITE)
                .quoting(IdentifierQuoting.DOUBLE_QUOTES)
                .grains(GRAINS)
                // SQLite stores datetimes as ISO text, so TEXT columns get timestamp literals too.
                .literals(DatetimeLiterals.standard("'{value}'", 3).toBuilder().nativeType("^text$", "'{value}'", "yyyy-MM-dd HH:mm:ss.SSS").build())
                .epochSeconds("DATETIME({col}, 'unixepoch')")
                .epochMillis(Optional.of("STRFTIME('%Y-%m-%d %H:%M:%f', {col} / 1000.0, 'unixepoch')"))
                .errors(ERRORS)
                .capabilities(Capability.CANCEL)
                .capabilities(Capability.SQL_VALIDATION) // sqlite3_prepare resolves tables and columns
                // EXPLAIN QUERY PLAN compiles only; its rows are id, parent, notused, detail: the plan, without rows or cost
                .planEstimate("EXPLAIN QUERY PLAN ", 4, Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE", "VALUES"))
                .capabilities(Capability.EXTRA_TABLE_METADATA) // pragma_table_list and sqlite_master
                .capabilities(Capability.FILE_UPLOAD) // TableUpload, proven live by the kit's UploadChecks
                .hostAccess(HOST_ACCESS)
                .longRunningQuery("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT COUNT(*) FROM c")
                // The functions of this connection; validation prepares (the default).
                .functionNamesSql("SELECT DISTINCT name FROM pragma_function_list", true)
                // SQLite's DDL is transactional: an upload creates, loads and marks its table in one transaction; dates and timestamps
                // as ISO text, which SQLite's date functions read (the driver would store epoch milliseconds).
                .transactionalDdl()
                .bulkLoad(BulkLoad.batchedInsert(BulkLoad.DEFAULT_BATCH_SIZE, BulkLoad.Temporal.TEXT))
                // The database is opened read-only (open_mode=1, SQLITE_OPEN_READONLY, over the URL's own open_mode; a file: URL asking
                // for mode=rw is refused by SQLite); sqlite-jdbc cannot change the flag on an open connection, so setReadOnly is not called.
                .readOnlyMode(ReadOnlyMode.CLASSIFIER_ONLY.withConnectionProperties(Map.of("open_mode", "1")))
                .build());
    }
}
