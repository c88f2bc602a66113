package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MySQL and MariaDB partitioning and table properties from {@code information_schema.PARTITIONS} and
 * {@code information_schema.TABLES}, for the MySQL and MariaDB plugins (StarRocks and Doris speak the protocol but keep
 * other catalogs). The database is the table's catalog, else its schema, else {@code DATABASE()}.
 */
public final class MysqlPartitions {
    /** The partitions and subpartitions of {@code ?} (database), {@code ?} (table), in ordinal order. */
    public static final String PARTITIONS_SQL = "SELECT PARTITION_NAME, SUBPARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION,"
            + " PARTITION_DESCRIPTION, TABLE_ROWS FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
            + " ORDER BY PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION";
    /** The column types of {@code ?} (database), {@code ?} (table). */
    public static final String COLUMNS_SQL = "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    /** The table's properties: {@code ?} (database), {@code ?} (table). */
    public static final String TABLE_SQL = "SELECT TABLE_TYPE, ENGINE, ROW_FORMAT, TABLE_COLLATION, TABLE_ROWS, AVG_ROW_LENGTH, DATA_LENGTH,"
            + " INDEX_LENGTH, AUTO_INCREMENT, CREATE_OPTIONS, CREATE_TIME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";

    private MysqlPartitions() {
    }

    /** One partition in ordinal order, with its description split into literals. */
    private record Part(String name, String description, Optional<Long> rows) {
    }

    private record Partitioning(String database, String table, String method, List<String> keys, List<Part> parts, List<PartitionInfo> all) {
    }

