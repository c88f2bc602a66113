package dev.dbspec.plugin.questdb;

import dev.dbspec.api.BulkLoad;
import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.NestedReader;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.api.ColumnInfo;
import dev.dbspec.api.TableDetail;
import dev.dbspec.api.TableInfo;
import dev.dbspec.api.TableName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Set;
import java.sql.ResultSetMetaData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pf4j.Extension;
import org.postgresql.util.PSQLException;

/**
 * QuestDB over its PostgreSQL wire endpoint through pgjdbc (bundled), under its own {@code jdbc:questdb:} prefix; port
 * 8812, database {@code qdb}. Validated live on QuestDB 9.3.4 (the kit, in every build: {@code .ci/engines/start questdb}).
 * QuestDB's SQL is not PostgreSQL's, so grains, literals, epochs, types, errors and metadata are its own, from
 * questdb.com/docs (reference, "Timestamp, date and time functions" and "Data types"): {@code date_trunc} for the
 * calendar units, {@code timestamp_floor('5m', ts)} for the steps (it floors from the epoch, and every step here divides
 * a day, so the buckets start at midnight), {@code dateadd('d', n, ts)} for the Sunday-based weeks. Timestamps are
 * microseconds at UTC; a number cast to TIMESTAMP is read as epoch microseconds. {@code date_trunc('week', ...)} starts
 * on Monday (checked live). A running statement stops on pgjdbc's cancel request (and so on its query timeout).
 * {@code EXPLAIN} validates a statement without running it, and its error's position gives line and column. Extra
 * metadata and partitions come from QuestDB's {@code tables()}, {@code table_columns()} and {@code table_partitions()}
 * ({@link QuestdbTables}): a table partitioned by periods of its designated timestamp is a RANGE partitioning. Its
 * {@code DOUBLE[]} arrays expand into rows ({@code expand_data}); QuestDB has no row, struct or JSON type, so nothing
 * expands into columns. Uploads go
 * through a staging table renamed with {@code RENAME TABLE} (DDL is not transactional, and QuestDB has no {@code DELETE}).
 *
 * <p>What pgjdbc would offer on PostgreSQL and QuestDB does not have is not claimed: catalogs (one database, whatever its
 * name), {@code pg_proc} (functions come from QuestDB's {@code functions()}), primary keys, rows and costs in an estimate
 * (its {@code EXPLAIN} gives the plan only), transactional DDL, and
 * {@code BEGIN READ ONLY} (a read-only registration has the host's classifier only: give it QuestDB's read-only user,
 * {@code pg.readonly.user}, for a guarantee at the engine). Literals are casts of ISO-8601 strings; there is no TIME type.
 */
@Extension
public final class QuestdbEngineSpec extends PgWireFamilySpec {
    /** {@code timestamp_floor}'s unit suffixes. */
    private static final Map<TimeGrain, String> SUFFIXES = Map.of(TimeGrain.SECOND, "s", TimeGrain.MINUTE, "m", TimeGrain.HOUR, "h");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "date_trunc('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
            .stepped((within, field, step, value) -> "timestamp_floor('" + step + SUFFIXES.get(field) + "', " + value + ")")
            .shiftedWeeks((value, days) -> "dateadd('d', " + days + ", " + value + ")")
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "CAST('{value}' AS DATE)", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "CAST('{value}Z' AS TIMESTAMP)", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .build();

    /**
     * QuestDB answers every error with SQLSTATE 00000, so only its wording tells them apart (messages as QuestDB 9.3.4
     * gives them, checked live by the kit).
     */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("invalid username/password", ErrorCategory.BAD_CREDENTIALS)
            .message("table does not exist", ErrorCategory.MISSING_TABLE)
            // a cancel request, and pgjdbc's query timeout (which sends one)
            .message("cancelled by user", ErrorCategory.CANCELLED)
            .message("unexpected token|expected|Invalid column|invalid type|unbalanced|dangling|too few arguments|"
                    + "unknown function name|there is no matching function", ErrorCategory.SYNTAX)
            .then(ErrorPatterns.standard())
            .build();

