package dev.dbspec.plugin.clickhouse;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * ClickHouse through the legacy HTTP driver {@code ru.yandex.clickhouse:clickhouse-jdbc:0.3.2} (bundled), validated live
 * on ClickHouse 18.16.1 (Debian's {@code clickhouse-server}, {@code .ci/start-clickhouse}): the whole kit passes there.
 * All 21 grains over {@code toDateTime(col)} (whole seconds), {@code LIMIT n} (not {@code LIMIT n BY}, a per-group
 * limit), backticks; a database is a schema (the driver's {@code getSchemas}), switched per query; no catalogs.
 *
 * <p>Steps add whole units to the enclosing unit's start ({@code toStartOfHour} + minutes) instead of flooring the Unix
 * time as Superset does, so they hold in time zones whose offset is not a whole hour; weeks use {@code toMonday}, shifted
 * a day for the Sunday-based ones. Grains are exact within {@code DateTime}'s range (1970 to 2106).
 *
 * <p>What the live check on 18.16 proves, and what may differ on current ClickHouse: only functions 18.16 has are used
 * ({@code toStartOfWeek}, {@code toDateTime64}, {@code parseDateTime64BestEffort}, {@code fromUnixTimestamp64Milli} are
 * missing there), so the grains hold on current servers too, but current ClickHouse can do more than is claimed here:
 * sub-second literals ({@code DateTime64}), dates before 1970 ({@code Date32}, {@code DateTime64}), epoch conversions
 * before 1970, CTEs inside subqueries, {@code Nullable}/{@code Bool} columns. The legacy driver's compressed responses
 * from 18.16 arrive empty: URLs for 18.16 need {@code compress=false}. The driver reads and writes timestamps in the JVM's
 * zone unless the server's is used ({@code use_server_time_zone}, the default): with the server in UTC, {@code test-db}
 * passes with the JVM in UTC and in Asia/Kathmandu (+05:45). Not checked here: the legacy driver against a current server.
 *
 * <p>Claimed and proven live on 18.16 (141/201): cancel (the driver's {@code Statement.cancel} runs
 * {@code KILL QUERY WHERE query_id = '...'} for the id it gave the query; stopped in milliseconds), extra table metadata and
 * the latest partition of a MergeTree ({@link ClickHouseTables}), {@code expand_data} for {@code Array} and {@code Tuple}
 * ({@link ClickHouseNested}). Not claimed, because 18.16 cannot: file upload (the kit's timestamps carry fractions, which
 * 18.16's {@code DateTime} cannot hold, {@code toDateTime64} being unknown; there is no transaction, no {@code DELETE}, and
 * every {@code CREATE TABLE} needs an engine clause the upload's DDL does not write), SQL validation and cost estimation (no
 * {@code EXPLAIN} before 20.x), catalogs (a database is a schema), impersonation (18.16 has no roles, and the driver sends
 * one user for the whole connection).
 */
@Extension
public final class ClickHouseEngineSpec extends DeclaredEngineSpec {
    private static final String T = "toDateTime({col})";

    /** Steps add whole steps of the field to the enclosing unit's start; dates are turned back into DateTime. */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .value(T)
            .truncate((unit, value) -> switch (unit) {
                case SECOND -> value;
                case MINUTE, HOUR, DAY -> "toStartOf" + capitalized(unit) + "(" + value + ")";
                case WEEK -> "toDateTime(toMonday(" + value + "))";
                case WEEK_STARTING_SUNDAY -> "toDateTime(subtractDays(toMonday(addDays(toDate(" + value + "), 1)), 1))";
                default -> "toDateTime(toStartOf" + capitalized(unit) + "(" + value + "))";
            }, TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.WEEK, TimeGrain.WEEK_STARTING_SUNDAY,
                    TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .stepped((within, field, step, value) -> "add" + capitalized(field) + "s(toStartOf" + capitalized(within) + "(" + value
                    + "), intDiv(to" + capitalized(field) + "(" + value + "), " + step + ") * " + step + ")")
            .grain(TimeGrain.WEEK_ENDING_SATURDAY, "toDateTime(addDays(toMonday(addDays(toDate(" + T + "), 1)), 5))")
            .grain(TimeGrain.WEEK_ENDING_SUNDAY, "toDateTime(addDays(toMonday(" + T + "), 6))")
            .build();

    /**
     * About 20 s of one core's work on 18.16 (a hash of each of 10^9 numbers; {@code sleep} stops at 3 s), bounded by
     * {@code max_execution_time} so a cancel that failed does not keep the shared server busy.
     */
    static final String LONG_RUNNING_QUERY = "SELECT sum(sipHash64(number)) FROM numbers(1000000000) SETTINGS max_threads = 1, max_execution_time = 40";

    private static String capitalized(TimeGrain unit) {
        return unit.name().charAt(0) + unit.name().substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * ClickHouse has no TIME type (before the experimental one of 25.6); 18.16's {@code DateTime} holds whole seconds
     * ({@code DateTime64} came later), so timestamps are written to the second, zoned ones through
     * {@code parseDateTimeBestEffort}, which reads the offset.
     */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "toDate('{value}')", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "toDateTime('{value}')", "yyyy-MM-dd HH:mm:ss")
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "parseDateTimeBestEffort('{value}')", "yyyy-MM-dd'T'HH:mm:ssxxx")
            .build();

    /**
     * {@code DateTime}'s range: whole seconds after the epoch to 2106-02-07 06:28:15 (an unsigned 32-bit count). The epoch
     * itself is the zero value, which 18.16 writes as {@code 0000-00-00 00:00:00} and the driver reads as null.
     */
    private static final java.time.LocalDateTime DATETIME_FROM = java.time.LocalDateTime.of(1970, 1, 1, 0, 0, 1);
    private static final java.time.LocalDateTime DATETIME_UNTIL = java.time.LocalDateTime.of(2106, 2, 7, 6, 28, 16);

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
            .unreachableHost("Connect timed out")
            .then(ErrorPatterns.standard())
            .build();

    /**
     * The legacy driver's options ({@code ru.yandex.clickhouse} 0.3.2, {@code ?a=b&c=d}; its {@code getPropertyInfo} lists
     * each, its own and ClickHouse's query settings alike): database, TLS in strict mode (the root certificate inside the
     * files directory), compression, time zones, timeouts and buffers, result and memory limits, the client name, and
     * {@code password} and {@code authorization} (an HTTP Authorization header) as secrets. Refused: what moves the request
     * elsewhere (path, protocol, redirects), shares or names server state (sessions, query ids, profiles, quota keys,
     * replacing a running query, query logging), the HTTP client's pool and retries, and every other server setting, which
     * belongs in the user's settings profile on the server, where an administrator vets it.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.text(128), "database", "client_name", "use_time_zone")
            .allow("sslmode", DriverOptionRules.oneOfRefusing(Map.of("none",
                    "it switches off certificate checks, so anyone between this server and ClickHouse could read the password"),
                    "strict"))
            .allow("sslrootcert", OptionRule.localPath())
            .secret("password", "authorization")
            .allow(OptionRule.bool(), "ssl", "compress", "decompress", "use_server_time_zone", "use_server_time_zone_for_dates",
                    "use_client_time_zone", "use_objects_in_arrays", "extremes")
            .allow(OptionRule.integer(0, 86_400_000), "socket_timeout", "connection_timeout", "dataTransferTimeout")
            .allow(OptionRule.integer(0, 86_400), "max_execution_time")
            .allow(OptionRule.integer(0, 16_777_216), "buffer_size", "apache_buffer_size")
            .allow(OptionRule.integer(0, 1_000_000_000), "max_result_rows", "max_block_size")
            .allow("result_overflow_mode", OptionRule.oneOf("throw", "break"))
            .allow("max_threads", OptionRule.integer(1, 1_024))
            .allow("max_memory_usage", OptionRule.integer(0, Long.MAX_VALUE))
            .refuse("sends the request to another path or protocol than the URL's", "path", "use_path_as_db", "protocol")
            .refuse("follows HTTP redirects, to hosts the URL does not name", "check_for_redirects", "max_redirects")
            .refuse("shares or names server-side state (a session, a query, a settings profile, a quota) across users",
                    "session_id", "session_check", "session_timeout", "query_id", "profile", "quota_key", "replace_running_query")
            .refuse("changes what the server logs or how it answers over HTTP", "log_queries", "log_queries_cut_to_length",
                    "enable_http_compression", "send_progress_in_http_headers", "wait_end_of_query", "add_http_cors_header", "async",
                    "priority", "memory_tracker_fault_probability")
            .refuse("tunes the driver's HTTP connection pool, shared by the host's registrations", "useSharedCookieStore", "maxTotal",
                    "defaultMaxPerRoute", "validateAfterInactivityMillis", "timeToLiveMillis", "maxRetries", "maxCompressBufferSize")
            .refuse("a ClickHouse server setting: set it in the user's settings profile on the server",
                    "aggregation_memory_efficient_merge_threads", "allow_experimental_bigint_types",
                    "allow_experimental_map_type", "background_pool_size", "compile", "connect_timeout",
                    "connect_timeout_with_failover_ms", "connections_with_failover_max_tries",
                    "count_distinct_implementation", "distributed_aggregation_memory_efficient",
                    "distributed_connections_pool_size", "distributed_directory_monitor_sleep_time_ms",
                    "distributed_group_by_no_merge", "distributed_product_mode", "force_index_by_date",
                    "force_optimize_skip_unused_shards", "force_primary_key", "global_subqueries_method",
                    "group_by_two_level_threshold", "group_by_two_level_threshold_bytes",
                    "http_native_compression_disable_checksumming_on_decompress", "http_zlib_compression_level",
                    "input_format_skip_unknown_fields", "input_format_values_interpret_expressions", "insert_deduplicate",
                    "insert_distributed_sync", "any_join_distinct_right_table_keys", "insert_quorum",
                    "insert_quorum_timeout", "interactive_delay", "join_algorithm", "load_balancing",
                    "mark_cache_min_lifetime", "max_bytes_before_external_group_by", "max_bytes_before_external_sort",
                    "max_compress_block_size", "max_concurrent_queries_for_user", "max_distributed_connections",
                    "max_distributed_processing_threads", "max_insert_block_size", "max_memory_usage_for_user",
                    "max_memory_usage_for_all_queries", "max_parallel_replicas", "max_partitions_per_insert_block",
                    "max_read_buffer_size", "max_rows_to_group_by", "max_streams_to_max_threads_ratio", "max_query_size",
                    "max_ast_elements", "merge_tree_coarse_index_granularity", "merge_tree_max_rows_to_use_cache",
                    "merge_tree_min_rows_for_concurrent_read", "merge_tree_min_rows_for_seek",
                    "merge_tree_uniform_read_distribution", "min_bytes_to_use_direct_io", "min_compress_block_size",
                    "min_count_to_compile", "min_insert_block_size_bytes", "min_insert_block_size_rows",
                    "network_compression_method", "optimize_min_equality_disjunction_chain_length",
                    "optimize_move_to_prewhere", "optimize_skip_unused_shards", "output_format_json_quote_64bit_integers",
                    "output_format_pretty_max_rows", "output_format_write_statistics", "parallel_replicas_count",
                    "parallel_replica_offset", "poll_interval", "receive_timeout", "read_backoff_max_throughput",
                    "read_backoff_min_events", "read_backoff_min_interval_between_events_ms",
                    "read_backoff_min_latency_ms", "replication_alter_columns_timeout",
                    "replication_alter_partitions_sync", "resharding_barrier_timeout", "select_sequential_consistency",
                    "send_timeout", "skip_unavailable_shards", "strict_insert_defaults",
                    "table_function_remote_max_addresses", "totals_auto_threshold", "totals_mode", "queue_max_wait_ms",
                    "use_uncompressed_cache", "preferred_block_size_bytes", "enable_optimize_predicate_expression")
            .build();

    public ClickHouseEngineSpec() {
        super(EngineFacts.builder(ClickHouseEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                // No epoch conversion: 18.16's DateTime holds neither the instants before 1970 the kit checks
                // (toDateTime(-86400) wraps to 2106) nor milliseconds; current servers have toDateTime64 for both.
                .errors(ERRORS)
                .columnTypes(COLUMN_TYPES)
                // a database is a schema here, which USE switches; 18.16 has no CTE inside a subquery
                .capabilities(Capability.DYNAMIC_SCHEMA)
                // The legacy driver's Statement.cancel sends KILL QUERY WHERE query_id = '<the id it gave the query>'
                .capabilities(Capability.CANCEL)
                .longRunningQuery(LONG_RUNNING_QUERY)
                // system.tables and system.parts (ClickHouseTables); Array and Tuple columns expanded (ClickHouseNested)
                .capabilities(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION, Capability.EXPAND_DATA)
                // engine, keys, rows, bytes and partitioning; a MergeTree's PARTITION BY value partitions (method VALUE) that
                // hold data, and the greatest of them with key = value
                .extraTableMetadata(ClickHouseTables::extraMetadata)
                .partitions(ClickHouseTables::partitions, ClickHouseTables::latest)
                // memory tables have no key; a MergeTree's sorting key is not a constraint, and the driver reports none
                .withoutPrimaryKeys()
                .withoutCapabilities(Capability.CTE_IN_SUBQUERY)
                .sqlFamily(SqlFamily.CLICKHOUSE)
                // backticks (double quotes work too); names are case-sensitive
                .quoting(IdentifierQuoting.BACKTICKS)
                .build());
    }

    /**
     * Every table needs a table engine: the kit's scratch tables live in memory. A column is never null unless declared
     * {@code Nullable(T)}, and 18.16 refuses the {@code NOT NULL} clause, so it is left out.
     */
    @Override
    public String scratchTableSql(String table, String columns) {
        return super.scratchTableSql(table, columns.replace(" NOT NULL", "")) + " ENGINE = Memory";
    }

    /** {@code DateTime}'s range, just after the epoch to 2106. */
    @Override
    public boolean storesTimestamp(java.time.LocalDateTime value) {
        return !value.isBefore(DATETIME_FROM) && value.isBefore(DATETIME_UNTIL);
    }

    /**
     * ClickHouse's types: {@code String}, {@code Int32}, {@code Decimal(18, 4)}, {@code Float64}, {@code Date},
     * {@code DateTime}. Not storable as their own generic type on 18.16: booleans ({@code UInt8}, read back as an integer),
     * TIME, binary (a {@code String}) and JSON.
     */
    @Override
    public String columnTypeFor(GenericType type) {
        return switch (type) {
            case STRING, OTHER, BINARY, JSON -> "String";
            case INTEGER -> "Int32";
            case DECIMAL -> "Decimal(18, 4)";
            case FLOAT -> "Float64";
            case BOOLEAN -> "UInt8";
            case DATE -> "Date";
            case TIME, TIMESTAMP -> "DateTime";
        };
    }

    @Override
    public java.util.Set<GenericType> storableTypes() {
        return java.util.EnumSet.of(GenericType.STRING, GenericType.INTEGER, GenericType.DECIMAL, GenericType.FLOAT, GenericType.DATE,
                GenericType.TIMESTAMP);
    }

    /** No catalog level: the driver's {@code getCatalogs} echoes the current database. */
    @Override
    public List<String> catalogs(java.sql.Connection connection) {
        java.util.Objects.requireNonNull(connection, "connection is null");
        return List.of();
    }

    /** A schema (database) switches; a catalog does not exist (the legacy driver's {@code setCatalog} would switch the database). */
    @Override
    public void useCatalogAndSchema(java.sql.Connection connection, Optional<String> catalog, Optional<String> schema) throws java.sql.SQLException {
        if (catalog.isPresent()) {
            throw new java.sql.SQLException("clickhouse has no catalogs: " + identifierQuoting().quote(catalog.get()), "3D000");
        }
        super.useCatalogAndSchema(connection, Optional.empty(), schema);
    }

    /** {@code database.table}: a name of three parts is refused, and the catalog the driver reports is the database again. */
    @Override
    public String selectStar(dev.dbspec.api.TableName table, List<String> columns, long limit) {
        java.util.Objects.requireNonNull(table, "table is null");
        return super.selectStar(new dev.dbspec.api.TableName(Optional.empty(), table.schema(), table.name()), columns, limit);
    }

    /** Built-in functions (aggregate ones included) from {@code system.functions}. */
    @Override
    public Optional<String> functionNamesSql() {
        return Optional.of("SELECT name FROM system.functions");
    }

    /** {@code Array(T)} into rows, {@code Tuple(...)} into a column per element: see {@link ClickHouseNested}. */
    @Override
    public Optional<dev.dbspec.api.NestedReader> nestedReader(java.sql.Connection connection, java.sql.ResultSetMetaData metadata) throws java.sql.SQLException {
        return ClickHouseNested.reader(metadata);
    }
}
