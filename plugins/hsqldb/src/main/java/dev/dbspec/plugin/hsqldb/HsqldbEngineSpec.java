package dev.dbspec.plugin.hsqldb;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.FunctionNames;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.HostAccess;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * HSQLDB 2.x, embedded or server: grains from {@code TRUNC} (ISO weeks with {@code 'IW'}) plus interval
 * arithmetic, SQL-standard literals. {@code Statement.cancel()} stops a statement while it reads a stored table (HSQLDB
 * looks at the cancel request as it steps through a stored table's rows); a statement reading only system tables,
 * {@code UNNEST} or a recursive {@code WITH} runs on to its end (measured with HSQLDB 2.7.4: still running 3 s after the
 * request).
 */
@Extension
public final class HsqldbEngineSpec extends DeclaredEngineSpec {
    private static final String QUARTER = "TIMESTAMPADD(SQL_TSI_MONTH, -MOD(MONTH({col}) - 1, 3), TRUNC({col}, 'MM'))";

    /** {@code TRUNC}'s format per unit ({@code 'IW'}: the ISO week); quarters step back from the month. */
    private static final Map<TimeGrain, String> CODES = Map.of(TimeGrain.SECOND, "SS", TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH",
            TimeGrain.DAY, "DD", TimeGrain.WEEK, "IW", TimeGrain.MONTH, "MM", TimeGrain.YEAR, "YYYY");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "TRUNC(" + value + ", '" + CODES.get(unit) + "')", TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR,
                    TimeGrain.DAY, TimeGrain.WEEK, TimeGrain.MONTH, TimeGrain.YEAR)
            .grain(TimeGrain.QUARTER, QUARTER)
            .stepped((within, field, step, value) -> "TRUNC(" + value + ", '" + CODES.get(within) + "') + FLOOR(" + field + "(" + value + ") / "
                    + step + ") * " + step + " * INTERVAL '1' " + field)
            // A day later, Sunday falls into the next ISO week; shift that Monday to the label day.
            .shiftedWeeks((value, days) -> value + (days < 0 ? " - " : " + ") + "INTERVAL '" + Math.abs(days) + "' DAY")
            .build();

    /** The zone goes in the string: HSQLDB has no TIMESTAMP WITH TIME ZONE '...' literal. */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.ansi().toBuilder()
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS TIMESTAMP WITH TIME ZONE)", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .build();

    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            // INTEGER ARRAY is an array, not an integer (the defaults match the element's name at the start)
            .map("\\barray(\\[\\d+\\])?$", GenericType.OTHER)
            .map("^longvarchar\\b", GenericType.STRING)
            .map("^longvarbinary\\b", GenericType.BINARY)
            .then(ColumnTypes.defaults())
            .build();

    /**
     * HSQLDB reports a missing table as 42501 "user lacks privilege or object not found", so the
     * message decides before the standard 42501 = permission.
     */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("object not found", ErrorCategory.MISSING_TABLE)
            .message("database (alias )?does not exist", ErrorCategory.UNKNOWN_DATABASE)
            .message("unexpected token|unexpected end of statement|malformed", ErrorCategory.SYNTAX)
            .sqlState("42581", ErrorCategory.SYNTAX)
            .message("timeout", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    /** Files anywhere on the host: backups, scripts, text-table sources, and LOAD_FILE, which reads any file. */
    private static final HostAccess HOST_ACCESS = new HostAccess(List.of("BACKUP", "SCRIPT", "PERFORM", "SET TABLE"),
            Set.of("LOAD_FILE"));

    /**
     * Billions of rows of system-table cross join, with {@code SYSTEM_LOBS.BLOCKS} innermost: the one stored table every HSQLDB
     * database has (its row of free LOB space), so the cancel request is seen on each step (stopped within milliseconds).
     * {@code SYSTEM_LOBS} is readable by DBA users only: under another user the statement fails at once and the kit's cancel
     * check says it ended before it could be cancelled.
     */
    private static final String LONG_RUNNING_QUERY = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SYSTEM_COLUMNS A, INFORMATION_SCHEMA.SYSTEM_COLUMNS B,"
            + " INFORMATION_SCHEMA.SYSTEM_COLUMNS C, SYSTEM_LOBS.BLOCKS L";

    @Override
    public java.util.Optional<java.nio.file.Path> localDatabasePath(String jdbcUrl) {
        return dev.dbspec.api.LocalPaths.after(jdbcUrl, "jdbc:hsqldb:", ";", "mem:", "res:", "hsql:", "hsqls:", "http:", "https:");
    }

    /** HSQLDB's connection properties ({@code jdbc:hsqldb:file:path;name=value}), from its documentation. */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.bool(), "get_column_name", "ifexists", "default_schema", "shutdown", "close_result", "allow_empty_batch",
                    "readonly", "files_readonly", "create", "hsqldb.lock_file", "sql.syntax_db2", "sql.syntax_mss", "sql.syntax_mys",
                    "sql.syntax_ora", "sql.syntax_pgs", "sql.enforce_names", "sql.enforce_refs", "sql.enforce_size",
                    "sql.enforce_types", "sql.enforce_tdc_delete", "sql.enforce_tdc_update", "sql.regular_names",
                    "sql.ignore_case", "sql.longvar_is_lob", "sql.concat_nulls", "sql.nulls_first", "sql.nulls_order",
                    "sql.unique_nulls", "sql.convert_trunc", "sql.avg_scale", "sql.double_nan", "sql.char_literal",
                    "sql.restrict_exec", "sql.live_object", "sql.pad_space", "sql.sys_index_names", "sql.lowercase_ident")
            .allow("hsqldb.default_table_type", OptionRule.oneOf("memory", "cached"))
            .allow("hsqldb.tx", OptionRule.oneOf("locks", "mvlocks", "mvcc"))
            .allow("hsqldb.tx_level", OptionRule.oneOf("read_committed", "serializable"))
            .allow(OptionRule.integer(0, Integer.MAX_VALUE), "hsqldb.cache_rows", "hsqldb.cache_size", "hsqldb.result_max_memory_rows",
                    "hsqldb.write_delay_millis", "hsqldb.log_size", "hsqldb.defrag_limit", "hsqldb.applog", "hsqldb.sqllog")
            .refuse("lets text tables read and write files anywhere on the local file system", "textdb.allow_full_path")
            .refuse("writes temporary files to a local directory named in the URL", "hsqldb.temp_directory")
            .refuse("widens which Java static methods SQL routines may call", "hsqldb.method_class_names")
            .refuse("encrypts the database with a key or a provider class named in the URL", "crypt_key", "crypt_type",
                    "crypt_provider", "crypt_iv", "crypt_lobs")
            .build();

    /** {@code mem:}, {@code file:} (or a plain path) and the remote forms; {@code res:} (class path resources) is refused. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, java.util.Properties properties) {
        if (jdbcUrl.regionMatches(true, 0, "jdbc:hsqldb:res:", 0, 16)) {
            throw UnsafeUrlException.url(id(), "res: opens a database from the class path, which the file check cannot see");
        }
        return super.driverOptions(jdbcUrl, properties);
    }


    /** The table's type, HSQLDB storage ({@code MEMORY}, {@code CACHED}, {@code TEXT}), read-only flag and temporary-table action. */
    static final String EXTRA_SQL = "SELECT TABLE_TYPE, HSQLDB_TYPE, READ_ONLY, COMMIT_ACTION FROM INFORMATION_SCHEMA.SYSTEM_TABLES"
            + " WHERE TABLE_SCHEM = ? AND TABLE_NAME = ?";

    /** {@link #EXTRA_SQL}: {@code tableType}, {@code storage}, {@code readOnly}, {@code commitAction}. HSQLDB has no partitions. */
    @Override
    public Map<String, Object> extraTableMetadata(java.sql.Connection connection, dev.dbspec.api.TableName table) throws java.sql.SQLException {
        return dev.dbspec.api.JdbcMetadata.extraFromCatalog(connection, this, table, EXTRA_SQL, List.of("tableType", "storage", "readOnly", "commitAction"));
    }

    // ---- functions and validation ----

    public HsqldbEngineSpec() {
        super(EngineFacts.builder(HsqldbEngineSpec.class)
                .options(OPTIONS)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                .literals(LITERALS)
                // Interval arithmetic on a TIMESTAMP WITHOUT TIME ZONE, so the session zone plays no part.
                .epochSeconds("TIMESTAMP '1970-01-01 00:00:00' + CAST(CAST({col} AS DECIMAL(20,6)) AS INTERVAL SECOND(12,6))")
                .epochMillis(Optional.of("TIMESTAMP '1970-01-01 00:00:00' + CAST(CAST({col} AS DECIMAL(20,3)) / 1000 AS INTERVAL SECOND(12,3))"))
                .errors(ERRORS)
                .capabilities(Capability.DYNAMIC_SCHEMA)
                .capabilities(Capability.SQL_VALIDATION) // prepareStatement compiles in process
                .capabilities(Capability.CATALOGS) // PUBLIC qualifies names: CATALOG.SCHEMA.TABLE
                // EXPLAIN PLAN FOR: one row per line of the plan (access paths, indexes, cardinalities where known), no total cost
                .planEstimate("EXPLAIN PLAN FOR ", 1, Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES"))
                .capabilities(Capability.EXTRA_TABLE_METADATA) // INFORMATION_SCHEMA.SYSTEM_TABLES
                .capabilities(Capability.FILE_UPLOAD) // TableUpload, proven live by the kit's UploadChecks
                .capabilities(Capability.CANCEL) // Statement.cancel over stored tables (see the class comment)
                // ARRAY (HSQLDB has no row type) read by NestedValues#standardReader, proven live by the kit's
                // ExpandDataChecks on arrays alone
                .capabilities(Capability.EXPAND_DATA)
                .longRunningQuery(LONG_RUNNING_QUERY)
                .maxColumnNameLength(128)
                .hostAccess(HOST_ACCESS)
                // HSQLDB needs a FROM clause (outside its MySQL, PostgreSQL and SQL Server modes): a one-row VALUES table.
                .oneRowTable("(VALUES (0))")
                // HSQLDB has no JSON type.
                .withoutStorableTypes(GenericType.JSON)
                // Functions from INFORMATION_SCHEMA.ROUTINES, stored ones only: the built-ins the driver lists are added.
                .functionNamesSql(FunctionNames.INFORMATION_SCHEMA_FUNCTIONS, false)
                .timestampsAsLocalDateTime()
                .decimalsAsText()
                .build());
    }

    /**
     * {@code INTEGER ARRAY} (arrays of arrays too, {@code INTEGER ARRAY ARRAY}): the type name JDBC reports carries the
     * shape. HSQLDB has no row, struct or JSON type.
     */
    @Override
    public Optional<dev.dbspec.api.NestedReader> nestedReader(java.sql.Connection connection, java.sql.ResultSetMetaData metadata)
            throws java.sql.SQLException {
        return Optional.of(dev.dbspec.plugin.family.NestedValues.standardReader(metadata));
    }
}
