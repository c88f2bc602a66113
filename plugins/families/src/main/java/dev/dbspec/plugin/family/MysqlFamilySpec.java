package dev.dbspec.plugin.family;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.CostEstimate;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TableDetail;
import dev.dbspec.api.TableInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The MySQL family (MySQL, MariaDB, StarRocks, Doris...): all 21 grains from {@code DATE()} plus
 * {@code DATE_ADD}/{@code DATE_SUB} arithmetic (written as Superset writes them where they compute the same; weeks
 * from {@code WEEKDAY()}, 0 = Monday, or from {@code DAYOFWEEK()} of the day before, since {@code DAYOFWEEK()} is
 * Sunday-based), time-zone independent epoch conversion, backticks, LIMIT.
 */
public abstract class MysqlFamilySpec extends DeclaredEngineSpec {
    private static final String DAY = "DATE({col})";

    /**
     * The Monday of the ISO week, written as Superset writes it: {@code DAYOFWEEK()} (1 = Sunday) of the day before
     * is 1 on Monday and 7 on Sunday, so subtracting it minus one lands on Monday; {@code DATE()} gives the DATE.
     */
    private static final String MONDAY = "DATE(DATE_SUB({col}, INTERVAL DAYOFWEEK(DATE_SUB({col}, INTERVAL 1 DAY)) - 1 DAY))";
    private static final String MONTH_START = "DATE(DATE_SUB({col}, INTERVAL DAYOFMONTH({col}) - 1 DAY))";
    /** January 1st plus the quarter's number of quarters, minus one: the first day of the quarter (a DATE). */
    private static final String QUARTER_START = "MAKEDATE(YEAR({col}), 1) + INTERVAL QUARTER({col}) QUARTER - INTERVAL 1 QUARTER";

