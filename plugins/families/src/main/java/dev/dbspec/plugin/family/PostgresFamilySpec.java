package dev.dbspec.plugin.family;

import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.CostEstimate;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Optional;
import java.util.Set;

/**
 * The PostgreSQL family (PostgreSQL, Redshift, Greenplum, CockroachDB, RisingWave...): all 21 grains
 * from {@code DATE_TRUNC} (ISO weeks) plus interval arithmetic, epoch via {@code TIMESTAMP 'epoch'},
 * SQL-standard literals, double quotes with lower-cased unquoted names, pgjdbc type names.
 */
public abstract class PostgresFamilySpec extends DeclaredEngineSpec {
    /** The grain templates of PostgreSQL, exact for every {@link TimeGrain}. */
    public static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "DATE_TRUNC('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
            .stepped((within, field, step, value) -> "DATE_TRUNC('" + within.name().toLowerCase(Locale.ROOT) + "', " + value + ") + INTERVAL '"
                    + step + " " + field.name().toLowerCase(Locale.ROOT) + "s' * FLOOR(EXTRACT(" + field + " FROM " + value + ") / " + step + ")")
            .shiftedWeeks((value, days) -> value + (days < 0 ? " - " : " + ") + "INTERVAL '" + Math.abs(days) + (Math.abs(days) == 1 ? " day'" : " days'"))
            .build();

    /**
     * PostgreSQL's session roles for user impersonation: {@code SET LOCAL ROLE "name"} inside the request's transaction
     * (commit and rollback drop it), {@code RESET ROLE} before the connection returns to the pool, {@code SELECT current_user}
     * to check it; names of at most 63 bytes ({@code NAMEDATALEN - 1}: PostgreSQL truncates a longer one, which could name
     * another role). Engines of the family that have session roles return it from {@code impersonation()} and claim
     * {@link dev.dbspec.api.Capability#USER_IMPERSONATION}.
     */
    public static final dev.dbspec.api.Impersonation SESSION_ROLE = dev.dbspec.api.Impersonation.sessionRole(
            java.util.List.of("SET LOCAL ROLE {name}"), java.util.List.of("RESET ROLE"), "SELECT current_user", 63)
            // A dbspec user whose name is a superuser's (postgres, root) must not gain it: privileged roles other than the
            // login itself (whose powers the registration has anyway) are never assumed.
            .refusingPrivileged("SELECT (rolsuper OR rolbypassrls OR rolcreaterole OR rolreplication) AND rolname <> session_user"
                    + " FROM pg_roles WHERE rolname = current_user");

