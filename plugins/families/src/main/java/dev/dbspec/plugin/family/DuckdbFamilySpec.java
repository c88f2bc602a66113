package dev.dbspec.plugin.family;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.CostEstimate;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.HostAccess;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DuckDB family (DuckDB, MotherDuck) through duckdb_jdbc: all 21 grains from {@code DATE_TRUNC}
 * (ISO weeks) and {@code time_bucket}, epoch via {@code make_timestamp} (naive UTC), SQL-standard
 * literals with time zones, double quotes keeping case.
 */
public abstract class DuckdbFamilySpec extends DeclaredEngineSpec {
    /**
     * The grain templates, exact for every {@link TimeGrain}. {@code time_bucket} counts buckets from
     * 2000-01-03 00:00, so buckets that divide a day start on day boundaries.
     */
    public static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "DATE_TRUNC('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
            .stepped((within, field, step, value) -> "time_bucket(INTERVAL '" + step + " " + field.name().toLowerCase(Locale.ROOT) + "s', " + value + ")")
            .shiftedWeeks((value, days) -> value + (days < 0 ? " - " : " + ") + "INTERVAL " + Math.abs(days) + " DAY")
            .build();

    /** duckdb_jdbc type names: unsigned integers, second/milli/nano timestamps, nested types (lists end in []). */
    public static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("\\[\\d*\\]$|^(struct|map|union|list|array)\\b", GenericType.OTHER)
            .map("^(utinyint|usmallint|uinteger|ubigint|uhugeint|varint|bignum)\\b", GenericType.INTEGER)
            .map("^timestamp_(s|ms|ns)\\b", GenericType.TIMESTAMP)
            .map("^bit(string)?$", GenericType.OTHER) // a bit string, not a boolean
            .then(ColumnTypes.defaults())
            .build();

    /**
     * SQL-standard typed literals, plus (as Superset) text for a datetime kept in a text column: DuckDB's own text
     * form, {@code yyyy-MM-dd HH:mm:ss.ffffff}, which sorts and compares like the values it spells.
     */
    public static final DatetimeLiterals LITERALS = DatetimeLiterals.ansi().toBuilder()
            .nativeType("^(varchar|text|string|bpchar|char)\\b", "'{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSS")
            .build();

