package dev.dbspec.plugin.clickhouse;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extra table metadata and partitions from ClickHouse's catalog ({@code system.tables}, {@code system.parts}), never the
 * table's rows. A MergeTree table partitions by the value of its {@code PARTITION BY} expression (method {@code VALUE});
 * a partition exists only while it holds data. {@code system.parts.partition} writes a one-part key's value as text,
 * unquoted ({@code 1}, {@code 2024-01-01}, {@code a'b} for a String key: not a literal), and a tuple key's as a tuple of
 * quoted values ({@code (0,'2024-01-01')}). So the predicate compares each key part's text with that text as a string
 * literal, {@code toString(intDiv(k, 10)) = '1'}: the same text serialization on both sides, whatever the type, and a
 * value with quotes or comment markers stays inside its literal. The latest partition is the greatest value: numeric key
 * parts compare as numbers ({@code 10} after {@code 9}), the others as text (dates and times are written year first); the key's
 * types come from the metadata of {@code SELECT <key> FROM <table> LIMIT 0}, which reads no row. Key expressions are the
 * server's own formatting (identifiers backquoted where needed) and 18.16 has no user-defined functions, so pasting one runs
 * only built-ins. 18.16's {@code system.tables} has {@code partition_key}, {@code sorting_key}, {@code primary_key},
 * {@code sampling_key} but no row count: rows and bytes are the sums over the table's active parts.
 */
final class ClickHouseTables {
    /** A database is a schema here: the table's schema, else its catalog (which the driver reports as the database), else the current one. */
    private static final String TABLE_SQL = "SELECT engine, engine_full, partition_key, sorting_key, primary_key, sampling_key, is_temporary"
            + " FROM system.tables WHERE database = if(? = '', currentDatabase(), ?) AND name = ?";
    /** The active parts of each partition, with what they hold. */
    private static final String PARTS_SQL = "SELECT partition, sum(rows), sum(bytes_on_disk), count() FROM system.parts"
            + " WHERE active AND database = if(? = '', currentDatabase(), ?) AND table = ? GROUP BY partition";

    private ClickHouseTables() {
    }

    /** The table's row of {@code system.tables}, empty when there is no such table. */
    private record Table(String engine, String engineFull, String partitionKey, String sortingKey, String primaryKey, String samplingKey,
                         boolean temporary) {
    }

    /** One partition: its value as ClickHouse writes it and the sums over its active parts. */
    private record Partition(String text, long rows, long bytes, long parts) {
    }

    static Map<String, Object> extraMetadata(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Table> found = table(connection, table);
        if (found.isEmpty()) {
            return Map.of();
        }
        Table row = found.get();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("engine", row.engine());
        extra.put("engineFull", row.engineFull());
        extra.put("partitionKey", row.partitionKey());
        extra.put("sortingKey", row.sortingKey());
        extra.put("primaryKey", row.primaryKey());
        extra.put("samplingKey", row.samplingKey());
        extra.put("temporary", row.temporary());
        // Only the MergeTree family keeps parts: other engines (Memory, Log, views) have no row count in 18.16's catalog.
        if (row.engine().contains("MergeTree")) {
            List<Partition> partitions = parts(connection, table);
            extra.put("rows", partitions.stream().mapToLong(Partition::rows).sum());
            extra.put("bytesOnDisk", partitions.stream().mapToLong(Partition::bytes).sum());
            extra.put("activeParts", partitions.stream().mapToLong(Partition::parts).sum());
            if (!keys(row).isEmpty()) {
                Map<String, Object> partitioning = new LinkedHashMap<>();
                partitioning.put("method", "VALUE");
                partitioning.put("keys", keys(row));
                partitioning.put("partitions", ordered(connection, table, keys(row)).stream().map(Partition::text).toList());
                extra.put("partitioning", partitioning);
            }
        }
        return extra;
    }

    static Optional<TablePartitions> partitions(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Table> found = table(connection, table);
        if (found.isEmpty() || keys(found.get()).isEmpty()) {
            return Optional.empty();
        }
        List<PartitionInfo> infos = new ArrayList<>();
        for (Partition partition : ordered(connection, table, keys(found.get()))) {
            infos.add(new PartitionInfo(partition.text(), partition.text(), Optional.of(partition.rows())));
        }
        return Optional.of(new TablePartitions("VALUE", keys(found.get()), infos));
    }

    /**
     * The partition with the greatest value among those holding rows, and {@code toString(key) = 'text'} for each part of the
     * key ({@code toString(intDiv(k, 10)) = '1'}; joined by {@code AND} for a tuple key).
     */
    static Optional<LatestPartition> latest(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Table> found = table(connection, table);
        if (found.isEmpty() || keys(found.get()).isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = keys(found.get());
        List<Partition> holding = ordered(connection, table, keys).stream().filter(partition -> partition.rows() > 0).toList();
        if (holding.isEmpty()) {
            return Optional.empty();
        }
        Partition latest = holding.get(holding.size() - 1);
        List<String> values = texts(latest.text(), keys.size(), table).stream().map(ClickHouseTables::literal).toList();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            terms.add("toString(" + keys.get(i) + ") = " + values.get(i));
        }
        return Optional.of(new LatestPartition(latest.text(), keys, values, Optional.empty(), Optional.empty(), String.join(" AND ", terms)));
    }

    /** The partitions in the order of their values. */
    private static List<Partition> ordered(Connection connection, TableName table, List<String> keys) throws SQLException {
        List<Boolean> numeric = numericKeyParts(connection, table, keys);
        List<Map.Entry<List<Object>, Partition>> sortable = new ArrayList<>();
        for (Partition partition : parts(connection, table)) {
            List<Object> order = new ArrayList<>();
            List<String> texts = texts(partition.text(), keys.size(), table);
            for (int i = 0; i < texts.size(); i++) {
                order.add(numeric.get(i) ? number(texts.get(i)) : texts.get(i));
            }
            sortable.add(Map.entry(order, partition));
        }
        sortable.sort((a, b) -> ClickHouseText.ORDER.compare(a.getKey(), b.getKey()));
        return sortable.stream().map(Map.Entry::getValue).toList();
    }

    /** Each key part's value as text: a one-part key's partition is that text, a tuple key's is a tuple of quoted values. */
    private static List<String> texts(String partition, int parts, TableName table) throws SQLException {
        if (parts == 1) {
            return List.of(partition);
        }
        Object parsed;
        try {
            parsed = ClickHouseText.parse(partition);
        } catch (IllegalArgumentException e) {
            throw new SQLException("clickhouse: partition " + partition + " of " + table.name() + ": " + e.getMessage(), "XX000", e);
        }
        List<String> raw = ClickHouseText.topLevelParts(partition);
        if (!(parsed instanceof List<?> values) || values.size() != parts || raw.size() != parts) {
            throw new SQLException("clickhouse: partition " + partition + " of " + table.name() + " does not have the key's " + parts
                    + " parts", "XX000");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            // a quoted value is its string; anything else (a number) is written as its text already
            texts.add(values.get(i) instanceof String text && raw.get(i).startsWith("'") ? text : raw.get(i));
        }
        return texts;
    }

    /** Whether each key part has a numeric type, from the result metadata of a query that reads no row. */
    private static List<Boolean> numericKeyParts(Connection connection, TableName table, List<String> keys) throws SQLException {
        String from = table.schema().or(table::catalog).map(ClickHouseTables::quoted).map(database -> database + ".").orElse("") + quoted(table.name());
        List<Boolean> numeric = new ArrayList<>();
        try (java.sql.Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", keys) + " FROM " + from + " LIMIT 0")) {
            java.sql.ResultSetMetaData metadata = rs.getMetaData();
            for (int i = 1; i <= keys.size(); i++) {
                String type = metadata.getColumnTypeName(i).replaceAll("^(Nullable|LowCardinality)\\(", "");
                numeric.add(type.matches("^(U?Int\\d+|Float\\d+|Decimal).*"));
            }
        }
        return numeric;
    }

    private static Object number(String text) {
        try {
            return new java.math.BigDecimal(text);
        } catch (NumberFormatException e) {
            return text; // nan, inf: ordered as text
        }
    }

    /** A ClickHouse string literal: backslashes and quotes escaped with a backslash. */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String quoted(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** The partition key's parts; none for a table that is not partitioned ({@code tuple()} is MergeTree's "no key"). */
    private static List<String> keys(Table table) {
        String key = table.partitionKey().strip();
        return key.isEmpty() || key.equals("tuple()") ? List.of() : ClickHouseText.topLevelParts(key);
    }

    private static Optional<Table> table(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement statement = bind(connection.prepareStatement(TABLE_SQL), table); ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Table(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getInt(7) != 0));
        }
    }

    private static List<Partition> parts(Connection connection, TableName table) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement statement = bind(connection.prepareStatement(PARTS_SQL), table); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                partitions.add(new Partition(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return partitions;
    }

    private static PreparedStatement bind(PreparedStatement statement, TableName table) throws SQLException {
        requireNonNull(table, "table is null");
        String database = table.schema().or(table::catalog).orElse("");
        statement.setString(1, database);
        statement.setString(2, database);
        statement.setString(3, table.name());
        return statement;
    }
}