    /**
     * Functions refused in read-only requests: they act outside the transaction, which a rollback does not undo (large
     * objects read and write the server's files, backends are signalled, configuration reloaded, WAL switched, slots,
     * origins and statistics changed, sequences stepped), hold session locks past it (advisory locks), change the
     * session ({@code set_config}), or run SQL text out of the classifier's sight ({@code query_to_xml}, {@code ts_stat},
     * {@code ts_rewrite(query, 'SELECT ...')}, {@code dblink}): a name concatenated inside such a text hides from every check,
     * and a role set there ({@code set_config('role', ...)}) lasts for the rest of an impersonated request's transaction.
     * All large-object functions but {@code lo_get} are refused.
     */
    public static final Set<String> READ_ONLY_REFUSED_FUNCTIONS = Set.of(
            "lo_import", "lo_export", "lo_unlink", "lo_create", "lo_creat", "lo_put", "lo_from_bytea", "lo_truncate", "lo_truncate64",
            "lo_open", "lo_close", "loread", "lowrite", "lo_lseek", "lo_lseek64", "lo_tell", "lo_tell64",
            "set_config", "nextval", "setval",
            "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "pg_rotate_logfile_old", "pg_switch_wal",
            "pg_switch_xlog", "pg_create_restore_point", "pg_backup_start", "pg_backup_stop", "pg_start_backup", "pg_stop_backup",
            "pg_promote", "pg_wal_replay_pause", "pg_wal_replay_resume", "pg_log_backend_memory_contexts", "pg_import_system_collations",
            "pg_stat_reset", "pg_stat_reset_shared", "pg_stat_reset_single_table_counters", "pg_stat_reset_single_function_counters",
            "pg_stat_reset_slru", "pg_stat_reset_replication_slot", "pg_stat_reset_subscription_stats", "pg_stat_statements_reset",
            "pg_create_physical_replication_slot", "pg_create_logical_replication_slot", "pg_drop_replication_slot",
            "pg_copy_physical_replication_slot", "pg_copy_logical_replication_slot", "pg_replication_slot_advance",
            "pg_logical_slot_get_changes", "pg_logical_slot_get_binary_changes", "pg_logical_emit_message",
            "pg_replication_origin_create", "pg_replication_origin_drop", "pg_replication_origin_advance",
            "pg_replication_origin_session_setup", "pg_replication_origin_session_reset", "pg_replication_origin_xact_setup",
            "pg_notify", "pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
            "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared", "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared",
            "pg_advisory_unlock", "pg_advisory_unlock_shared", "pg_advisory_unlock_all",
            "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "ts_stat", "ts_rewrite",
            "dblink", "dblink_exec", "dblink_connect", "dblink_connect_u", "dblink_send_query", "dblink_open",
            "pg_file_write", "pg_file_rename", "pg_file_unlink", "pg_file_sync");

    /** pgjdbc reports internal type names: {@code bpchar} for CHAR(n), {@code int4}, {@code float8}... */
    public static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^bpchar\\b", GenericType.STRING)
            .map("^(inet|cidr|macaddr8?|xml|tsvector)$", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    /**
     * {@code Connection.setReadOnly(true)}, which pgjdbc turns into {@code BEGIN READ ONLY} (unless the URL sets
     * {@code readOnlyMode=ignore}), and the {@link #READ_ONLY_REFUSED_FUNCTIONS}.
     */
    protected PostgresFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /**
     * PostgreSQL's facts for an engine of the family: its grains, epochs ({@code TIMESTAMP 'epoch'} plus an interval),
     * pgjdbc's type names and options, lower-casing double quotes, the PostgreSQL dialect; an engine adds its identity,
     * URL and driver, and replaces what differs.
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
                .epochSeconds("(TIMESTAMP 'epoch' + {col} * INTERVAL '1 second')")
                .epochMillis(Optional.of("(TIMESTAMP 'epoch' + {col} * INTERVAL '1 millisecond')"))
                .columnTypes(COLUMN_TYPES)
                .quoting(IdentifierQuoting.DOUBLE_QUOTES_LOWER)
                .sqlFamily(SqlFamily.POSTGRESQL)
                .options(PgjdbcOptions.OPTIONS)
                // PostgreSQL's DDL is transactional: an upload creates, loads and marks its table in one transaction.
                .transactionalDdl()
                .columnType(GenericType.BINARY, "BYTEA")
                // The functions on the search path.
                .functionNamesSql("SELECT DISTINCT p.proname FROM pg_catalog.pg_proc p WHERE pg_catalog.pg_function_is_visible(p.oid)", true)
                .readOnlyMode(ReadOnlyMode.JDBC_READ_ONLY.withRefusedFunctions(READ_ONLY_REFUSED_FUNCTIONS));
    }

    /** Strings as {@code text} (no length limit); the rest as {@link #columnTypeFor}, integers as {@code bigint}. */
    @Override
    public String uploadColumnType(GenericType type) {
        return type == GenericType.STRING || type == GenericType.OTHER ? "TEXT" : super.uploadColumnType(type);
    }

    /** With pgjdbc, what its own {@code Driver.parseURL} reads; with another driver, the strict parser. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        if (driverClassName().equals("org.postgresql.Driver")) {
            return PgjdbcOptions.read(this, driverUrl(jdbcUrl), properties);
        }
        return super.driverOptions(jdbcUrl, properties);
    }

    // ---- functions and validation ----

    /** Statements {@code EXPLAIN} plans without running them (never with {@code ANALYZE}). */
    private static final Set<String> EXPLAINABLE = Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "VALUES", "TABLE", "MERGE");
    private static final String EXPLAIN = "EXPLAIN ";