    /** The one schema QuestDB reports through pgwire. */
    private static final String SCHEMA = "public";

    public QuestdbEngineSpec() {
        super(facts("questdb", "QuestDB", "jdbc:questdb:")
                .port(8812)
                .driver("org.postgresql.Driver", new DriverArtifact("org.postgresql:postgresql:42.7.8", "BSD-2-Clause", true))
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("CAST({col} * 1000000 AS TIMESTAMP)")
                .epochMillis(Optional.of("CAST({col} * 1000 AS TIMESTAMP)"))
                .errors(ERRORS)
                // VARCHAR has no length; bytes are BINARY
                .columnType(GenericType.STRING, "VARCHAR").columnType(GenericType.OTHER, "VARCHAR").columnType(GenericType.BINARY, "BINARY")
                // no TIME and no JSON type; its DATE holds milliseconds and pgwire reports it as timestamp (checked live), so
                // no column reads back as a date
                .withoutStorableTypes(GenericType.DATE, GenericType.TIME, GenericType.JSON)
                // CREATE TABLE takes no constraints: a table has no primary key
                .withoutPrimaryKeys()
                // no BEGIN READ ONLY at the engine: the host's classifier and the rollback only (see the class comment)
                .readOnlyMode(ReadOnlyMode.CLASSIFIER_ONLY)
                // batched inserts with booleans bound as text: an upload's boolean column is a VARCHAR (uploadColumnType),
                // and QuestDB refuses a BOOLEAN parameter there ("inconvertible types: BOOLEAN -> VARCHAR", checked live)
                .bulkLoad(new BooleansAsText())
                // counting 20 billion generated rows through a filter: tens of seconds on one core, stopped by a cancel
                .longRunningQuery("SELECT count() FROM long_sequence(20000000000) WHERE x % 7 = 3")
                // pgjdbc's cancel request stops a running statement (QuestDB 9.3.4: within 0.1 s, checked live)
                .capabilities(Capability.CANCEL)
                // EXPLAIN plans without running; an error carries its position (PostgresFamilySpec#validate, checked live)
                .capabilities(Capability.SQL_VALIDATION)
                // tables(), table_columns() and table_partitions() (QuestdbTables, checked live on a PARTITION BY DAY table)
                .capabilities(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION)
                // TableUpload through a staging table and RENAME TABLE (DDL is not transactional), proven by the kit's UploadChecks
                .capabilities(Capability.FILE_UPLOAD)
                // EXPLAIN plans without running: the plan's lines (filters, scans, counts of generated rows), no row counts or costs
                .planEstimate("EXPLAIN ", 1, Set.of("SELECT", "WITH"))
                // DOUBLE[] read by nestedReader, proven live by the kit's ExpandDataChecks on arrays alone (no row type)
                .capabilities(Capability.EXPAND_DATA)
                .partitions(QuestdbTables::partitions, QuestdbTables::latestPartition)
                .extraTableMetadata(QuestdbTables::extraTableMetadata)
                .build());
    }

    /**
     * An upload's columns: 64-bit {@code LONG} for integers (QuestDB's {@code INT} is 32-bit), {@code DOUBLE},
     * {@code VARCHAR} (no length), {@code DATE} (milliseconds: a day reads back at midnight), {@code TIMESTAMP}
     * (microseconds, what an upload keeps). Booleans go to a {@code VARCHAR} of {@code true}/{@code false}: QuestDB's
     * {@code BOOLEAN} has no NULL (an inserted NULL reads back as false, checked live), and an upload must not turn a
     * missing value into one.
     */
    @Override
    public String uploadColumnType(GenericType type) {
        return switch (Objects.requireNonNull(type, "type is null")) {
            case INTEGER -> "LONG";
            case FLOAT -> "DOUBLE";
            case BOOLEAN -> "VARCHAR";
            default -> columnTypeFor(type);
        };
    }

