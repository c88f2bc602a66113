package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hive's partitions from {@code SHOW PARTITIONS `schema`.`table`}, whose rows are partition specs such as
 * {@code ds=2024-01-01/hour=05} (names and values escaped {@code %XX} as in the warehouse's directory names,
 * {@code __HIVE_DEFAULT_PARTITION__} for NULL). Spec only: not run against a live Hive here.
 *
 * <p>The latest partition is, as in Superset's {@code HiveEngineSpec.latest_partition}, the greatest partition spec: values
 * compared key by key, numbers by value, dates by time, other text by code point ({@link Partitions#LITERAL_ORDER}); its
 * predicate is {@code `ds` = '2024-01-01' AND `hour` = '05'} (Hive compares a quoted value with a numeric column as a number).
 * {@code SHOW PARTITIONS} reads the metastore, not the data, so an empty partition can be the latest.
 */
public final class HivePartitions {
    /** Hive's name of the partition holding NULL. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private HivePartitions() {
    }

    /** {@code SHOW PARTITIONS `schema`.`table`} (the schema when given). */
    public static String showPartitionsSql(IdentifierQuoting quoting, TableName table) {
        requireNonNull(quoting, "quoting is null");
        return "SHOW PARTITIONS " + table.schema().map(schema -> quoting.quote(schema) + ".").orElse("") + quoting.quote(table.name());
    }

    /** One partition spec split into key and value, unescaped: {@code ds=2024-01-01/hour=05} gives ds → 2024-01-01, hour → 05. */
    public static Map<String, String> parseSpec(String spec) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : requireNonNull(spec, "spec is null").split("/")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not a partition spec: " + spec);
            }
            values.put(unescape(part.substring(0, equals)), unescape(part.substring(equals + 1)));
        }
        return values;
    }

    /** Hive's {@code FileUtils.unescapePathName}: {@code %3A} is {@code :}. */
    public static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** The partitions of {@code SHOW PARTITIONS}'s rows: method VALUE, keys the quoted partition columns, names the specs. */
    public static Optional<TablePartitions> fromRows(IdentifierQuoting quoting, List<String> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = parseSpec(rows.get(0)).keySet().stream().map(quoting::quote).toList();
        List<PartitionInfo> partitions = rows.stream().map(row -> new PartitionInfo(row, "", Optional.empty())).toList();
        return Optional.of(new TablePartitions("VALUE", keys, partitions));
    }

    /** The latest of {@code SHOW PARTITIONS}'s rows and its predicate (see the class comment), empty when there are none. */
    public static Optional<LatestPartition> latestFromRows(IdentifierQuoting quoting, List<String> rows) {
        requireNonNull(quoting, "quoting is null");
        Comparator<String> byValues = Comparator.comparing(row -> orderKey(parseSpec(row)), Partitions.BOUND_ORDER);
        return rows.stream().max(byValues).map(row -> {
            Map<String, String> spec = parseSpec(row);
            List<String> columns = List.copyOf(spec.keySet());
            List<String> values = spec.values().stream().map(v -> v.equals(DEFAULT_PARTITION) ? "NULL" : Partitions.quoteString(v)).toList();
            return new LatestPartition(row, columns.stream().map(quoting::quote).toList(), values, Optional.empty(), Optional.empty(),
                    Partitions.valuePredicate(quoting, columns, values));
        });
    }

    /** Values as literals that order well: numbers bare, NULL for the default partition, text quoted. */
    private static List<String> orderKey(Map<String, String> spec) {
        List<String> key = new ArrayList<>();
        for (String value : spec.values()) {
            if (value.equals(DEFAULT_PARTITION)) {
                key.add("NULL");
            } else if (value.matches("-?\\d+(\\.\\d+)?")) {
                key.add(value);
            } else {
                key.add(Partitions.quoteString(value));
            }
        }
        return key;
    }

    /** The rows of {@link #showPartitionsSql}; empty when Hive refuses it (a table that is not partitioned, or none). */
    public static List<String> showPartitions(Connection connection, IdentifierQuoting quoting, TableName table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(showPartitionsSql(quoting, table))) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e; // the connection failed: not an answer about the table
            }
            return List.of(); // "Table ... is not a partitioned table" and the like
        }
        return rows;
    }

    /** {@link #fromRows} of {@link #showPartitions}. */
    public static Optional<TablePartitions> partitions(Connection connection, IdentifierQuoting quoting, TableName table) throws SQLException {
        return fromRows(quoting, showPartitions(connection, quoting, table));
    }

    /** {@link #latestFromRows} of {@link #showPartitions}. */
    public static Optional<LatestPartition> latestPartition(Connection connection, IdentifierQuoting quoting, TableName table) throws SQLException {
        return latestFromRows(quoting, showPartitions(connection, quoting, table));
    }

    /**
     * Superset's {@code extra_table_metadata} for Hive: {@code partitionColumns}, {@code partitionQuery} ({@link #showPartitionsSql}),
     * {@code partitionCount} and {@code latestPartition} (column → literal); empty for a table that is not partitioned.
     */
    public static Map<String, Object> extraTableMetadata(Connection connection, IdentifierQuoting quoting, TableName table) throws SQLException {
        List<String> rows = showPartitions(connection, quoting, table);
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<String, String> first = parseSpec(rows.get(0));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("partitionColumns", List.copyOf(first.keySet()));
        extra.put("partitionQuery", showPartitionsSql(quoting, table));
        extra.put("partitionCount", rows.size());
        Map<String, Object> latest = new LinkedHashMap<>();
        latestFromRows(quoting, rows).ifPresent(found -> {
            List<String> columns = List.copyOf(parseSpec(found.partition()).keySet());
            for (int i = 0; i < columns.size(); i++) {
                latest.put(columns.get(i), found.values().get(i));
            }
        });
        extra.put("latestPartition", latest);
        return extra;
    }
}
