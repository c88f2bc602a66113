package dev.dbspec.testdb;

import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.timed;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Live checks of {@link Capability#EXTRA_TABLE_METADATA} ({@code extra-table-metadata}) and {@link Capability#LATEST_PARTITION}
 * ({@code latest-partition}), in the style of {@link LiveChecks}: a claimed capability must work on a scratch table, an absent
 * one must answer empty (an engine must not answer for a feature it does not claim).
 *
 * <p>The scratch table is partitioned where the kit knows the engine's DDL: the PostgreSQL family
 * ({@code CREATE TABLE t (k INTEGER NOT NULL, v INTEGER) PARTITION BY RANGE (k)}, partitions {@code FROM (0) TO (10)},
 * {@code (10) TO (20)}, {@code (20) TO (30)}) and the MySQL family ({@code PARTITION BY RANGE (k) (PARTITION p1 VALUES LESS THAN (10),
 * ...)}); rows go to the first two partitions, the third stays empty, so the latest partition is the second. ClickHouse
 * ({@code ENGINE = MergeTree() PARTITION BY intDiv(k, 10) ORDER BY k}) partitions by the key's value and makes a partition
 * only for a value that has rows: its partitions are {@code 0} and {@code 1} (method {@code VALUE}), the latest the second,
 * whose rows {@code system.parts} counts. A PostgreSQL-family member refusing the DDL gets QuestDB's time partitioning next
 * ({@code TIMESTAMP(ts) PARTITION BY DAY}: two days of rows, two partitions, the latest the second; see
 * {@code byDesignatedTimestamp}). Other engines (and family members refusing the DDL) get a plain table, on which the
 * latest partition must be empty. Every table is dropped, even when a check fails.
 */
public final class PartitionChecks {
    private final EngineSpec spec;
    private final LiveChecks.ConnectionSource source;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    public PartitionChecks(EngineSpec spec, LiveChecks.ConnectionSource source) {
        this.spec = requireNonNull(spec, "spec is null");
        this.source = requireNonNull(source, "source is null");
    }

    /** Both checks, in order. */
    public List<CheckResult> runAll() {
        return List.of(extraTableMetadata(), latestPartition());
    }

    /**
     * How a scratch table was made: partitioned (with its partitioning method, the names of its partitions and a query
     * counting the rows of the second, the latest) or plain.
     */
    private record Scratch(String table, boolean partitioned, String method, List<String> partitions, String latestRowsSql, List<String> drops) {
        static Scratch plain(String table) {
            return new Scratch(table, false, "", List.of(), "", List.of("DROP TABLE " + table));
        }
    }

    /**
     * {@code extra-table-metadata}: when claimed, {@link EngineSpec#extraTableMetadata} of the scratch table is not empty and
     * JSON-friendly, is empty for a table that does not exist, and on a partitioned scratch table {@link EngineSpec#partitions}
     * reports its method (RANGE, VALUE on ClickHouse) with its partitions; when not claimed, both answer empty.
     */
    public CheckResult extraTableMetadata() {
        boolean claimed = spec.has(Capability.EXTRA_TABLE_METADATA);
        return timed("extra-table-metadata", "extra table metadata (partitioning, storage, options)", () -> {
            try (Connection connection = source.open()) {
                Scratch scratch = create(connection, "dbspec_xm_" + suffix);
                try {
                    TableName name = tableName(connection, scratch.table());
                    Map<String, Object> extra = spec.extraTableMetadata(connection, name);
                    Optional<TablePartitions> partitions = spec.partitions(connection, name);
                    if (!claimed) {
                        return extra.isEmpty() && partitions.isEmpty() ? pass("not claimed: answers empty")
                                : fail("not claimed, yet answers " + (extra.isEmpty() ? "partitions " + partitions.get() : "extra " + extra));
                    }
                    if (extra.isEmpty()) {
                        return fail("claimed, but the extra metadata of " + name + " is empty");
                    }
                    Optional<String> unfriendly = notJsonFriendly(extra);
                    if (unfriendly.isPresent()) {
                        return fail("not JSON-friendly: " + unfriendly.get());
                    }
                    Map<String, Object> missing = spec.extraTableMetadata(connection, tableName(connection, scratch.table() + "_none"));
                    if (!missing.isEmpty()) {
                        return fail("a table that does not exist answers " + missing);
                    }
                    if (scratch.partitioned()) {
                        if (partitions.isEmpty()) {
                            return fail("the partitioned scratch table reports no partitions");
                        }
                        List<String> names = partitions.get().partitions().stream().map(PartitionInfo::name).toList();
                        if (!partitions.get().method().startsWith(scratch.method()) || !names.equals(scratch.partitions())) {
                            return fail("expected " + scratch.method() + " " + scratch.partitions() + ", got " + partitions.get().method() + " " + names);
                        }
                    } else if (partitions.isPresent()) {
                        return fail("a plain table reports partitions " + partitions.get());
                    }
                    return pass((scratch.partitioned() ? "partitioned: " + partitions.get().method() + " " + partitions.get().keys() + "; " : "")
                            + "keys " + extra.keySet());
                } finally {
                    drop(connection, scratch);
                }
            }
        });
    }

    /**
     * {@code latest-partition}: when claimed, the latest partition of the partitioned scratch table is the second (the third
     * is empty) and its predicate counts exactly that partition's rows; a plain table has none. When not claimed, the answer is
     * empty. A claimed capability on an engine whose DDL the kit does not know is reported as skipped (not checkable).
     */
    public CheckResult latestPartition() {
        boolean claimed = spec.has(Capability.LATEST_PARTITION);
        return timed("latest-partition", "latest partition and its WHERE predicate", () -> {
            try (Connection connection = source.open()) {
                Scratch scratch = create(connection, "dbspec_lp_" + suffix);
                try (Statement statement = connection.createStatement()) {
                    TableName name = tableName(connection, scratch.table());
                    Optional<LatestPartition> latest = spec.latestPartition(connection, name);
                    if (!claimed) {
                        return latest.isEmpty() ? pass("not claimed: answers empty") : fail("not claimed, yet answers " + latest.get());
                    }
                    if (!scratch.partitioned()) {
                        return latest.isPresent() ? fail("a plain table answers " + latest.get())
                                : Checks.notCheckable("claimed, not checkable: the kit has no partitioned-table DDL for "
                                        + spec.sqlFamily() + " (a plain table answers empty)");
                    }
                    if (latest.isEmpty()) {
                        return fail("claimed, but no latest partition for " + name);
                    }
                    String expected = scratch.partitions().get(1);
                    if (!latest.get().partition().equals(expected)) {
                        return fail("expected " + expected + " (the last partition holding rows), got " + latest.get().partition());
                    }
                    long byPredicate = count(statement, "SELECT count(*) FROM " + scratch.table() + " WHERE " + latest.get().predicate());
                    long inPartition = count(statement, scratch.latestRowsSql());
                    if (byPredicate != inPartition || inPartition != 3) {
                        return fail("WHERE " + latest.get().predicate() + " counts " + byPredicate + " rows, the partition holds " + inPartition);
                    }
                    return pass(latest.get().partition() + ": WHERE " + latest.get().predicate() + " counts its " + inPartition + " rows");
                } finally {
                    drop(connection, scratch);
                }
            }
        });
    }

    /**
     * A RANGE-partitioned table where the family's DDL is known and accepted, else a plain one. Each attempt has its own
     * statement: some drivers (DuckDB's) close a statement whose execution failed.
     */
    private Scratch create(Connection connection, String table) throws SQLException {
        String stored = spec.identifierQuoting().normalizeUnquoted(table);
        try (Statement statement = connection.createStatement()) {
            if (spec.sqlFamily() == SqlFamily.POSTGRESQL) {
                statement.execute("CREATE TABLE " + table + " (k INTEGER NOT NULL, v INTEGER) PARTITION BY RANGE (k)");
                List<String> partitions = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    statement.execute("CREATE TABLE " + table + "_p" + i + " PARTITION OF " + table + " FOR VALUES FROM (" + (i - 1) * 10
                            + ") TO (" + i * 10 + ")");
                    partitions.add(stored + "_p" + i);
                }
                fill(statement, table);
                return new Scratch(table, true, "RANGE", partitions, "SELECT count(*) FROM " + partitions.get(1), List.of("DROP TABLE " + table));
            }
            if (spec.sqlFamily() == SqlFamily.MYSQL) {
                statement.execute("CREATE TABLE " + table + " (k INTEGER NOT NULL, v INTEGER) PARTITION BY RANGE (k) (PARTITION p1 VALUES LESS THAN (10),"
                        + " PARTITION p2 VALUES LESS THAN (20), PARTITION p3 VALUES LESS THAN (30))");
                fill(statement, table);
                return new Scratch(table, true, "RANGE", List.of("p1", "p2", "p3"), "SELECT count(*) FROM " + table + " PARTITION (p2)",
                        List.of("DROP TABLE " + table));
            }
            if (spec.sqlFamily() == SqlFamily.CLICKHOUSE) {
                statement.execute("CREATE TABLE " + table + " (k Int32, v Int32) ENGINE = MergeTree() PARTITION BY intDiv(k, 10) ORDER BY k");
                fill(statement, table);
                // the catalog's count of the partition's rows, which the predicate's count must match
                return new Scratch(table, true, "VALUE", List.of("0", "1"), "SELECT sum(rows) FROM system.parts WHERE active AND database = "
                        + "currentDatabase() AND table = '" + stored + "' AND partition = '1'", List.of("DROP TABLE " + table));
            }
        } catch (SQLException refused) {
            // a family member without declarative partitioning (DuckDB, Redshift, CockroachDB...): QuestDB's form next, else a plain table
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + table);
            } catch (SQLException ignored) {
                // it was not created
            }
        }
        if (spec.sqlFamily() == SqlFamily.POSTGRESQL) {
            Optional<Scratch> byTime = byDesignatedTimestamp(connection, table);
            if (byTime.isPresent()) {
                return byTime.get();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(spec.scratchTableSql(table, "k INTEGER NOT NULL, v INTEGER"));
            fill(statement, table);
        }
        return Scratch.plain(table);
    }

    /**
     * QuestDB's partitioning, by periods of a designated timestamp ({@code TIMESTAMP(ts) PARTITION BY DAY}, written without
     * WAL so that rows are visible once inserted): the rows of k below 10 on 2024-01-01, the others on 2024-01-02. A
     * partition exists only once a row lands in it, so there are two, and the latest is the second; its rows are counted
     * with QuestDB's own interval filter ({@code ts IN '2024-01-02'}). Empty when the engine refuses the DDL.
     */
    private Optional<Scratch> byDesignatedTimestamp(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (k INTEGER NOT NULL, v INTEGER, ts TIMESTAMP) TIMESTAMP(ts) PARTITION BY DAY BYPASS WAL");
        } catch (SQLException refused) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement()) {
            for (int k : new int[] {1, 2, 11, 12, 13}) {
                statement.execute("INSERT INTO " + table + " (k, v, ts) VALUES (" + k + ", " + k + ", '2024-01-0" + (k < 10 ? 1 : 2)
                        + "T0" + (k % 10) + ":00:00.000000Z')");
            }
        } catch (SQLException e) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + table);
            }
            throw e;
        }
        return Optional.of(new Scratch(table, true, "RANGE", List.of("2024-01-01", "2024-01-02"),
                "SELECT count(*) FROM " + table + " WHERE ts IN '2024-01-02'", List.of("DROP TABLE " + table)));
    }

    /** Two rows in the first partition, three in the second, none in the third. */
    private static void fill(Statement statement, String table) throws SQLException {
        for (int k : new int[] {1, 2, 11, 12, 13}) {
            statement.execute("INSERT INTO " + table + " (k, v) VALUES (" + k + ", " + k + ")");
        }
    }

    private static void drop(Connection connection, Scratch scratch) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : scratch.drops()) {
                statement.execute(sql);
            }
        }
    }

    private TableName tableName(Connection connection, String table) throws SQLException {
        return new TableName(Optional.ofNullable(connection.getCatalog()), Optional.ofNullable(connection.getSchema()),
                spec.identifierQuoting().normalizeUnquoted(table));
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first value that is not a String, Number, Boolean, null, List or Map of them. */
    static Optional<String> notJsonFriendly(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    return Optional.of("key " + entry.getKey());
                }
                Optional<String> inner = notJsonFriendly(entry.getValue());
                if (inner.isPresent()) {
                    return Optional.of(entry.getKey() + ": " + inner.get());
                }
            }
            return Optional.empty();
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                Optional<String> inner = notJsonFriendly(item);
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        return Optional.of(value.getClass().getName());
    }
}
