package dev.dbspec.plugin.bigquery;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import dev.dbspec.plugin.family.Partitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * BigQuery's partitions from {@code INFORMATION_SCHEMA.PARTITIONS} and {@code INFORMATION_SCHEMA.COLUMNS} of the table's
 * dataset ({@code `project`.`dataset`.INFORMATION_SCHEMA...}, the table name a query parameter). Spec only: not run against
 * BigQuery here.
 *
 * <p>Time-unit partitions have ids {@code yyyy} (YEAR), {@code yyyyMM} (MONTH), {@code yyyyMMdd} (DAY) and {@code yyyyMMddHH}
 * (HOUR), which order as text; {@code __NULL__} and {@code __UNPARTITIONED__} (the streaming buffer) are never the latest. The
 * latest partition is the greatest id whose {@code total_rows} is above zero (BigQuery keeps that count in the metadata, no
 * data is read); its predicate is {@code col >= start AND col < start + unit} with literals of the column's type
 * ({@code DATE '...'}, {@code DATETIME '...'}, {@code CAST('...' AS TIMESTAMP)}), on {@code _PARTITIONTIME} for
 * ingestion-time partitioning. Integer-range partitions have no latest here: the id gives the range's start, not its end.
 */
public final class BigQueryPartitions {
    private BigQueryPartitions() {
    }

    /** {@code `project`.`dataset`.INFORMATION_SCHEMA.} (project and dataset when given). */
    public static String informationSchema(IdentifierQuoting quoting, TableName table) {
        requireNonNull(quoting, "quoting is null");
        StringBuilder prefix = new StringBuilder();
        table.catalog().ifPresent(project -> prefix.append(quoting.quote(project)).append('.'));
        table.schema().ifPresent(dataset -> prefix.append(quoting.quote(dataset)).append('.'));
        return prefix.append("INFORMATION_SCHEMA.").toString();
    }

    /** The partitioning and clustering columns; {@code ?} the table name. */
    public static String columnsSql(IdentifierQuoting quoting, TableName table) {
        return "SELECT column_name, data_type, is_partitioning_column, clustering_ordinal_position FROM " + informationSchema(quoting, table)
                + "COLUMNS WHERE table_name = ? AND (is_partitioning_column = 'YES' OR clustering_ordinal_position IS NOT NULL)"
                + " ORDER BY clustering_ordinal_position";
    }

    /** Every partition with its row count; {@code ?} the table name. */
    public static String partitionsSql(IdentifierQuoting quoting, TableName table) {
        return "SELECT partition_id, total_rows FROM " + informationSchema(quoting, table) + "PARTITIONS WHERE table_name = ? ORDER BY partition_id";
    }

    /** The greatest partition id holding rows; {@code ?} the table name. */
    public static String latestPartitionSql(IdentifierQuoting quoting, TableName table) {
        return "SELECT partition_id FROM " + informationSchema(quoting, table) + "PARTITIONS WHERE table_name = ?"
                + " AND partition_id NOT IN ('__NULL__', '__UNPARTITIONED__') AND total_rows > 0 ORDER BY partition_id DESC LIMIT 1";
    }

