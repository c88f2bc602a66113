package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Presto's and Trino's partitions of Hive-connector tables from the hidden {@code "schema"."table$partitions"} table, whose
 * columns are the partition columns and whose rows are the partitions (Trino docs, Hive connector, "Metadata tables").
 * Spec only: not run against a live Presto or Trino here. A table without that hidden table (another connector, or a table
 * that is not partitioned) has no partitions: the engine's "table not found" is answered as empty.
 *
 * <p>The latest partition is, as in Superset's {@code PrestoBaseEngineSpec.latest_partition}, the first row of
 * {@code SELECT * FROM "schema"."table$partitions" ORDER BY "k1" DESC, "k2" DESC LIMIT 1}; its predicate is
 * {@code "k1" = v1 AND "k2" = v2} with each value a literal of its column's type ({@code 'text'}, {@code 5},
 * {@code DATE '2024-01-01'}, {@code IS NULL} for NULL).
 */
public final class PrestoPartitions {
    private PrestoPartitions() {
    }

    /** {@code "catalog"."schema"."table$partitions"} (catalog and schema when given). */
    public static String partitionsTable(IdentifierQuoting quoting, TableName table) {
        requireNonNull(quoting, "quoting is null");
        StringBuilder name = new StringBuilder();
        table.catalog().ifPresent(catalog -> name.append(quoting.quote(catalog)).append('.'));
        table.schema().ifPresent(schema -> name.append(quoting.quote(schema)).append('.'));
        return name.append(quoting.quote(table.name() + "$partitions")).toString();
    }

    /** {@code SELECT * FROM "schema"."table$partitions"}. */
    public static String partitionsSql(IdentifierQuoting quoting, TableName table) {
        return "SELECT * FROM " + partitionsTable(quoting, table);
    }

    /** {@code SELECT * FROM "schema"."table$partitions" ORDER BY "k1" DESC, "k2" DESC LIMIT 1}. */
    public static String latestPartitionSql(IdentifierQuoting quoting, TableName table, List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no partition columns");
        }
        return partitionsSql(quoting, table) + " ORDER BY " + String.join(", ", columns.stream().map(c -> quoting.quote(c) + " DESC").toList())
                + " LIMIT 1";
    }

    /**
     * {@code value} (as the driver's {@code getString} gives it, null for NULL) as a literal of a column of {@code typeName}:
     * numbers and booleans bare, dates and timestamps through {@link EngineSpec#datetimeLiteral(String, java.time.temporal.TemporalAccessor)},
     * anything else a quoted string.
     */
    public static String valueLiteral(EngineSpec spec, String typeName, String value) {
        if (value == null) {
            return "NULL";
        }
        String type = typeName.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").trim();
        switch (type) {
            case "tinyint", "smallint", "integer", "int", "bigint", "real", "double", "decimal" -> {
                return value;
            }
            case "boolean" -> {
                return value.toUpperCase(Locale.ROOT);
            }
            default -> {
                if (type.startsWith("date") || type.startsWith("timestamp")) {
                    String literal = Partitions.literalFor(spec, Optional.of(typeName), Partitions.quoteString(value));
                    if (!literal.startsWith("'")) {
                        return literal;
                    }
                }
                return Partitions.quoteString(value);
            }
        }
    }

    /** The Hive-style name of a partition row: {@code ds=2024-01-01/hour=5}, {@code __HIVE_DEFAULT_PARTITION__} for NULL. */
    public static String partitionName(List<String> columns, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(columns.get(i) + "=" + (values.get(i) == null ? HivePartitions.DEFAULT_PARTITION : values.get(i)));
        }
        return String.join("/", parts);
    }

    /** The latest partition of one row of {@link #latestPartitionSql}: columns, their type names and the row's values. */
    public static LatestPartition latestFromRow(EngineSpec spec, List<String> columns, List<String> types, List<String> values) {
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            literals.add(valueLiteral(spec, types.get(i), values.get(i)));
        }
        IdentifierQuoting quoting = spec.identifierQuoting();
        return new LatestPartition(partitionName(columns, values), columns.stream().map(quoting::quote).toList(), literals,
                Optional.empty(), Optional.empty(), Partitions.valuePredicate(quoting, columns, literals));
    }

    private record Rows(List<String> columns, List<String> types, List<List<String>> rows) {
    }

    /** Runs {@code sql}; empty when the engine refuses it for any reason but a broken connection (no {@code $partitions} table). */
    private static Optional<Rows> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                types.add(meta.getColumnTypeName(i));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return Optional.of(new Rows(columns, types, rows));
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** {@link #partitionsSql}: method VALUE, keys the quoted partition columns, one partition per row named as {@link #partitionName}. */
    public static Optional<TablePartitions> partitions(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Rows> rows = query(connection, partitionsSql(spec.identifierQuoting(), table));
        if (rows.isEmpty() || rows.get().columns().isEmpty()) {
            return Optional.empty();
        }
        List<PartitionInfo> partitions = rows.get().rows().stream()
                .map(row -> new PartitionInfo(partitionName(rows.get().columns(), row), "", Optional.empty())).toList();
        return Optional.of(new TablePartitions("VALUE", rows.get().columns().stream().map(spec.identifierQuoting()::quote).toList(), partitions));
    }

    /** {@code ... LIMIT 0} for the partition columns, then {@link #latestPartitionSql}. */
    public static Optional<LatestPartition> latestPartition(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Rows> shape = query(connection, partitionsSql(spec.identifierQuoting(), table) + " LIMIT 0");
        if (shape.isEmpty() || shape.get().columns().isEmpty()) {
            return Optional.empty();
        }
        Optional<Rows> latest = query(connection, latestPartitionSql(spec.identifierQuoting(), table, shape.get().columns()));
        if (latest.isEmpty() || latest.get().rows().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(latestFromRow(spec, latest.get().columns(), latest.get().types(), latest.get().rows().get(0)));
    }

    /**
     * Superset's {@code extra_table_metadata} for Presto and Trino: {@code partitionColumns}, {@code partitionQuery} (the latest
     * partition's SQL) and {@code latestPartition} (column → literal); empty for a table without partitions.
     */
    public static Map<String, Object> extraTableMetadata(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Rows> shape = query(connection, partitionsSql(spec.identifierQuoting(), table) + " LIMIT 0");
        if (shape.isEmpty() || shape.get().columns().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("partitionColumns", shape.get().columns());
        extra.put("partitionQuery", latestPartitionSql(spec.identifierQuoting(), table, shape.get().columns()));
        Map<String, Object> latest = new LinkedHashMap<>();
        latestPartition(connection, spec, table).ifPresent(found -> {
            for (int i = 0; i < shape.get().columns().size(); i++) {
                latest.put(shape.get().columns().get(i), found.values().get(i));
            }
        });
        extra.put("latestPartition", latest.isEmpty() ? null : latest);
        return extra;
    }
}