    /**
     * {@code EXPLAIN} (without {@code ANALYZE}: the plan only) of one statement whose first keyword is on the allow-list;
     * the server's {@code Position} gives line and column. Other statements are reported as not validated: PostgreSQL
     * parses them only when it runs them.
     */
    @Override
    public SqlValidation validate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        java.util.Objects.requireNonNull(connection, "connection is null");
        Optional<SqlValidation> several = SqlValidation.innerSemicolon(sql);
        if (several.isPresent()) {
            return several.get();
        }
        if (!SqlValidation.explainable(sql, EXPLAINABLE)) {
            return SqlValidation.invalid(1, 1, "not validated: PostgreSQL parses this statement only when it runs it; "
                    + "explainable statements start with one of " + new java.util.TreeSet<>(EXPLAINABLE));
        }
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false); // the text reaches the server as written, so positions hold
            statement.execute(EXPLAIN + SqlValidation.stripTrailingSemicolons(sql));
            return SqlValidation.ok();
        } catch (java.sql.SQLException e) {
            if (SqlValidation.isConnectionFailure(e)) {
                throw e;
            }
            return validationError(sql, EXPLAIN.length(), e);
        }
    }

    /**
     * The problem {@code error} (the server's refusal of {@code EXPLAIN} + {@code sql}) reports: PostgreSQL's
     * {@code Position} counts characters, so {@link SqlValidation#fromPostgresError} places it; an engine counting otherwise
     * says so here (QuestDB counts UTF-16 units).
     *
     * @param prefixLength the characters sent before {@code sql}
     */
    protected SqlValidation validationError(String sql, int prefixLength, java.sql.SQLException error) {
        return SqlValidation.fromPostgresError(sql, prefixLength, error);
    }

    // ---- cost estimation ----

    /**
     * {@code EXPLAIN (FORMAT JSON)} (never {@code ANALYZE}: the plan only) of one statement whose first keyword is on the
     * validation's allow-list; rows and cost are the top plan node's {@code Plan Rows} and {@code Total Cost}. A member
     * declaring a plan-only estimate ({@code EngineFacts.Builder#planEstimate}) gets that instead.
     */
    @Override
    public java.util.List<CostEstimate> estimate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        java.util.List<CostEstimate> declared = super.estimate(connection, sql); // a member's plan-only EXPLAIN (QuestDB)
        if (!declared.isEmpty()) {
            return declared;
        }
        String statementText = CostEstimate.explainableStatement(sql, EXPLAINABLE);
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            try (java.sql.ResultSet plan = statement.executeQuery("EXPLAIN (FORMAT JSON) " + statementText)) {
                String json = plan.next() ? String.valueOf(plan.getString(1)) : "";
                return java.util.List.of(new CostEstimate(CostEstimate.firstNumber(json, "Plan Rows"),
                        CostEstimate.firstNumber(json, "Total Cost"), json));
            }
        }
    }

    // ---- nested data ----

    /**
     * Arrays, composite types and {@code json}/{@code jsonb} documents ({@link PgNestedReader}): types from
     * {@code pg_type} and {@code pg_attribute}, values from PostgreSQL's text forms.
     */
    @Override
    public Optional<dev.dbspec.api.NestedReader> nestedReader(java.sql.Connection connection, java.sql.ResultSetMetaData metadata)
            throws java.sql.SQLException {
        return Optional.of(PgNestedReader.of(connection, metadata));
    }
}