    /**
     * The latest partition {@code partitionId} of a table partitioned on {@code column} of {@code dataType} (empty column:
     * ingestion time, {@code _PARTITIONTIME}); empty for integer ranges and ids that are no time unit.
     */
    public static Optional<LatestPartition> latestFromId(EngineSpec spec, Optional<String> column, Optional<String> dataType, String partitionId) {
        requireNonNull(spec, "spec is null");
        String id = partitionId.trim();
        if (!id.matches("\\d{4}|\\d{6}|\\d{8}|\\d{10}")) {
            return Optional.empty();
        }
        String type = dataType.orElse("TIMESTAMP").toUpperCase(Locale.ROOT);
        if (!type.equals("DATE") && !type.equals("DATETIME") && !type.equals("TIMESTAMP")) {
            return Optional.empty(); // INT64: an integer range, whose end the id does not give
        }
        int year = Integer.parseInt(id.substring(0, 4));
        LocalDateTime start;
        ChronoUnit unit;
        switch (id.length()) {
            case 4 -> {
                start = LocalDate.of(year, 1, 1).atStartOfDay();
                unit = ChronoUnit.YEARS;
            }
            case 6 -> {
                start = LocalDate.of(year, Integer.parseInt(id.substring(4, 6)), 1).atStartOfDay();
                unit = ChronoUnit.MONTHS;
            }
            case 8 -> {
                start = LocalDate.of(year, Integer.parseInt(id.substring(4, 6)), Integer.parseInt(id.substring(6, 8))).atStartOfDay();
                unit = ChronoUnit.DAYS;
            }
            default -> {
                start = LocalDate.of(year, Integer.parseInt(id.substring(4, 6)), Integer.parseInt(id.substring(6, 8))).atTime(Integer.parseInt(id.substring(8, 10)), 0);
                unit = ChronoUnit.HOURS;
            }
        }
        LocalDateTime end = start.plus(1, unit);
        String lower = literal(spec, type, start);
        String upper = literal(spec, type, end);
        String key = column.map(spec.identifierQuoting()::quote).orElse("_PARTITIONTIME");
        return Optional.of(new LatestPartition(id, List.of(key), List.of(), Optional.of(lower), Optional.of(upper),
                Partitions.rangePredicate(List.of(key), List.of(lower), List.of(upper))));
    }

    private static String literal(EngineSpec spec, String type, LocalDateTime value) {
        return type.equals("DATE")
                ? spec.datetimeLiteral(type, value.toLocalDate()).orElseThrow()
                : spec.datetimeLiteral(type, value).orElseThrow();
    }

    private record Columns(Optional<String> partitionColumn, Optional<String> partitionType, List<String> clustering) {
    }

    private static Columns columns(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<String> column = Optional.empty();
        Optional<String> type = Optional.empty();
        List<String> clustering = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(columnsSql(spec.identifierQuoting(), table))) {
            statement.setString(1, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if ("YES".equalsIgnoreCase(rs.getString(3))) {
                        column = Optional.of(rs.getString(1));
                        type = Optional.of(rs.getString(2));
                    }
                    rs.getLong(4);
                    if (!rs.wasNull()) {
                        clustering.add(rs.getString(1));
                    }
                }
            }
        }
        return new Columns(column, type, clustering);
    }

    /** {@link #partitionsSql}: method VALUE (time unit or integer range), the partitioning column (or {@code _PARTITIONTIME}); empty when unpartitioned. */
    public static Optional<TablePartitions> partitions(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        List<PartitionInfo> partitions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(partitionsSql(spec.identifierQuoting(), table))) {
            statement.setString(1, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    long rows = rs.getLong(2);
                    boolean noRows = rs.wasNull();
                    if (id != null) { // an unpartitioned table has one partition with a NULL id
                        partitions.add(new PartitionInfo(id, "", noRows ? Optional.empty() : Optional.of(rows)));
                    }
                }
            }
        }
        if (partitions.isEmpty()) {
            return Optional.empty();
        }
        Columns columns = columns(connection, spec, table);
        return Optional.of(new TablePartitions("VALUE", List.of(columns.partitionColumn().map(spec.identifierQuoting()::quote).orElse("_PARTITIONTIME")),
                partitions));
    }

    /** {@link #latestPartitionSql}, then {@link #latestFromId} with the partitioning column of {@link #columnsSql}. */
    public static Optional<LatestPartition> latestPartition(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        String id;
        try (PreparedStatement statement = connection.prepareStatement(latestPartitionSql(spec.identifierQuoting(), table))) {
            statement.setString(1, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                id = rs.getString(1);
            }
        }
        Columns columns = columns(connection, spec, table);
        return latestFromId(spec, columns.partitionColumn(), columns.partitionType(), id);
    }

    /** Superset's BigQuery {@code extra_table_metadata}: {@code partitionColumns} and {@code clusteringColumns}; empty when neither. */
    public static Map<String, Object> extraTableMetadata(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Columns columns = columns(connection, spec, table);
        if (columns.partitionColumn().isEmpty() && columns.clustering().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("partitionColumns", columns.partitionColumn().map(List::of).orElse(List.of()));
        extra.put("clusteringColumns", columns.clustering());
        return extra;
    }
}
