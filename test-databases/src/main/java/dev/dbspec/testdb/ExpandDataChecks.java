package dev.dbspec.testdb;

import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.firstLine;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.timed;
import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DataExpander;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ExpandedData;
import dev.dbspec.api.NestedColumn;
import dev.dbspec.api.NestedReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live check of {@link Capability#EXPAND_DATA} ({@code expand-data}, Superset's {@code expand_data}), in the style of
 * {@link LiveChecks}: when claimed, a scratch query with an array of two numbers and a row of one field, read through the
 * spec's {@link EngineSpec#nestedReader} and expanded by {@link DataExpander}, must give exactly Superset's answer: columns
 * {@code l, s, s.a}, rows {@code [1, s, 3]} and {@code [2, "", ""]}, expanded columns {@code [s.a]}. The query is the first
 * of these the engine runs:
 *
 * <pre>{@code
 * SELECT [1, 2] AS l, {'a': 3} AS s                                     -- DuckDB: LIST and STRUCT
 * SELECT ARRAY[1, 2] AS l, CAST('{"a": 3}' AS jsonb) AS s               -- PostgreSQL: an array and a jsonb object
 * SELECT ARRAY[1, 2] AS l, CAST(ROW(3) AS ROW(a INTEGER)) AS s          -- Presto, Trino, H2: ARRAY and ROW
 * SELECT [1, 2] AS l, CAST(tuple(3) AS Tuple(a Int32)) AS s           -- ClickHouse: Array and a named Tuple
 * }</pre>
 *
 * <p>An engine whose nested types are arrays only (QuestDB's {@code DOUBLE[]}, HSQLDB's {@code ARRAY}) refuses every
 * one of these, for the row. It proves what it has with the first of {@link #ARRAY_EXPRESSIONS} it runs (through
 * {@link EngineSpec#selectExpressionSql}, so an engine that needs a FROM clause gets its one-row table), judged as
 * strictly as Superset would answer it: columns {@code l}, rows {@code l = 1} and {@code l = 2}, no expanded column.
 * The pass says the row queries were refused and why, so a report shows an arrays-only proof for what it is. These run
 * only when every full query was refused: an engine where a full query runs is judged on it, row included, and never
 * passes on its arrays alone.
 *
 * <p>When not claimed the spec must offer no reader (an engine must not expand what it does not claim: the host
 * expands only for claimed engines, so a reader nobody proved would be dead code or a claim left out), on the full
 * query, else the arrays-only one, else on {@code SELECT 1}.
 */
public final class ExpandDataChecks {
    /** The check's id. */
    public static final String ID = "expand-data";

    /** The scratch queries, one per dialect, tried in order. */
    public static final List<String> QUERIES = List.of(
            "SELECT [1, 2] AS l, {'a': 3} AS s",
            "SELECT ARRAY[1, 2] AS l, CAST('{\"a\": 3}' AS jsonb) AS s",
            "SELECT ARRAY[1, 2] AS l, CAST(ROW(3) AS ROW(a INTEGER)) AS s",
            "SELECT [1, 2] AS l, CAST(tuple(3) AS Tuple(a Int32)) AS s");

    /**
     * The arrays-only scratch expressions, for engines that refuse every one of {@link #QUERIES}: the SQL standard's
     * array constructor (HSQLDB, H2, QuestDB, which makes it {@code DOUBLE[]}), then the bracket literal.
     */
    public static final List<String> ARRAY_EXPRESSIONS = List.of("ARRAY[1, 2] AS l", "[1, 2] AS l");

    private final EngineSpec spec;
    private final LiveChecks.ConnectionSource source;

    public ExpandDataChecks(EngineSpec spec, LiveChecks.ConnectionSource source) {
        this.spec = requireNonNull(spec, "spec is null");
        this.source = requireNonNull(source, "source is null");
    }

    /** {@code expand-data}. */
    public CheckResult expandData() {
        boolean claimed = spec.has(Capability.EXPAND_DATA);
        return timed(ID, "expand arrays and rows into rows and columns (expand_data)" + (claimed ? "" : " (absent: no reader)"), () -> {
            try (Connection connection = source.open()) {
                List<String> refused = new ArrayList<>();
                for (String sql : QUERIES) {
                    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                        ResultSetMetaData metadata = rs.getMetaData();
                        Optional<NestedReader> reader = spec.nestedReader(connection, metadata);
                        if (!claimed) {
                            return reader.isEmpty() ? pass("not claimed: no reader, rows are answered as they are")
                                    : fail("not claimed, yet the spec reads nested values (" + describe(reader.get(), metadata) + ")");
                        }
                        if (reader.isEmpty()) {
                            return fail("claimed, but the spec offers no nested reader");
                        }
                        return judge(sql, expand(rs, metadata, reader.get()));
                    } catch (SQLException e) {
                        refused.add(firstLine(e.getMessage()));
                        rollback(connection);
                    }
                }
                // Every full query was refused: the engine may have arrays but no row, struct or JSON type.
                List<String> arraysRefused = new ArrayList<>();
                for (String expression : ARRAY_EXPRESSIONS) {
                    String sql = spec.selectExpressionSql(expression);
                    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                        ResultSetMetaData metadata = rs.getMetaData();
                        Optional<NestedReader> reader = spec.nestedReader(connection, metadata);
                        if (!claimed) {
                            return reader.isEmpty() ? pass("not claimed: no reader (arrays only here), rows are answered as they are")
                                    : fail("not claimed, yet the spec reads nested values (" + describe(reader.get(), metadata) + ")");
                        }
                        if (reader.isEmpty()) {
                            return fail("claimed, but the spec offers no nested reader");
                        }
                        return judgeArrays(sql, reader.get().type(1), expand(rs, metadata, reader.get()), refused);
                    } catch (SQLException e) {
                        arraysRefused.add(firstLine(e.getMessage()));
                        rollback(connection);
                    }
                }
                if (!claimed) {
                    // No nested value here (the engine has no such types): the spec must still offer no reader.
                    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(spec.selectExpressionSql("1"))) {
                        Optional<NestedReader> reader = spec.nestedReader(connection, rs.getMetaData());
                        return reader.isEmpty() ? pass("not claimed: no reader (no nested scratch value runs here)")
                                : fail("not claimed, yet the spec offers a nested reader");
                    }
                }
                return fail("claimed, but no scratch query with nested values runs: " + refused + "; arrays only: " + arraysRefused);
            }
        });
    }

    private static void rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // PostgreSQL: a failed statement aborts the transaction
            }
        } catch (SQLException ignored) {
            // the next query says whether the connection still works
        }
    }

    private static String describe(NestedReader reader, ResultSetMetaData metadata) throws SQLException {
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            types.add(metadata.getColumnLabel(i) + ": " + reader.type(i));
        }
        return String.join(", ", types);
    }

    /**
     * Runs {@code sql} and expands its rows as the check does (labels lower-cased), for plugin tests of a reader on
     * values of their own; fails when the spec offers no reader.
     */
    public static ExpandedData expandQuery(EngineSpec spec, Connection connection, String sql) throws SQLException {
        requireNonNull(spec, "spec is null");
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(requireNonNull(sql, "sql is null"))) {
            ResultSetMetaData metadata = rs.getMetaData();
            NestedReader reader = spec.nestedReader(connection, metadata).orElseThrow(() -> new AssertionError(spec.id() + " offers no nested reader"));
            return expand(rs, metadata, reader);
        }
    }

    /** The values of {@code column} on the expanded rows, in order ({@link DataExpander#ABSENT} where a row added none). */
    public static List<Object> columnValues(ExpandedData data, String column) {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> row : data.rows()) {
            values.add(row.get(requireNonNull(column, "column is null")));
        }
        return values;
    }

    private static ExpandedData expand(ResultSet rs, ResultSetMetaData metadata, NestedReader reader) throws SQLException {
        int columns = metadata.getColumnCount();
        List<NestedColumn> nested = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            nested.add(new NestedColumn(metadata.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), reader.type(i)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= columns; i++) {
                row.put(nested.get(i - 1).name(), reader.type(i).nested() ? reader.read(rs, i) : rs.getObject(i));
            }
            rows.add(row);
        }
        return DataExpander.expand(nested, rows);
    }

    /**
     * Superset's answer: l unnests into two rows, s keeps its value and gains s.a; the added row is empty elsewhere.
     * Names are compared ignoring case, as the column labels are: an engine folding unquoted names to upper case (H2)
     * names the field {@code A}.
     */
    private static Checks.Outcome judge(String sql, ExpandedData data) {
        List<String> names = data.columns().stream().map(column -> lower(column.name())).toList();
        if (!names.equals(List.of("l", "s", "s.a"))) {
            return fail(sql + ": columns " + names + ", expected [l, s, s.a] (types " + data.columns().stream().map(NestedColumn::type).toList() + ")");
        }
        List<String> expanded = data.expandedColumns().stream().map(column -> lower(column.name())).toList();
        if (!expanded.equals(List.of("s.a"))) {
            return fail(sql + ": expanded columns " + expanded + ", expected [s.a]");
        }
        if (data.rows().size() != 2) {
            return fail(sql + ": " + data.rows().size() + " rows, expected 2: " + data.rows());
        }
        Map<String, Object> first = lowerKeys(data.rows().get(0));
        Map<String, Object> second = lowerKeys(data.rows().get(1));
        boolean ok = number(first.get("l"), 1) && number(first.get("s.a"), 3) && first.get("s") != null && !"".equals(first.get("s"))
                && number(second.get("l"), 2) && DataExpander.ABSENT.equals(second.get("s")) && DataExpander.ABSENT.equals(second.get("s.a"));
        return ok ? pass(sql + " -> " + data.rows()) : fail(sql + ": rows " + data.rows() + ", expected [1, s, 3] and [2, \"\", \"\"]");
    }

    /**
     * Superset's answer on an array alone: l unnests into two rows and nothing is added. The reader must say the column
     * is nested (a scalar reading of a list would leave one row anyway, but a reader that does not know arrays proves
     * nothing).
     */
    private static Checks.Outcome judgeArrays(String sql, dev.dbspec.api.NestedType type, ExpandedData data, List<String> rowsRefused) {
        if (!type.nested()) {
            return fail(sql + ": the reader takes l for a scalar (" + type + ")");
        }
        List<String> names = data.columns().stream().map(column -> lower(column.name())).toList();
        if (!names.equals(List.of("l"))) {
            return fail(sql + ": columns " + names + ", expected [l] (types " + data.columns().stream().map(NestedColumn::type).toList() + ")");
        }
        if (!data.expandedColumns().isEmpty()) {
            return fail(sql + ": expanded columns " + data.expandedColumns() + ", expected none");
        }
        String name = data.columns().get(0).name();
        List<Object> values = data.rows().stream().map(row -> row.get(name)).toList();
        boolean ok = values.size() == 2 && number(values.get(0), 1) && number(values.get(1), 2);
        return ok ? pass("arrays only: the engine has no row/struct type (the row queries were refused: " + String.join("; ", rowsRefused) + "); "
                + sql + " -> " + data.rows())
                : fail(sql + ": rows " + data.rows() + ", expected l = 1 and l = 2");
    }

    private static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> row) {
        Map<String, Object> lowered = new HashMap<>();
        row.forEach((key, value) -> lowered.put(lower(key), value));
        return lowered;
    }

    private static boolean number(Object value, long expected) {
        return value instanceof Number number && number.longValue() == expected && number.doubleValue() == expected;
    }
}
