package dev.dbspec.plugin.questdb;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TablePartitions;
import dev.dbspec.api.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * QuestDB's own catalog functions, for the extra metadata of a table and its partitions: {@code tables()} (designated
 * timestamp, {@code partitionBy}, WAL, deduplication, TTL, ...), {@code table_columns('t')} (symbol, indexed and upsert-key
 * columns) and {@code table_partitions('t')} (one row per partition: name, time range, rows, attached). Columns of
 * QuestDB 9.3.4 (checked live).
 *
 * <p>QuestDB partitions a table by time ranges of its designated timestamp ({@code PARTITION BY HOUR|DAY|WEEK|MONTH|YEAR});
 * a partition exists only once a row lands in it. It is reported as a RANGE partitioning on that column
 * ({@code RANGE BY DAY}), each partition bounded by the start of its period and the start of the next.
 */
final class QuestdbTables {
    /** The timestamp literal QuestDB reads for a TIMESTAMP ({@code '2024-01-02T00:00:00.000000Z'}, UTC). */
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT);

    private QuestdbTables() {
    }

    /** One table's row of {@code tables()}. */
    private record Found(String name, String designatedTimestamp, String partitionBy, boolean wal, boolean dedup, int ttlValue,
                         String ttlUnit, boolean matView, String type, Long rows, long maxUncommittedRows, long o3MaxLag) {
    }

    /**
     * The table's row of {@code tables()}, matched without regard to case (as QuestDB matches names); empty when there
     * is none or the name is qualified with a schema other than QuestDB's one, {@code public}.
     */
    private static Optional<Found> find(Connection connection, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(table, "table is null");
        if (table.schema().isPresent() && !table.schema().get().equals("public")) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name, designatedTimestamp, partitionBy, walEnabled, "
                + "dedup, ttlValue, ttlUnit, matView, table_type, table_row_count, maxUncommittedRows, o3MaxLag FROM tables()");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(1).equalsIgnoreCase(table.name())) {
                    long rows = rs.getLong(10);
                    return Optional.of(new Found(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                            rs.getInt(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.wasNull() ? null : rows,
                            rs.getLong(11), rs.getLong(12)));
                }
            }
        }
        return Optional.empty();
    }

    /** A string literal of QuestDB ({@code 'it''s'}). */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A table partitioned by time: its designated timestamp is the key. */
    private static boolean partitioned(Found found) {
        return found.designatedTimestamp() != null && found.partitionBy() != null && !found.partitionBy().equals("NONE");
    }

    /** One row of {@code table_partitions}: the partition, its period's start, whether it holds rows. */
    private record Part(PartitionInfo info, LocalDateTime start, LocalDateTime end, boolean holdsRows) {
    }

    private static List<Part> parts(Connection connection, Found found) throws SQLException {
        List<Part> parts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, minTimestamp, numRows, attached FROM table_partitions("
                + literal(found.name()) + ") ORDER BY index");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String min = rs.getString(2);
                long rows = rs.getLong(3);
                if (!rs.getBoolean(4) || min == null) {
                    continue; // detached, or no row yet: no time range to report
                }
                LocalDateTime start = floor(LocalDateTime.parse(min.replace(' ', 'T')), found.partitionBy());
                LocalDateTime end = next(start, found.partitionBy());
                String bound = "FROM " + literal(LITERAL.format(start)) + " TO " + literal(LITERAL.format(end));
                parts.add(new Part(new PartitionInfo(rs.getString(1), bound, Optional.of(rows)), start, end, rows > 0));
            }
        }
        return parts;
    }

    /** The start of the partition period holding {@code at}. */
    static LocalDateTime floor(LocalDateTime at, String partitionBy) {
        return switch (partitionBy) {
            case "HOUR" -> at.truncatedTo(ChronoUnit.HOURS);
            case "DAY" -> at.truncatedTo(ChronoUnit.DAYS);
            case "WEEK" -> at.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "MONTH" -> at.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "YEAR" -> at.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            default -> throw new IllegalArgumentException("not a QuestDB partition period: " + partitionBy);
        };
    }

    /** The start of the period after the one starting at {@code start}. */
    static LocalDateTime next(LocalDateTime start, String partitionBy) {
        return switch (partitionBy) {
            case "HOUR" -> start.plusHours(1);
            case "DAY" -> start.plusDays(1);
            case "WEEK" -> start.plusWeeks(1);
            case "MONTH" -> start.plusMonths(1);
            case "YEAR" -> start.plusYears(1);
            default -> throw new IllegalArgumentException("not a QuestDB partition period: " + partitionBy);
        };
    }

    /** {@code RANGE BY <period>} on the designated timestamp, from {@code table_partitions}; empty for a table without partitions. */
    static Optional<TablePartitions> partitions(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Found> found = find(connection, table);
        if (found.isEmpty() || !partitioned(found.get())) {
            return Optional.empty();
        }
        return Optional.of(new TablePartitions("RANGE BY " + found.get().partitionBy(),
                List.of(spec.identifierQuoting().quote(found.get().designatedTimestamp())),
                parts(connection, found.get()).stream().map(Part::info).toList()));
    }

    /**
     * The last partition holding rows (by its row count in {@code table_partitions}, catalog data), with the predicate
     * {@code "ts" >= start AND "ts" < next start}.
     */
    static Optional<LatestPartition> latestPartition(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Found> found = find(connection, table);
        if (found.isEmpty() || !partitioned(found.get())) {
            return Optional.empty();
        }
        List<Part> parts = parts(connection, found.get());
        Optional<Part> latest = parts.stream().filter(Part::holdsRows).reduce((a, b) -> b.start().isBefore(a.start()) ? a : b);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        String key = spec.identifierQuoting().quote(found.get().designatedTimestamp());
        String lower = literal(LITERAL.format(latest.get().start()));
        String upper = literal(LITERAL.format(latest.get().end()));
        return Optional.of(new LatestPartition(latest.get().info().name(), List.of(key), List.of(), Optional.of(lower), Optional.of(upper),
                key + " >= " + lower + " AND " + key + " < " + upper));
    }

    /**
     * QuestDB's settings of the table from {@code tables()}, its symbol, indexed and upsert-key columns from
     * {@code table_columns}, and its partitioning; empty when there is no such table.
     */
    static Map<String, Object> extraTableMetadata(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Found> found = find(connection, table);
        if (found.isEmpty()) {
            return Map.of();
        }
        Found t = found.get();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("kind", switch (String.valueOf(t.type())) {
            case "T" -> "table";
            case "V" -> "view";
            case "M" -> "materialized view";
            default -> t.matView() ? "materialized view" : String.valueOf(t.type());
        });
        extra.put("designatedTimestamp", t.designatedTimestamp());
        extra.put("partitionBy", t.partitionBy());
        extra.put("walEnabled", t.wal());
        extra.put("dedup", t.dedup());
        extra.put("ttl", t.ttlValue() == 0 ? null : t.ttlValue() + " " + t.ttlUnit());
        extra.put("maxUncommittedRows", t.maxUncommittedRows());
        extra.put("o3MaxLagMicros", t.o3MaxLag());
        extra.put("rows", t.rows());
        List<String> symbols = new ArrayList<>();
        List<String> indexed = new ArrayList<>();
        List<String> upsertKeys = new ArrayList<>();
        if (!"V".equals(t.type())) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT \"column\", type, indexed, upsertKey FROM table_columns("
                    + literal(t.name()) + ")");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    if ("SYMBOL".equals(rs.getString(2))) {
                        symbols.add(column);
                    }
                    if (rs.getBoolean(3)) {
                        indexed.add(column);
                    }
                    if (rs.getBoolean(4)) {
                        upsertKeys.add(column);
                    }
                }
            }
        }
        extra.put("symbolColumns", symbols);
        extra.put("indexedColumns", indexed);
        extra.put("upsertKeys", upsertKeys);
        boolean partitioned = partitioned(t);
        extra.put("partitioned", partitioned);
        if (partitioned) {
            extra.put("partitionMethod", "RANGE BY " + t.partitionBy());
            extra.put("partitionKey", t.designatedTimestamp());
            extra.put("partitionCount", parts(connection, t).size());
        }
        return extra;
    }
}