    /**
     * The grain templates, exact for every {@link TimeGrain}. Sub-day grains add whole units to
     * {@code DATE({col})} (a DATETIME result), day and longer grains give a DATE.
     */
    public static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, secondsOfDay(1)),
            entry(TimeGrain.FIVE_SECONDS, secondsOfDay(5)),
            entry(TimeGrain.THIRTY_SECONDS, secondsOfDay(30)),
            entry(TimeGrain.MINUTE, minutesOfDay(1)),
            entry(TimeGrain.FIVE_MINUTES, minutesOfDay(5)),
            entry(TimeGrain.TEN_MINUTES, minutesOfDay(10)),
            entry(TimeGrain.FIFTEEN_MINUTES, minutesOfDay(15)),
            entry(TimeGrain.THIRTY_MINUTES, minutesOfDay(30)),
            entry(TimeGrain.HALF_HOUR, minutesOfDay(30)),
            entry(TimeGrain.HOUR, "DATE_ADD(" + DAY + ", INTERVAL HOUR({col}) HOUR)"),
            entry(TimeGrain.SIX_HOURS, "DATE_ADD(" + DAY + ", INTERVAL (FLOOR(HOUR({col}) / 6) * 6) HOUR)"),
            entry(TimeGrain.DAY, DAY),
            entry(TimeGrain.WEEK, MONDAY),
            entry(TimeGrain.WEEK_STARTING_MONDAY, MONDAY),
            entry(TimeGrain.WEEK_STARTING_SUNDAY, "DATE_SUB(" + DAY + ", INTERVAL ((WEEKDAY({col}) + 1) % 7) DAY)"),
            entry(TimeGrain.WEEK_ENDING_SATURDAY, "DATE_ADD(" + DAY + ", INTERVAL ((12 - WEEKDAY({col})) % 7) DAY)"),
            entry(TimeGrain.WEEK_ENDING_SUNDAY, "DATE_ADD(" + DAY + ", INTERVAL (6 - WEEKDAY({col})) DAY)"),
            entry(TimeGrain.MONTH, MONTH_START),
            entry(TimeGrain.QUARTER, QUARTER_START),
            entry(TimeGrain.QUARTER_YEAR, QUARTER_START),
            entry(TimeGrain.YEAR, "DATE(DATE_SUB({col}, INTERVAL DAYOFYEAR({col}) - 1 DAY))"));

    /**
     * Dates and datetimes through {@code STR_TO_DATE} with an explicit format (Superset's form; the DATETIME(6) value
     * of the typed literal), TIME as a typed literal; neither MySQL nor MariaDB has a TIMESTAMP WITH TIME ZONE literal.
     */
    public static final DatetimeLiterals LITERALS = DatetimeLiterals.ansi().toBuilder()
            .add(TemporalType.DATE, "STR_TO_DATE('{value}', '%Y-%m-%d')", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "STR_TO_DATE('{value}', '%Y-%m-%d %H:%i:%s.%f')", "yyyy-MM-dd HH:mm:ss.SSSSSS")
            .remove(TemporalType.TIMESTAMP_WITH_TIME_ZONE)
            .build();

    /** MySQL-protocol type names as both Connector/J and MariaDB Connector/J report them. */
    public static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^year\\b", GenericType.INTEGER)
            .then(ColumnTypes.defaults())
            .build();

    /**
     * MySQL server errors keep SQLSTATE 42000 for unknown databases and missing privileges, so those
     * are told apart by message before the standard classes; cancel and timeout come from the
     * server (70100, max_statement_time) or from Connector/J (no SQLSTATE).
     */
    public static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .sqlState("28000", ErrorCategory.BAD_CREDENTIALS)
            .message("Unknown database", ErrorCategory.UNKNOWN_DATABASE)
            .message("command denied to user|Access denied for user .* to database|Access denied; you need", ErrorCategory.PERMISSION)
            .message("max_statement_time exceeded|maximum statement execution time exceeded|Lock wait timeout exceeded"
                    + "|cancelled due to timeout", ErrorCategory.TIMEOUT)
            .sqlState("70100", ErrorCategory.CANCELLED)
            .message("Statement cancelled due to client request|Query execution was interrupted", ErrorCategory.CANCELLED)
            .message("Unknown table", ErrorCategory.MISSING_TABLE)
            .message("Communications link failure|Socket fail to connect|Unknown host", ErrorCategory.UNREACHABLE_HOST)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * Functions refused in read-only requests: sequence steps ({@code NEXTVAL}, {@code SETVAL}, and {@code LASTVAL} with
     * them), user locks that outlive the transaction ({@code GET_LOCK}), reading the server's files ({@code LOAD_FILE}),
     * burning CPU on purpose ({@code BENCHMARK}) and waiting on replication. {@code SLEEP} stays allowed: the request's
     * timeout bounds it as any query.
     */
    public static final Set<String> READ_ONLY_REFUSED_FUNCTIONS = Set.of("NEXTVAL", "SETVAL", "LASTVAL", "GET_LOCK", "RELEASE_LOCK",
            "RELEASE_ALL_LOCKS", "LOAD_FILE", "BENCHMARK", "MASTER_POS_WAIT", "MASTER_GTID_WAIT", "SOURCE_POS_WAIT",
            "WAIT_FOR_EXECUTED_GTID_SET", "WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS");

    /**
     * A read-only request on MySQL (5.6.5+) and MariaDB (10.0+), whose drivers do not make {@code setReadOnly} a server
     * matter (MariaDB Connector/J 3.x sends nothing; Connector/J only checks the text on the client against a MariaDB
     * server, and its {@code readOnlyPropagatesToServer} can be switched off in the URL): the session's transactions
     * are read-only, so one begun after a {@code COMMIT} is read-only too, and the request's own transaction is started
     * read-only, so that {@code SET TRANSACTION READ WRITE} fails in it (error 1568). The server then refuses every
     * write (error 1792), through stored functions and sequences too, and temporary tables.
     */
    protected static final ReadOnlyMode READ_ONLY_TRANSACTION = ReadOnlyMode.CLASSIFIER_ONLY
            .withBeginStatements(List.of("SET SESSION TRANSACTION READ ONLY", "START TRANSACTION READ ONLY"))
            .withRefusedFunctions(READ_ONLY_REFUSED_FUNCTIONS);

    /** Seconds since midnight floored to {@code step}, added to the day. */
    private static String secondsOfDay(int step) {
        String second = step == 1 ? "SECOND({col})" : "FLOOR(SECOND({col}) / " + step + ") * " + step;
        return "DATE_ADD(" + DAY + ", INTERVAL (HOUR({col})*60*60 + MINUTE({col})*60 + " + second + ") SECOND)";
    }

    /** Minutes since midnight floored to {@code step}, added to the day. */
    private static String minutesOfDay(int step) {
        String minute = step == 1 ? "MINUTE({col})" : "FLOOR(MINUTE({col}) / " + step + ") * " + step;
        return "DATE_ADD(" + DAY + ", INTERVAL (HOUR({col})*60 + " + minute + ") MINUTE)";
    }

    /**
     * Literals written as casts, for MySQL-protocol engines without typed literals (StarRocks, Doris).
     *
     * @param datetimeType the type to cast timestamps to, for example {@code DATETIME(6)}
     */
    protected static DatetimeLiterals castLiterals(String datetimeType) {
        return DatetimeLiterals.casts(0, TemporalType.DATE).toBuilder()
                .add(TemporalType.TIMESTAMP, "CAST('{value}' AS " + datetimeType + ")", "yyyy-MM-dd HH:mm:ss.SSSSSS")
                .build();
    }

    /**
     * {@code Connection.setReadOnly(true)} and the {@link #READ_ONLY_REFUSED_FUNCTIONS}; MySQL and MariaDB themselves
     * use {@link #READ_ONLY_TRANSACTION}, which engines of the family may not all understand.
     */
    protected MysqlFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /**
     * The family's facts: grains, literals, type names, errors; epochs by interval arithmetic on a DATETIME
     * ({@code FROM_UNIXTIME} would depend on the session time zone); backticks; port 3306; 64-character names;
     * Connector/J's allow-list ({@link ConnectorJOptions}; MariaDB Connector/J declares its own).
     */
    public static EngineFacts.Builder facts(String id, String displayName) {
        return facts(EngineFacts.builder(id, displayName)).port(3306);
    }

    /**
     * The same facts for the engine whose identity is the {@code engine.properties} beside {@code spec}
     * ({@link EngineFacts#builder(Class)}), which declares its port too: the family's facts set no identity.
     */
    public static EngineFacts.Builder facts(Class<? extends EngineSpec> spec) {
        return facts(EngineFacts.builder(spec));
    }

    private static EngineFacts.Builder facts(EngineFacts.Builder engine) {
        return engine
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("DATE_ADD(CAST('1970-01-01 00:00:00' AS DATETIME), INTERVAL ({col}) SECOND)")
                .epochMillis(Optional.of("DATE_ADD(CAST('1970-01-01 00:00:00' AS DATETIME), INTERVAL ({col}) * 1000 MICROSECOND)"))
                .columnTypes(COLUMN_TYPES)
                .errors(ERRORS)
                // Databases are catalogs (no schema level), and a schema names one too (JdbcMetadata.namespace): USE switches
                // them per query; the kit proves it live. information_schema.TABLES and PARTITIONS (MysqlPartitions) give the
                // extra metadata and the latest partition; the driver's Statement.cancel() runs KILL QUERY on a second
                // connection; EXPLAIN or a server-side PREPARE validates; EXPLAIN FORMAT=JSON estimates.
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_CATALOG, Capability.DYNAMIC_SCHEMA, Capability.EXTRA_TABLE_METADATA,
                        Capability.LATEST_PARTITION, Capability.CANCEL, Capability.SQL_VALIDATION, Capability.COST_ESTIMATION)
                .quoting(IdentifierQuoting.BACKTICKS)
                .sqlFamily(SqlFamily.MYSQL)
                .maxColumnNameLength(64)
                .options(ConnectorJOptions.OPTIONS)
                // DATETIME(6): TIMESTAMP converts to and from the session time zone and stops at 2038.
                .columnType(GenericType.TIMESTAMP, "DATETIME(6)")
                .longRunningQuery("SELECT SLEEP(60)")
                // The stored functions of the current database; the routines list stored functions only, so the built-ins
                // the driver lists are added.
                .functionNamesSql("SELECT DISTINCT ROUTINE_NAME FROM information_schema.ROUTINES"
                        + " WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = 'FUNCTION'", false)
                // information_schema.PARTITIONS; the latest partition is the last one, from the greatest bound down, with a row
                // (SELECT 1 FROM `db`.`t` PARTITION (`p`) LIMIT 1); information_schema.TABLES with the partitions as extra metadata.
                .partitions(MysqlPartitions::partitions, MysqlPartitions::latestPartition)
                .extraTableMetadata(MysqlPartitions::extraTableMetadata)
                .readOnlyMode(ReadOnlyMode.JDBC_READ_ONLY.withRefusedFunctions(READ_ONLY_REFUSED_FUNCTIONS));
    }

    /**
     * Strings as {@code LONGTEXT}: a row of several {@code VARCHAR(32672)} columns in utf8mb4 exceeds the 65,535-byte
     * row limit; the rest as {@link #columnTypeFor} (timestamps {@code DATETIME(6)}), integers as {@code BIGINT}.
     */
    @Override
    public String uploadColumnType(GenericType type) {
        return type == GenericType.STRING || type == GenericType.OTHER ? "LONGTEXT CHARACTER SET utf8mb4" : super.uploadColumnType(type);
    }

    /** {@code RENAME TABLE a TO b}, both qualified: an unqualified new name would land in the connection's database. */
    @Override
    public String renameTableSql(dev.dbspec.api.TableName from, dev.dbspec.api.TableName to) {
        return "RENAME TABLE " + dev.dbspec.api.TableUpload.tableSql(this, from) + " TO " + dev.dbspec.api.TableUpload.tableSql(this, to);
    }

    /**
     * The database is the catalog ({@code setCatalog}, which the driver quotes, checked by the default); MySQL's schemas
     * are its databases, so a schema alone names the database too, and a schema beside a different catalog is refused.
     */
    @Override
    public void useCatalogAndSchema(java.sql.Connection connection, Optional<String> catalog, Optional<String> schema) throws java.sql.SQLException {
        java.util.Objects.requireNonNull(catalog, "catalog is null");
        java.util.Objects.requireNonNull(schema, "schema is null");
        if (catalog.isPresent() && schema.isPresent() && !catalog.equals(schema)) {
            throw new java.sql.SQLException(id() + " has no schemas inside a database: schema " + identifierQuoting().quote(schema.get())
                    + " names a database other than catalog " + identifierQuoting().quote(catalog.get()), "3F000");
        }
        super.useCatalogAndSchema(connection, catalog.or(() -> schema), Optional.empty());
    }

    /** With Connector/J, what its own {@code ConnectionUrl} reads, every host's options included. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        if (driverClassName().equals("com.mysql.cj.jdbc.Driver")) {
            return ConnectorJOptions.read(this, driverUrl(jdbcUrl), properties);
        }
        return super.driverOptions(jdbcUrl, properties);
    }

    // ---- metadata ----
    // Databases are catalogs here (the drivers' default databaseTerm): schemas() is empty and a schema given
    // without a catalog names the database (JdbcMetadata.namespace). Views have no comment, but
    // information_schema reports the text "VIEW" as theirs: it is dropped.

    @Override
    public List<TableInfo> tables(java.sql.Connection connection, Optional<String> catalog, Optional<String> schema) throws java.sql.SQLException {
        return super.tables(connection, catalog, schema).stream()
                .map(table -> table.type() == TableInfo.Type.VIEW ? new TableInfo(table.name(), table.type(), Optional.empty()) : table)
                .toList();
    }

    @Override
    public Optional<TableDetail> tableDetail(java.sql.Connection connection, TableName table) throws java.sql.SQLException {
        return super.tableDetail(connection, table).map(detail -> detail.type() == TableInfo.Type.VIEW
                ? new TableDetail(detail.table(), detail.type(), detail.columns(), detail.primaryKey(), detail.indexes(), Optional.empty()) : detail);
    }

    // ---- functions and validation ----

    /** Statements {@code EXPLAIN} plans without running them (never {@code EXPLAIN ANALYZE} nor MariaDB's {@code ANALYZE}). */
    private static final Set<String> EXPLAINABLE = Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE", "TABLE", "VALUES");
    private static final String EXPLAIN = "EXPLAIN ";
    /** MySQL and MariaDB syntax errors: {@code ... near 'rest of the text' at line N}. */
    private static final java.util.regex.Pattern NEAR = java.util.regex.Pattern.compile("near '(.*)' at line (\\d+)", java.util.regex.Pattern.DOTALL);

    /**
     * {@code EXPLAIN} (the plan only) of one statement whose first keyword is on the allow-list; a syntax error's
     * {@code near '...' at line N} gives line and column. Other statements (MariaDB's {@code ANALYZE}, which runs its
     * statement, included) go through the server's {@code PREPARE}, which parses without running.
     */
    @Override
    public SqlValidation validate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        java.util.Objects.requireNonNull(connection, "connection is null");
        Optional<SqlValidation> several = SqlValidation.innerSemicolon(sql);
        if (several.isPresent()) {
            return several.get();
        }
        if (!SqlValidation.explainable(sql, EXPLAINABLE)) {
            return prepareOnServer(connection, SqlValidation.stripTrailingSemicolons(sql), sql);
        }
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            statement.execute(EXPLAIN + SqlValidation.stripTrailingSemicolons(sql));
            return SqlValidation.ok();
        } catch (java.sql.SQLException e) {
            if (SqlValidation.isConnectionFailure(e)) {
                throw e;
            }
            return located(sql, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Other statements (DDL, {@code SET}...): the server's {@code PREPARE} parses them and never runs them. The text travels
     * as a bound value into a user variable, never spliced into SQL; the variable and the prepared statement are dropped after.
     */
    private static SqlValidation prepareOnServer(java.sql.Connection connection, String statementText, String sql) throws java.sql.SQLException {
        try (java.sql.PreparedStatement set = connection.prepareStatement("SET @dbspec_validate = ?")) {
            set.setString(1, statementText);
            set.execute();
        }
        try (java.sql.Statement statement = connection.createStatement()) {
            try {
                statement.execute("PREPARE dbspec_validate FROM @dbspec_validate");
                statement.execute("DEALLOCATE PREPARE dbspec_validate");
                return SqlValidation.ok();
            } catch (java.sql.SQLException e) {
                if (SqlValidation.isConnectionFailure(e)) {
                    throw e;
                }
                if (e.getErrorCode() == 1295) { // ER_UNSUPPORTED_PS: the server cannot prepare this kind of statement
                    return SqlValidation.invalid(1, 1, "not validated: the server parses this statement only when it runs it ("
                            + e.getMessage() + ")");
                }
                return located(sql, String.valueOf(e.getMessage()));
            } finally {
                statement.execute("SET @dbspec_validate = NULL");
            }
        }
    }

    /** Line and column of a syntax error: the line MySQL names, the column where the text it quotes starts on it. */
    static SqlValidation located(String sql, String message) {
        java.util.regex.Matcher near = NEAR.matcher(message);
        if (!near.find()) {
            return SqlValidation.invalid(1, 1, message);
        }
        List<String> lines = sql.lines().toList();
        int line = Integer.parseInt(near.group(2));
        if (line < 1 || line > Math.max(1, lines.size())) {
            return SqlValidation.invalid(1, 1, message);
        }
        String text = lines.isEmpty() ? "" : lines.get(line - 1);
        String quoted = near.group(1);
        if (quoted.isEmpty()) { // the end of the text
            return SqlValidation.invalid(line, text.stripTrailing().length() + 1, message);
        }
        String head = quoted.lines().findFirst().orElse(quoted);
        head = head.substring(0, Math.min(head.length(), 20));
        // the first occurrence on the line; on line 1 MySQL counts from the EXPLAIN prefix, which is not in the user's text
        int index = text.indexOf(head);
        return SqlValidation.invalid(line, index < 0 ? 1 : text.codePointCount(0, index) + 1, message);
    }

    // ---- cost estimation ----

    /**
     * {@code EXPLAIN FORMAT=JSON} (the plan only) of one statement whose first keyword is on the validation's allow-list.
     * The formats differ: MySQL gives {@code query_block.cost_info.query_cost} and per table
     * {@code rows_produced_per_join}; MariaDB gives per table {@code rows}, a {@code cost} only from 11.0 on, and before
     * that the {@code Last_query_cost} its EXPLAIN of a SELECT leaves (reset first, so a stale value never shows).
     * Whatever is present is taken, from the first table of the plan.
     */
    @Override
    public java.util.List<CostEstimate> estimate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        java.util.Objects.requireNonNull(connection, "connection is null");
        String statementText = CostEstimate.explainableStatement(sql, EXPLAINABLE);
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            // a query without tables sets Last_query_cost to 0: a positive value afterwards is this EXPLAIN's
            statement.execute("SELECT 1");
            String json;
            try (java.sql.ResultSet plan = statement.executeQuery("EXPLAIN FORMAT=JSON " + statementText)) {
                json = plan.next() ? String.valueOf(plan.getString(1)) : "";
            }
            Optional<Double> rows = CostEstimate.firstNumber(json, "rows")
                    .or(() -> CostEstimate.firstNumber(json, "rows_produced_per_join"));
            Optional<Double> cost = CostEstimate.firstNumber(json, "query_cost").or(() -> CostEstimate.firstNumber(json, "cost"));
            if (cost.isEmpty()) {
                try (java.sql.ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Last_query_cost'")) {
                    if (status.next()) {
                        try {
                            double last = Double.parseDouble(status.getString(2));
                            cost = last > 0 ? Optional.of(last) : Optional.empty();
                        } catch (NumberFormatException e) {
                            cost = Optional.empty();
                        }
                    }
                }
            }
            return List.of(new CostEstimate(rows, cost, json));
        }
    }
}