    /** DuckDB reports no SQLSTATE; its messages start with the error type. */
    public static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("Parser Error", ErrorCategory.SYNTAX)
            .message("Table with name .* does not exist|Table .* does not exist", ErrorCategory.MISSING_TABLE)
            .message("Catalog .* does not exist|Cannot open (database|file)", ErrorCategory.UNKNOWN_DATABASE)
            .message("Permission Error|read-only mode", ErrorCategory.PERMISSION)
            .message("INTERRUPT Error|Interrupted", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    /** DuckDB's DDL is transactional: an upload creates, loads and marks its table in one transaction. */
    protected DuckdbFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /**
     * The family's facts: grains, literals, type names, errors and {@link #DUCKDB_OPTIONS}; epochs through
     * {@code make_timestamp}, which takes microseconds since the epoch and gives a TIMESTAMP without zone
     * ({@code to_timestamp} gives a TIMESTAMPTZ), the DECIMAL keeping fractions and avoiding INTEGER overflow; double quotes,
     * names matched case-insensitively and stored as written; statements cancel by interrupting the connection,
     * {@code prepareStatement} binds and plans in process, EXPLAIN gives estimated cardinalities, attached databases
     * (memory, system, temp, files) are catalogs.
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
                .epochSeconds("make_timestamp(CAST(CAST({col} AS DECIMAL(38,6)) * 1000000 AS BIGINT))")
                .epochMillis(Optional.of("make_timestamp(CAST(CAST({col} AS DECIMAL(38,3)) * 1000 AS BIGINT))"))
                .columnTypes(COLUMN_TYPES)
                .errors(ERRORS)
                .capabilities(Capability.CANCEL, Capability.SQL_VALIDATION, Capability.COST_ESTIMATION, Capability.CATALOGS)
                .quoting(IdentifierQuoting.DOUBLE_QUOTES)
                .sqlFamily(SqlFamily.POSTGRESQL)
                .options(DUCKDB_OPTIONS)
                .transactionalDdl()
                // VARCHAR has no length limit in DuckDB.
                .columnType(GenericType.STRING, "VARCHAR")
                .columnType(GenericType.OTHER, "VARCHAR")
                .columnType(GenericType.BINARY, "BLOB")
                // A cross join of 10^12 rows, which DuckDB cannot optimise away.
                .longRunningQuery("SELECT COUNT(*) FROM range(1000000) a, range(1000000) b WHERE a.range + b.range > 0")
                // Every function DuckDB knows, built-in and macro; validation prepares (the default).
                .functionNamesSql("SELECT DISTINCT function_name FROM duckdb_functions()", true);
    }

    /** Strings as {@code VARCHAR} (no length limit in DuckDB). */
    @Override
    public String uploadColumnType(GenericType type) {
        return type == GenericType.STRING || type == GenericType.OTHER ? "VARCHAR" : super.uploadColumnType(type);
    }

    /** A DuckDB file; in-memory and MotherDuck ({@code md:}) databases have none. */
    @Override
    public java.util.Optional<java.nio.file.Path> localDatabasePath(String jdbcUrl) {
        return dev.dbspec.api.LocalPaths.after(jdbcUrl, "jdbc:duckdb:", ";", ":memory:", "md:", "motherduck:");
    }

    /**
     * DuckDB's own sandbox: no file, network or extension access from SQL ({@code read_csv},
     * {@code FROM 'file'}, {@code COPY}, {@code ATTACH}, {@code INSTALL}) except inside {@code directory};
     * DuckDB refuses to switch either setting back while the database is open.
     */
    @Override
    public Map<String, String> fileSandboxProperties(java.nio.file.Path directory) {
        String path = directory.toAbsolutePath().normalize().toString().replace("'", "''");
        return Map.of("enable_external_access", "false", "allowed_directories", "['" + path + "/']");
    }

    /**
     * Settings that still write files outside the sandbox's directories (profiling output, the query log)
     * or move where DuckDB keeps secrets, extensions and spill files; refused, whatever the form
     * ({@code SET}, {@code SET GLOBAL}, {@code PRAGMA}), while the host confines files; and DuckDB's own
     * logging to files ({@code enable_logging(storage='file')}), which inside the sandbox throws from a
     * background thread and terminates the whole JVM.
     */
    @Override
    public HostAccess hostAccess() {
        return new HostAccess(List.of(), Set.of("PROFILING_OUTPUT", "LOG_QUERY_PATH", "SECRET_DIRECTORY", "HOME_DIRECTORY",
                "EXTENSION_DIRECTORY", "TEMP_DIRECTORY", "ENABLE_LOGGING", "DISABLE_LOGGING", "TRUNCATE_DUCKDB_LOGS"));
    }

    /**
     * A DuckDB file is opened read-only ({@code duckdb.read_only=true}: every write, {@code nextval} included, fails);
     * the driver cannot change the flag on an open connection. An in-memory or MotherDuck database cannot be opened
     * read-only and keeps only the classifier. {@code nextval} is refused in either case.
     */
    @Override
    public ReadOnlyMode readOnlyMode(String jdbcUrl) {
        ReadOnlyMode mode = ReadOnlyMode.CLASSIFIER_ONLY.withRefusedFunctions(Set.of("nextval", "setval", "enable_logging",
                "disable_logging", "truncate_duckdb_logs"));
        return localDatabasePath(jdbcUrl).isPresent() ? mode.withConnectionProperties(Map.of("duckdb.read_only", "true")) : mode;
    }

    private static final String SANDBOX = "would undo the host's confinement of SQL file access to its files directory";
    private static final String NATIVE_CODE = "loads native extension code from a location named in the URL or the network";
    private static final String WRITES_FILES = "writes logs, profiles or spill files to the host's file system";

    /** DuckDB 1.4's settings (its driver's getPropertyInfo). */
    public static final ConnectionOptions DUCKDB_OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("username", OptionRule.text(256))
            .allow("access_mode", OptionRule.oneOf("automatic", "read_only", "read_write"))
            .allow(OptionRule.integer(1, 1024), "threads", "worker_threads", "external_threads")
            .allow(OptionRule.integer(0, Integer.MAX_VALUE), "max_expression_depth", "progress_bar_time", "late_materialization_max_rows")
            .allow(OptionRule.bool(), "duckdb.read_only", "preserve_insertion_order", "jdbc_stream_results", "jdbc_auto_commit",
                    "jdbc_pin_db", "jdbc_ignore_unsupported_options", "errors_as_json", "integer_division", "preserve_identifier_case",
                    "ieee_floating_point_ops", "immediate_transaction_mode", "scalar_subquery_error_on_multiple_rows",
                    "enable_progress_bar", "binary_as_string", "old_implicit_casting", "order_by_non_integer_literal")
            .allow("default_order", OptionRule.oneOf("ASC", "DESC", "ASCENDING", "DESCENDING"))
            .allow(OptionRule.oneOf("NULLS_FIRST", "NULLS_LAST", "NULLS_FIRST_ON_ASC_LAST_ON_DESC", "NULLS_LAST_ON_ASC_FIRST_ON_DESC"),
                    "default_null_order", "null_order")
            .allow(OptionRule.text(64), "memory_limit", "max_memory", "TimeZone", "Calendar", "schema", "duckdb_api",
                    "custom_user_agent", "default_collation", "lambda_syntax", "explain_output")
            .allow("search_path", OptionRule.text(1024))
            // Engine tuning (memory, joins, compression, storage format): DuckDB checks the values.
            .allow(OptionRule.text(64), "allocator_background_threads", "allocator_bulk_deallocation_flush_threshold",
                    "allocator_flush_threshold", "arrow_large_buffer_size", "arrow_lossless_conversion", "arrow_output_list_view",
                    "arrow_output_version", "asof_loop_join_threshold", "catalog_error_max_schemas", "checkpoint_threshold",
                    "default_block_size", "disable_database_invalidation", "disable_parquet_prefetching", "disable_timestamptz_casts",
                    "disabled_compression_methods", "disabled_optimizers", "dynamic_or_filter_threshold",
                    "enable_external_file_cache", "enable_fsst_vectors", "enable_geoparquet_conversion", "enable_http_metadata_cache",
                    "enable_macro_dependencies", "enable_object_cache", "enable_view_dependencies", "experimental_metadata_reuse",
                    "force_bitpacking_mode", "force_compression", "index_scan_max_count", "index_scan_percentage", "max_vacuum_tasks",
                    "merge_join_threshold", "nested_loop_join_threshold", "ordered_aggregate_threshold", "parquet_metadata_cache",
                    "partitioned_write_flush_threshold", "partitioned_write_max_open_files", "perfect_ht_threshold", "pin_threads",
                    "pivot_filter_threshold", "pivot_limit", "prefer_range_joins", "prefetch_all_parquet_files",
                    "produce_arrow_string_view", "scheduler_process_partial", "storage_compatibility_version",
                    "streaming_buffer_size", "variant_legacy_encoding", "wal_autocheckpoint", "zstd_min_string_length")
            .refuse(SANDBOX, "enable_external_access", "allowed_directories", "allowed_paths", "disabled_filesystems",
                    "file_search_path", "lock_configuration")
            .refuse("reads and runs SQL from a local file", "session_init_sql_file")
            .refuse("lets SQL load unsigned native extension libraries", "allow_unsigned_extensions")
            .refuse("lets SQL load native extensions built for another platform or version", "allow_extensions_metadata_mismatch")
            .refuse(NATIVE_CODE, "extension_directory", "custom_extension_repository", "autoinstall_extension_repository",
                    "allow_community_extensions", "autoinstall_known_extensions", "autoload_known_extensions")
            .refuse("moves where DuckDB reads and writes extensions and secrets on the local file system", "home_directory")
            .refuse("reads, writes or reveals persistent secrets on the host", "secret_directory", "allow_persistent_secrets",
                    "default_secret_storage", "allow_unredacted_secrets")
            .refuse(WRITES_FILES, "temp_directory", "max_temp_directory_size", "temp_file_encryption", "profiling_output",
                    "profile_output", "log_query_path", "enable_http_logging", "http_logging_output", "enable_profiling",
                    "profiling_mode", "custom_profiling_settings", "profiling_coverage", "enable_logging", "logging_level",
                    "logging_mode", "logging_storage", "enabled_log_types", "disabled_log_types", "enable_progress_bar_print")
            .refuse("routes DuckDB's HTTP requests through a proxy named in the URL", "http_proxy", "http_proxy_password",
                    "http_proxy_username")
            .refuse("debug switches of the engine's internals that can corrupt or abort a database", "debug_asof_iejoin",
                    "debug_checkpoint_abort", "debug_force_external", "debug_force_no_cross_product", "debug_skip_checkpoint_on_commit",
                    "debug_verify_blocks", "debug_verify_vector", "debug_window_mode")
            .build();

    // ---- nested data ----

    /**
     * LISTs and fixed-size ARRAYs ({@code INTEGER[]}, {@code INTEGER[3]}) and STRUCTs ({@code STRUCT(a INTEGER, b
     * VARCHAR)}), read from the type names duckdb_jdbc reports ({@link NestedTypes#duckdb}) and the driver's
     * {@link java.sql.Array} and {@link java.sql.Struct} values; MAPs and UNIONs are scalars, as Superset's Presto
     * {@code MAP}.
     */
    @Override
    public Optional<dev.dbspec.api.NestedReader> nestedReader(java.sql.Connection connection, java.sql.ResultSetMetaData metadata)
            throws java.sql.SQLException {
        int columns = metadata.getColumnCount();
        dev.dbspec.api.NestedType[] types = new dev.dbspec.api.NestedType[columns];
        for (int i = 0; i < columns; i++) {
            String name = String.valueOf(metadata.getColumnTypeName(i + 1));
            int jdbcType = metadata.getColumnType(i + 1);
            types[i] = jdbcType == java.sql.Types.ARRAY || jdbcType == java.sql.Types.STRUCT ? NestedTypes.duckdb(name)
                    : dev.dbspec.api.NestedType.scalar(name);
        }
        return Optional.of(NestedValues.reader(types));
    }

    // ---- cost estimation ----

    /** Statements DuckDB's {@code EXPLAIN} plans without running them (never {@code EXPLAIN ANALYZE}). */
    private static final java.util.Set<String> ESTIMABLE = java.util.Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "VALUES", "TABLE", "FROM");
    /** The estimated cardinality DuckDB prints in a plan node ({@code ~3 rows}, {@code ~1 row}, {@code EC: 3} in older versions). */
    private static final java.util.regex.Pattern CARDINALITY = java.util.regex.Pattern.compile("(?:~([0-9]+) [Rr]ows?|EC: ?([0-9]+))");

    /** {@code EXPLAIN} (the plan only): the plan text and the top node's estimated cardinality when printed; no cost. */
    @Override
    public java.util.List<CostEstimate> estimate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        java.util.Objects.requireNonNull(connection, "connection is null");
        String statementText = CostEstimate.explainableStatement(sql, ESTIMABLE);
        StringBuilder plan = new StringBuilder();
        try (java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("EXPLAIN " + statementText)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                plan.append(rows.getString(columns)).append('\n');
            }
        }
        java.util.regex.Matcher matcher = CARDINALITY.matcher(plan);
        Optional<Double> estimated = matcher.find()
                ? Optional.of(Double.parseDouble(matcher.group(1) != null ? matcher.group(1) : matcher.group(2))) : Optional.empty();
        return java.util.List.of(new CostEstimate(estimated, Optional.empty(), plan.toString()));
    }
}