    private static String database(Connection connection, TableName table) throws SQLException {
        Optional<String> named = table.catalog().or(table::schema);
        if (named.isPresent()) {
            return named.get();
        }
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        }
    }

    private static Optional<Partitioning> read(Connection connection, TableName table) throws SQLException {
        String database = database(connection, table);
        String method = null;
        String expression = null;
        Map<String, Part> parts = new LinkedHashMap<>();
        List<PartitionInfo> subpartitions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(PARTITIONS_SQL)) {
            statement.setString(1, database);
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name == null) {
                        return Optional.empty(); // the one row of a table that is not partitioned
                    }
                    method = rs.getString(3);
                    expression = rs.getString(4);
                    long rows = rs.getLong(6);
                    Optional<Long> estimate = rs.wasNull() ? Optional.empty() : Optional.of(rows);
                    String sub = rs.getString(2);
                    Part previous = parts.get(name);
                    Optional<Long> sum = previous == null ? estimate
                            : previous.rows().flatMap(a -> estimate.map(b -> a + b));
                    parts.put(name, new Part(name, rs.getString(5) == null ? "" : rs.getString(5), sum));
                    if (sub != null) {
                        subpartitions.add(new PartitionInfo(sub, "", Optional.of(name), estimate));
                    }
                }
            }
        }
        if (parts.isEmpty() || method == null) {
            return Optional.empty();
        }
        String upper = method.toUpperCase(Locale.ROOT);
        // COLUMNS and KEY list columns separated by commas; RANGE, LIST and HASH take one expression, commas and all
        List<String> keys = expression == null ? List.of()
                : upper.endsWith("COLUMNS") || upper.endsWith("KEY") ? Partitions.splitTopLevel(expression) : List.of(expression.trim());
        List<PartitionInfo> all = new ArrayList<>();
        parts.values().forEach(part -> all.add(new PartitionInfo(part.name(), part.description(), part.rows())));
        all.addAll(subpartitions);
        return Optional.of(new Partitioning(database, table.name(), upper, keys, List.copyOf(parts.values()), all));
    }

    /** {@link #PARTITIONS_SQL}: method, key expressions ({@code PARTITION_EXPRESSION}) and partitions then subpartitions. */
    public static Optional<TablePartitions> partitions(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        return read(connection, table).map(p -> new TablePartitions(p.method(), p.keys(), p.all()));
    }

    /**
     * The latest partition ({@link EngineSpec#latestPartition}): for RANGE and RANGE COLUMNS, whose partitions MySQL keeps in
     * increasing bound order, the last one holding a row, between the previous partition's {@code LESS THAN} (inclusive) and
     * its own (exclusive), with {@code OR key IS NULL} for the first partition of a one-part key (MySQL puts NULL there);
     * for LIST and LIST COLUMNS of one key, the partition with the greatest listed value holding a row, {@code key IN (...)}.
     * A partition holds a row when {@code SELECT 1 FROM `db`.`t` PARTITION (`p`) LIMIT 1} returns one. Quoted dates of
     * COLUMNS keys become the engine's date literals. HASH, KEY, SYSTEM_TIME and multi-column LIST have none. In a session
     * under {@code NO_BACKSLASH_ESCAPES} the printed literals' backslash escapes are rewritten for it
     * ({@link #withoutBackslashEscapes}), and a literal it cannot write the same way gives no latest partition.
     */
    public static Optional<LatestPartition> latestPartition(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        Optional<Partitioning> read = read(connection, table);
        if (read.isEmpty() || read.get().keys().isEmpty()) {
            return Optional.empty();
        }
        Partitioning p = read.get();
        boolean range = p.method().startsWith("RANGE");
        boolean list = p.method().startsWith("LIST") && p.keys().size() == 1;
        if (!range && !list) {
            return Optional.empty();
        }
        List<Optional<String>> types = keyTypes(connection, p);
        if (noBackslashEscapes(connection)) {
            // The descriptions escape backslashes, which this session reads as they are: each literal is rewritten for it.
            List<Part> rewritten = new ArrayList<>();
            for (Part part : p.parts()) {
                List<String> literals = new ArrayList<>();
                for (String literal : Partitions.splitTopLevel(part.description())) {
                    Optional<String> plain = withoutBackslashEscapes(literal);
                    if (plain.isEmpty()) {
                        return Optional.empty(); // a literal this session cannot read back: no predicate rather than a wrong one
                    }
                    literals.add(plain.get());
                }
                rewritten.add(new Part(part.name(), String.join(",", literals), part.rows()));
            }
            p = new Partitioning(p.database(), p.table(), p.method(), p.keys(), rewritten, p.all());
        }
        if (range) {
            for (int i = p.parts().size() - 1; i >= 0; i--) {
                Part part = p.parts().get(i);
                if (!hasRows(connection, spec, p, part)) {
                    continue;
                }
                List<String> lower = i == 0 ? List.of() : literals(spec, types, Partitions.splitTopLevel(p.parts().get(i - 1).description()));
                List<String> upper = literals(spec, types, Partitions.splitTopLevel(part.description()));
                String predicate = Partitions.rangePredicate(p.keys(), lower, upper);
                if (i == 0 && p.keys().size() == 1) {
                    predicate = "(" + predicate + " OR " + p.keys().get(0) + " IS NULL)";
                }
                boolean unboundedAbove = upper.stream().allMatch(Partitions::isMaxValue);
                return Optional.of(new LatestPartition(part.name(), p.keys(), List.of(),
                        lower.isEmpty() ? Optional.empty() : Optional.of(row(lower)),
                        unboundedAbove ? Optional.empty() : Optional.of(row(upper)), predicate));
            }
            return Optional.empty();
        }
        List<Part> ordered = new ArrayList<>(p.parts());
        ordered.sort(Comparator.comparing((Part part) -> Partitions.splitTopLevel(part.description()).stream()
                .max(Partitions.LITERAL_ORDER).orElse("NULL"), Partitions.LITERAL_ORDER).reversed());
        for (Part part : ordered) {
            if (hasRows(connection, spec, p, part)) {
                // one key: every listed value takes its type
                List<String> values = Partitions.splitTopLevel(part.description()).stream()
                        .map(v -> Partitions.literalFor(spec, types.isEmpty() ? Optional.empty() : types.get(0), v)).toList();
                return Optional.of(new LatestPartition(part.name(), p.keys(), values, Optional.empty(), Optional.empty(),
                        Partitions.listPredicate(p.keys().get(0), values)));
            }
        }
        return Optional.empty();
    }

    /** Whether the session's {@code sql_mode} holds {@code NO_BACKSLASH_ESCAPES} (backslashes are plain characters in strings). */
    private static boolean noBackslashEscapes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
            return rs.next() && rs.getString(1) != null
                    && java.util.Arrays.asList(rs.getString(1).toUpperCase(Locale.ROOT).split(",")).contains("NO_BACKSLASH_ESCAPES");
        }
    }

    /**
     * A quoted literal as MySQL prints it ({@code \\}, {@code \n}, {@code \t}, {@code \r}, {@code \b}, {@code \Z},
     * {@code \'}, {@code \"} escapes) written for a session under {@code NO_BACKSLASH_ESCAPES}: the escapes become the
     * characters, quotes doubled; anything else unchanged. Empty for a {@code \0} (NUL), {@code \%} or {@code \_} escape,
     * which such a session cannot write the same way.
     */
    static Optional<String> withoutBackslashEscapes(String literal) {
        String text = literal.trim();
        int open = text.indexOf('\'');
        if (open < 0 || !text.endsWith("'") || text.length() < open + 2 || text.indexOf('\\') < 0) {
            return Optional.of(literal);
        }
        StringBuilder out = new StringBuilder(text.substring(0, open + 1));
        for (int i = open + 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= text.length() - 1) {
                return Optional.empty();
            }
            switch (text.charAt(i)) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'Z' -> out.append((char) 26);
                case '\'' -> out.append("''");
                case '"' -> out.append('"');
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out.append('\'').toString());
    }

    private static String row(List<String> literals) {
        return literals.size() == 1 ? literals.get(0) : "(" + String.join(", ", literals) + ")";
    }

    /** The column type of each key part that is a plain column ({@code `d`}), empty for expressions. */
    private static List<Optional<String>> keyTypes(Connection connection, Partitioning p) throws SQLException {
        Map<String, String> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL)) {
            statement.setString(1, p.database());
            statement.setString(2, p.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
        }
        List<Optional<String>> types = new ArrayList<>();
        for (String key : p.keys()) {
            String text = key.trim();
            Optional<String> column = text.length() >= 2 && text.startsWith("`") && text.endsWith("`") && text.indexOf('`', 1) == text.length() - 1
                    ? Optional.of(text.substring(1, text.length() - 1)) : text.matches("[A-Za-z0-9_$]+") ? Optional.of(text) : Optional.empty();
            types.add(column.map(c -> columns.get(c.toLowerCase(Locale.ROOT))));
        }
        return types;
    }

    private static List<String> literals(EngineSpec spec, List<Optional<String>> types, List<String> bound) {
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            literals.add(Partitions.literalFor(spec, i < types.size() ? types.get(i) : Optional.empty(), bound.get(i)));
        }
        return literals;
    }

    private static boolean hasRows(Connection connection, EngineSpec spec, Partitioning p, Part part) throws SQLException {
        var quoting = spec.identifierQuoting();
        String sql = "SELECT 1 FROM " + quoting.quote(p.database()) + "." + quoting.quote(p.table()) + " PARTITION (" + quoting.quote(part.name())
                + ") LIMIT 1";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next();
        }
    }

    /**
     * {@link #TABLE_SQL}: {@code tableType}, {@code engine}, {@code rowFormat}, {@code collation}, {@code rowsEstimate}
     * ({@code TABLE_ROWS}, an estimate on InnoDB), {@code avgRowLength}, {@code dataBytes}, {@code indexBytes},
     * {@code autoIncrement}, {@code createOptions}, {@code createTime} (ISO text), {@code partitioned}, and for a
     * partitioned table {@code partitionMethod}, {@code partitionKey} and {@code partitionCount}.
     */
    public static Map<String, Object> extraTableMetadata(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        String database = database(connection, table);
        Map<String, Object> extra = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLE_SQL)) {
            statement.setString(1, database);
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                extra.put("tableType", rs.getString(1));
                extra.put("engine", rs.getString(2));
                extra.put("rowFormat", rs.getString(3));
                extra.put("collation", rs.getString(4));
                extra.put("rowsEstimate", longOrNull(rs, 5));
                extra.put("avgRowLength", longOrNull(rs, 6));
                extra.put("dataBytes", longOrNull(rs, 7));
                extra.put("indexBytes", longOrNull(rs, 8));
                extra.put("autoIncrement", longOrNull(rs, 9));
                String options = rs.getString(10);
                extra.put("createOptions", options == null ? null : options.trim());
                java.sql.Timestamp created = rs.getTimestamp(11);
                extra.put("createTime", created == null ? null : created.toLocalDateTime().toString());
            }
        }
        Optional<Partitioning> partitioning = read(connection, new TableName(Optional.of(database), Optional.empty(), table.name()));
        extra.put("partitioned", partitioning.isPresent());
        partitioning.ifPresent(p -> {
            extra.put("partitionMethod", p.method());
            extra.put("partitionKey", String.join(",", p.keys()));
            extra.put("partitionCount", p.parts().size());
        });
        return extra;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