    /** The default batched insert, which {@link #bulkLoad} hands rows to with booleans as text. */
    private static final BulkLoad BATCHED = BulkLoad.batchedInsert(BulkLoad.DEFAULT_BATCH_SIZE, BulkLoad.Temporal.JAVA_TIME);

    /** {@link #BATCHED} with each boolean column bound as {@code VARCHAR} text ({@code true}, {@code false}). */
    record BooleansAsText() implements BulkLoad {
        @Override
        public long load(Connection connection, Target target, Iterator<Object[]> rows, java.util.function.LongConsumer progress)
                throws SQLException {
            List<GenericType> types = target.types().stream().map(type -> type == GenericType.BOOLEAN ? GenericType.STRING : type).toList();
            Iterator<Object[]> texts = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Object[] next() {
                    Object[] row = rows.next().clone();
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] instanceof Boolean bool) {
                            row[i] = bool.toString();
                        }
                    }
                    return row;
                }
            };
            return BATCHED.load(connection, new Target(target.table(), target.tableSql(), target.columns(), target.columnsSql(), types),
                    texts, progress);
        }
    }

    /**
     * QuestDB's error position counts UTF-16 units of the text (an emoji is two: checked live), not characters: it is
     * turned into characters before it gives line and column.
     */
    @Override
    protected SqlValidation validationError(String sql, int prefixLength, SQLException error) {
        if (error instanceof PSQLException refusal && refusal.getServerErrorMessage() != null) {
            int units = refusal.getServerErrorMessage().getPosition() - 1 - prefixLength;
            if (units >= 0 && units <= sql.length()) {
                String message = String.valueOf(error.getMessage());
                return SqlValidation.invalidAt(sql, sql.codePointCount(0, units), message.lines().findFirst().orElse(message).strip());
            }
        }
        return super.validationError(sql, prefixLength, error);
    }

    /**
     * {@code LIMIT 0}: QuestDB 9.3.4 keeps the plan of {@code SELECT * FROM t WHERE 1 = 0} in its query cache (shared by
     * connections) and, as that plan never opens the table, answers it with the old columns after the table is dropped;
     * {@code LIMIT 0} opens the table and fails once it is gone (both checked live).
     */
    @Override
    public String columnsProbeSql(String tableSql) {
        return "SELECT * FROM " + Objects.requireNonNull(tableSql, "tableSql is null") + " LIMIT 0";
    }

    /** QuestDB renames with {@code RENAME TABLE a TO b} ({@code ALTER TABLE ... RENAME TO} is refused); names are bare. */
    @Override
    public String renameTableSql(TableName from, TableName to) {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        return "RENAME TABLE " + identifierQuoting().quote(from.name()) + " TO " + identifierQuoting().quote(to.name());
    }

    /** DDL is not transactional: a table exists once created, whatever the transaction does next. */
    @Override
    public boolean transactionalDdl() {
        return false;
    }

    /** One database per server, whatever name the URL gives: pgjdbc's {@code getCatalogs} echoes it; no catalogs. */
    @Override
    public List<String> catalogs(Connection connection) {
        Objects.requireNonNull(connection, "connection is null");
        return List.of();
    }

    /**
     * The tables and views of QuestDB's only schema, {@code public}, from its {@code tables()} (pgjdbc's
     * {@code getTables} reports views as tables); type {@code V} is a view, the rest (tables, materialized views) tables.
     */
    @Override
    public List<TableInfo> tables(Connection connection, Optional<String> catalog, Optional<String> schema) throws SQLException {
        Objects.requireNonNull(connection, "connection is null");
        if (schema.isPresent() && !schema.get().equals(SCHEMA)) {
            return List.of();
        }
        List<TableInfo> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT table_name, table_type FROM tables() ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(new TableInfo(rs.getString(1), "V".equals(rs.getString(2)) ? TableInfo.Type.VIEW : TableInfo.Type.TABLE, Optional.empty()));
            }
        }
        return tables;
    }

    /**
     * Columns from pgjdbc's {@code getColumns} (which QuestDB answers), the type from {@link #tables}; no primary key (no
     * constraints) and no indexes listed (pgjdbc's {@code getIndexInfo} query fails on QuestDB, and its symbol indexes
     * have no names). QuestDB matches table names without regard to case.
     */
    @Override
    public Optional<TableDetail> tableDetail(Connection connection, TableName table) throws SQLException {
        Objects.requireNonNull(table, "table is null");
        if (table.schema().isPresent() && !table.schema().get().equals(SCHEMA)) {
            return Optional.empty();
        }
        Optional<TableInfo> info = tables(connection, Optional.empty(), Optional.empty()).stream()
                .filter(t -> t.name().equalsIgnoreCase(table.name())).findFirst();
        if (info.isEmpty()) {
            return Optional.empty();
        }
        String stored = info.get().name();
        List<ColumnInfo> columns = new ArrayList<>();
        // the name is a LIKE pattern to getColumns: '_' and '%' match other tables' names, so only exact rows count
        try (ResultSet rs = connection.getMetaData().getColumns(null, SCHEMA, stored, "%")) {
            while (rs.next()) {
                if (!stored.equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                String nativeType = String.valueOf(rs.getString("TYPE_NAME"));
                columns.add(new ColumnInfo(rs.getString("COLUMN_NAME"), nativeType, genericType(nativeType),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, Optional.empty()));
            }
        }
        return Optional.of(new TableDetail(new TableName(table.catalog(), Optional.of(SCHEMA), stored), info.get().type(), columns,
                List.of(), List.of(), Optional.empty()));
    }

    /** Tables are named bare: QuestDB refuses a name qualified with {@code qdb.public.}. */
    @Override
    public String selectStar(TableName table, List<String> columns, long limit) {
        Objects.requireNonNull(table, "table is null");
        return super.selectStar(new TableName(Optional.empty(), Optional.empty(), table.name()), columns, limit);
    }

    /** QuestDB's own list of its functions (there is no {@code pg_proc}). */
    @Override
    public Optional<String> functionNamesSql() {
        return Optional.of("SELECT DISTINCT name FROM functions()");
    }

    /**
     * QuestDB's {@code DOUBLE[]}, {@code DOUBLE[][]}...: pgjdbc reports every one as {@code _float8} (JDBC ARRAY) and
     * reads it as a {@link java.sql.Array} of {@code Double}s, of {@code Double[]}s for more dimensions. The type name
     * does not say how many, so the shape is read from the values ({@link dev.dbspec.api.NestedType.Inferred}, as for
     * PostgreSQL's arrays): every dimension unnests, the outer first, as Superset unnests an array of arrays. Nothing
     * is asked of the catalog (QuestDB's {@code pg_type} has no {@code to_regtype}, and the family's reader needs it).
     */
    @Override
    public Optional<NestedReader> nestedReader(Connection connection, ResultSetMetaData metadata) throws SQLException {
        int columns = metadata.getColumnCount();
        dev.dbspec.api.NestedType[] types = new dev.dbspec.api.NestedType[columns];
        for (int i = 0; i < columns; i++) {
            String name = String.valueOf(metadata.getColumnTypeName(i + 1));
            types[i] = metadata.getColumnType(i + 1) == java.sql.Types.ARRAY
                    ? new dev.dbspec.api.NestedType.Inferred(name, name.startsWith("_") ? name.substring(1) : name)
                    : dev.dbspec.api.NestedType.scalar(name);
        }
        return Optional.of(dev.dbspec.plugin.family.NestedValues.reader(types));
    }
}
