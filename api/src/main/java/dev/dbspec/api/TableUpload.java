package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Loads rows into a table so that running the same upload again (a task redelivered after its worker died) neither
 * duplicates nor half-loads them. Each upload has an id (the task's); when it completes, a row
 * {@code (upload_id, table_name, row_count)} is written to {@value #MARKER_TABLE} in the target's schema, in the same
 * transaction as the rows where the engine allows it, and a run that finds its id there does nothing more.
 *
 * <p>Two paths, chosen by {@link EngineSpec#transactionalDdl()}:
 * <ul>
 *   <li><b>one transaction</b> (PostgreSQL, SQLite, DuckDB, Derby: DDL is transactional): {@code DROP TABLE}
 *       (replace), {@code CREATE TABLE} (create, replace), the engine's {@link BulkLoad} straight into the target,
 *       the marker row, {@code COMMIT}. A worker killed on the way leaves nothing: the engine rolls the
 *       transaction back.</li>
 *   <li><b>staging table</b> (MySQL, MariaDB, H2, HSQLDB, QuestDB: DDL commits): the rows go to
 *       {@code dbspec_stage_<upload id>} (dropped first if a killed run left it), committed; then append runs
 *       {@code INSERT INTO <target> SELECT ... FROM <stage>} and the marker row in one transaction and drops the stage;
 *       create and replace commit the marker row, then (replace: {@code DROP TABLE <target>}) rename the stage to
 *       the target. A run that finds the marker but the stage still there finishes that rename, so each step is
 *       safe to repeat.</li>
 *   <li><b>staging table without a rename</b> (Firebird: DDL takes effect at commit, {@link EngineSpec#ddlAtCommit()},
 *       and Firebird 3 cannot rename a table): as above, but create and replace create the target (replace: drop it
 *       first) in the transaction that writes the marker row, so the new empty target and the marker appear together;
 *       then {@code INSERT INTO <target> SELECT * FROM <stage>} and {@code DROP TABLE <stage>} commit together. A run
 *       that finds the marker and the stage still there does that last transaction again.</li>
 * </ul>
 * On an engine without key constraints ({@link EngineSpec#primaryKeys()} false: QuestDB) the marker table has no primary
 * key and its columns have the engine's upload types; an engine without {@code DELETE} keeps a marker whose rename failed,
 * and the stage with it (a redelivery retries the rename). QuestDB commits a transaction table by table, so an append's
 * rows and its marker row are atomic only up to that commit (a worker killed inside it could leave the rows without the
 * marker, and a redelivery would add them again).
 * Identifiers are quoted with the engine's quoting; values are bound, never written into SQL.
 */
public final class TableUpload {
    /** The table, in the target's schema, that records completed uploads. */
    public static final String MARKER_TABLE = "dbspec_uploads";
    private static final String STAGE_PREFIX = "dbspec_stage_";

    private TableUpload() {
    }

    /** A column of the upload: its name and the generic type its values have. */
    public record Column(String name, GenericType type) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * What a run did.
     *
     * @param rows        the rows the upload loaded (by this run, or by the earlier one that completed it)
     * @param alreadyDone whether an earlier run had completed it, so this one loaded nothing
     */
    public record Result(long rows, boolean alreadyDone) {
    }

    /**
     * Checks an identifier given by a user: 1 to 128 characters, none of them a control character. It is quoted
     * before it reaches SQL, so quotes inside are allowed.
     *
     * @throws UploadException naming {@code what} otherwise
     */
    public static String checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > 128 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UploadException(what + " must be 1 to 128 characters without control characters");
        }
        return name;
    }

    /** {@code table} quoted and qualified with the spec's quoting. */
    public static String tableSql(EngineSpec spec, TableName table) {
        IdentifierQuoting quoting = spec.identifierQuoting();
        StringBuilder sql = new StringBuilder();
        table.catalog().ifPresent(catalog -> sql.append(quoting.quote(catalog)).append('.'));
        table.schema().ifPresent(schema -> sql.append(quoting.quote(schema)).append('.'));
        return sql.append(quoting.quote(table.name())).toString();
    }

    /**
     * The columns of an existing table ({@link EngineSpec#columnsProbeSql}: {@code SELECT * FROM <table> WHERE 1 = 0} by
     * default; names as the driver reports them,
     * types through {@link EngineSpec#genericType}), or empty when it cannot be read (absent or not visible).
     * Runs on its own in autocommit mode, so a failure does not spoil a transaction.
     */
    public static Optional<List<Column>> existingColumns(EngineSpec spec, Connection connection, TableName table) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("existingColumns runs in autocommit mode");
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(spec.columnsProbeSql(tableSql(spec, table)))) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(new Column(meta.getColumnName(i), spec.genericType(meta.getColumnTypeName(i))));
            }
            return Optional.of(columns);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The rows of upload {@code uploadId} if it completed on {@code table}'s schema, else empty. Autocommit mode. */
    public static OptionalLong completed(EngineSpec spec, Connection connection, TableName table, String uploadId) throws SQLException {
        TableName marker = sibling(table, MARKER_TABLE);
        if (existingColumns(spec, connection, marker).isEmpty()) {
            return OptionalLong.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + column(spec, "row_count") + " FROM " + tableSql(spec, marker)
                + " WHERE " + column(spec, "upload_id") + " = ?")) {
            statement.setString(1, key(uploadId));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * For a delivery of an upload that already completed (its marker row is there): finishes what a killed run may have
     * left (renames the stage onto the target, or drops it) and returns the rows it loaded; empty when it did not complete.
     * Autocommit mode.
     */
    public static OptionalLong resumeCompleted(EngineSpec spec, Connection connection, TableName table, UploadMode mode, String uploadId)
            throws SQLException {
        OptionalLong done = completed(spec, connection, table, uploadId);
        if (done.isPresent()) {
            finishLeftovers(spec, connection, table, sibling(table, stageName(spec, uploadId)), mode);
        }
        return done;
    }

    /**
     * Runs the upload (see the class comment). The connection must be in autocommit mode; it is again afterwards.
     *
     * @param uploadId stable across redeliveries (the task id); letters and digits of it name the staging table
     * @param columns  the target's columns, in the order of each row's values (for {@code APPEND}, columns of the existing
     *                 table)
     * @param rows     the values, as {@link UploadTypes#convert} makes them; may throw {@link UploadException}
     * @throws UploadException when the target exists for {@code CREATE} or is missing for {@code APPEND}
     */
    public static Result run(EngineSpec spec, Connection connection, TableName table, UploadMode mode, String uploadId,
                             List<Column> columns, Iterator<Object[]> rows, LongConsumer progress) throws SQLException {
        requireNonNull(rows, "rows is null");
        requireNonNull(progress, "progress is null");
        return run(spec, connection, table, mode, uploadId, columns, (c, target) -> spec.bulkLoad().load(c, target, rows, progress));
    }

    /** Writes the rows of an upload into the table {@link #run} prepared, inside its transaction; returns how many. */
    @FunctionalInterface
    public interface Writer {
        long write(Connection connection, BulkLoad.Target target) throws SQLException;
    }

    /**
     * {@link #run(EngineSpec, Connection, TableName, UploadMode, String, List, Iterator, LongConsumer)} with the rows written by
     * {@code writer} (the host's CSV pass-through, {@link BulkLoad#loadCsv}); an exception from it rolls everything back.
     */
    public static Result run(EngineSpec spec, Connection connection, TableName table, UploadMode mode, String uploadId,
                             List<Column> columns, Writer writer) throws SQLException {
        requireNonNull(spec, "spec is null");
        requireNonNull(connection, "connection is null");
        requireNonNull(table, "table is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(writer, "writer is null");
        checkName(table.name(), "the table name");
        table.schema().ifPresent(schema -> checkName(schema, "the schema name"));
        table.catalog().ifPresent(catalog -> checkName(catalog, "the catalog name"));
        if (columns.isEmpty()) {
            throw new UploadException("the upload has no columns");
        }
        columns.forEach(column -> checkName(column.name(), "a column name"));
        String key = key(uploadId);
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        ensureMarkerTable(spec, connection, table);
        TableName stage = sibling(table, stageName(spec, uploadId));
        OptionalLong done = completed(spec, connection, table, uploadId);
        if (done.isPresent()) {
            finishLeftovers(spec, connection, table, stage, mode);
            return new Result(done.getAsLong(), true);
        }
        boolean exists = existingColumns(spec, connection, table).isPresent();
        if (mode == UploadMode.CREATE && exists) {
            throw new UploadException("table " + table.name() + " already exists (mode create; use append or replace)");
        }
        if (mode == UploadMode.APPEND && !exists) {
            throw new UploadException("table " + table.name() + " does not exist (mode append; use create)");
        }
        long count = spec.transactionalDdl()
                ? inOneTransaction(spec, connection, table, mode, key, columns, writer, exists)
                : throughStage(spec, connection, table, stage, mode, key, columns, writer, exists);
        return new Result(count, false);
    }

    private static long inOneTransaction(EngineSpec spec, Connection connection, TableName table, UploadMode mode, String key,
                                         List<Column> columns, Writer writer, boolean exists)
            throws SQLException {
        connection.setAutoCommit(false);
        boolean settled = false;
        try {
            try (Statement statement = connection.createStatement()) {
                if (mode == UploadMode.REPLACE && exists) {
                    statement.execute("DROP TABLE " + tableSql(spec, table));
                }
                if (mode != UploadMode.APPEND) {
                    statement.execute(createSql(spec, table, columns));
                }
            }
            long count = writer.write(connection, target(spec, table, columns));
            mark(spec, connection, table, key, count);
            connection.commit();
            settled = true;
            return count;
        } finally {
            if (!settled) {
                rollbackQuietly(connection); // what the engine does when a killed worker's connection drops
            }
            connection.setAutoCommit(true);
        }
    }

    private static long throughStage(EngineSpec spec, Connection connection, TableName table, TableName stage, UploadMode mode,
                                     String key, List<Column> columns, Writer writer, boolean exists)
            throws SQLException {
        dropIfExists(spec, connection, stage); // a killed run's leftovers
        try (Statement statement = connection.createStatement()) {
            statement.execute(createSql(spec, stage, columns));
        }
        long count;
        boolean loaded = false;
        connection.setAutoCommit(false);
        try {
            count = writer.write(connection, target(spec, stage, columns));
            // the stage's rows are committed before they are read: an engine whose INSERT ... SELECT sees only committed rows
            // (QuestDB) would copy none; the stage is this upload's own, and a run killed after this commit drops it first
            connection.commit();
            if (mode == UploadMode.APPEND) {
                String names = String.join(", ", columns.stream().map(c -> spec.identifierQuoting().quote(c.name())).toList());
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO " + tableSql(spec, table) + " (" + names + ") SELECT " + names
                            + " FROM " + tableSql(spec, stage));
                }
            } else if (spec.ddlAtCommit()) {
                // takes effect with the marker row at the commit, or not at all (a table of that name appeared meanwhile)
                try (Statement statement = connection.createStatement()) {
                    if (mode == UploadMode.REPLACE && exists) {
                        statement.execute("DROP TABLE " + tableSql(spec, table));
                    }
                    statement.execute(createSql(spec, table, columns));
                }
            }
            mark(spec, connection, table, key, count);
            connection.commit();
            loaded = true;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            connection.setAutoCommit(true);
            dropQuietly(spec, connection, stage);
            throw e;
        } finally {
            if (!loaded) {
                rollbackQuietly(connection);
            }
            connection.setAutoCommit(true);
        }
        try {
            finishLeftovers(spec, connection, table, stage, mode);
        } catch (SQLException e) {
            if (spec.ddlAtCommit()) {
                throw e; // the target is this upload's, committed with the marker: a redelivery moves the stage's rows
            }
            // the rename failed (a table of that name appeared meanwhile): undo the marker so the upload is not taken as done
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + tableSql(spec, sibling(table, MARKER_TABLE))
                    + " WHERE " + column(spec, "upload_id") + " = ?")) {
                statement.setString(1, key);
                statement.executeUpdate();
            } catch (SQLException undo) {
                // an engine without DELETE (QuestDB): the marker stays, and so does the stage, so that a redelivery retries
                // the rename (and fails the same way while the other table is there) rather than call the upload done
                e.addSuppressed(undo);
                throw e;
            }
            dropQuietly(spec, connection, stage);
            throw e;
        }
        return count;
    }

    /** After the marker row is committed: the stage, if still there, becomes the target (create, replace) or goes (append). */
    private static void finishLeftovers(EngineSpec spec, Connection connection, TableName table, TableName stage, UploadMode mode)
            throws SQLException {
        if (existingColumns(spec, connection, stage).isEmpty()) {
            return;
        }
        if (mode == UploadMode.APPEND) {
            dropIfExists(spec, connection, stage);
            return;
        }
        if (spec.ddlAtCommit()) {
            moveRows(spec, connection, table, stage);
            return;
        }
        if (mode == UploadMode.REPLACE) {
            dropIfExists(spec, connection, table);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(spec.renameTableSql(stage, table));
        }
    }

    /**
     * For {@link EngineSpec#ddlAtCommit()}: the stage's rows into the target created with the marker (same columns, same
     * order), and the stage dropped, in one transaction.
     */
    private static void moveRows(EngineSpec spec, Connection connection, TableName table, TableName stage) throws SQLException {
        connection.setAutoCommit(false);
        boolean moved = false;
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + tableSql(spec, table) + " SELECT * FROM " + tableSql(spec, stage));
            statement.execute("DROP TABLE " + tableSql(spec, stage));
            connection.commit();
            moved = true;
        } finally {
            if (!moved) {
                rollbackQuietly(connection);
            }
            connection.setAutoCommit(true);
        }
    }

    private static BulkLoad.Target target(EngineSpec spec, TableName table, List<Column> columns) {
        IdentifierQuoting quoting = spec.identifierQuoting();
        return new BulkLoad.Target(table, tableSql(spec, table), columns.stream().map(Column::name).toList(),
                columns.stream().map(column -> quoting.quote(column.name())).toList(), columns.stream().map(Column::type).toList());
    }

    private static String createSql(EngineSpec spec, TableName table, List<Column> columns) {
        IdentifierQuoting quoting = spec.identifierQuoting();
        List<String> definitions = columns.stream()
                .map(column -> quoting.quote(column.name()) + " " + spec.uploadColumnType(column.type())).toList();
        return "CREATE TABLE " + tableSql(spec, table) + " (" + String.join(", ", definitions) + ")";
    }

    private static void mark(EngineSpec spec, Connection connection, TableName table, String key, long count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + tableSql(spec, sibling(table, MARKER_TABLE))
                + " (" + column(spec, "upload_id") + ", " + column(spec, "table_name") + ", " + column(spec, "row_count") + ") VALUES (?, ?, ?)")) {
            statement.setString(1, key);
            statement.setString(2, table.name().length() > 500 ? table.name().substring(0, 500) : table.name());
            statement.setLong(3, count);
            statement.executeUpdate();
        }
    }

    private static void ensureMarkerTable(EngineSpec spec, Connection connection, TableName table) throws SQLException {
        TableName marker = sibling(table, MARKER_TABLE);
        if (existingColumns(spec, connection, marker).isPresent()) {
            return;
        }
        // an engine without key constraints (QuestDB refuses PRIMARY KEY and VARCHAR(n)) gets the columns in its upload types
        String columns = spec.primaryKeys()
                ? column(spec, "upload_id") + " VARCHAR(64) NOT NULL PRIMARY KEY, " + column(spec, "table_name") + " VARCHAR(500), "
                : column(spec, "upload_id") + " " + spec.uploadColumnType(GenericType.STRING) + " NOT NULL, " + column(spec, "table_name") + " "
                        + spec.uploadColumnType(GenericType.STRING) + ", ";
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + tableSql(spec, marker) + " (" + columns + column(spec, "row_count") + " "
                    + spec.uploadColumnType(GenericType.INTEGER) + ")");
        } catch (SQLException e) {
            if (existingColumns(spec, connection, marker).isEmpty()) { // not a concurrent upload creating it first
                throw e;
            }
        }
    }

    private static void dropIfExists(EngineSpec spec, Connection connection, TableName table) throws SQLException {
        if (existingColumns(spec, connection, table).isPresent()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + tableSql(spec, table));
            }
        }
    }

    private static void dropQuietly(EngineSpec spec, Connection connection, TableName table) {
        try {
            if (connection.getAutoCommit()) {
                dropIfExists(spec, connection, table);
            }
        } catch (SQLException ignored) {
            // the next run with this id drops it first
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone: the engine rolled back
        }
    }

    /**
     * A marker column as its unquoted name is stored, quoted: the same column on every engine as written unquoted (tables
     * made before stay readable), and safe where the name is a reserved word (Firebird's {@code ROW_COUNT}).
     */
    private static String column(EngineSpec spec, String name) {
        IdentifierQuoting quoting = spec.identifierQuoting();
        return quoting.quote(quoting.normalizeUnquoted(name));
    }

    private static TableName sibling(TableName table, String name) {
        return new TableName(table.catalog(), table.schema(), name);
    }

    /**
     * The staging table of upload {@code uploadId}: {@code dbspec_stage_} and the letters and digits of the id
     * ({@link #key}), cut to the engine's longest name when it has one ({@link EngineSpec#maxColumnNameLength()}: Firebird 3
     * takes 31 characters for any name, which leaves 18 of the id, 72 bits of a random UUID).
     *
     * @since 1.6.0
     */
    public static String stageName(EngineSpec spec, String uploadId) {
        requireNonNull(spec, "spec is null");
        String name = STAGE_PREFIX + key(uploadId);
        java.util.OptionalInt longest = spec.maxColumnNameLength();
        return longest.isPresent() && name.length() > longest.getAsInt()
                ? name.substring(0, Math.max(longest.getAsInt(), STAGE_PREFIX.length() + 8)) : name;
    }

    /** The letters and digits of {@code uploadId}, lower case, at most 32: the marker key and the stage's suffix. */
    static String key(String uploadId) {
        requireNonNull(uploadId, "uploadId is null");
        String key = uploadId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (key.length() < 8) {
            throw new IllegalArgumentException("an upload id needs at least 8 letters or digits");
        }
        return key.length() > 32 ? key.substring(0, 32) : key;
    }
}
