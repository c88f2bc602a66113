package dev.dbspec.plugin.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The MySQL family's partitions ({@code information_schema.PARTITIONS}), latest partition ({@code SELECT 1 ... PARTITION (p)
 * LIMIT 1}) and extra metadata on live MariaDB: RANGE on YEAR() with an empty last partition and MAXVALUE, RANGE COLUMNS
 * on a date, LIST with NULL, HASH, subpartitions and a plain table. Each predicate's row count equals the partition's.
 */
class MariadbPartitionsTest {
    private final MariadbEngineSpec spec = new MariadbEngineSpec();

    @Test
    void capabilitiesAreClaimed() {
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION);
    }

    @Test
    void rangeOnYearAndRangeColumnsOnDate() throws Exception {
        String s = suffix();
        String year = "part_y_" + s;
        String cols = "part_c_" + s;
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE " + year + " (d DATE, v INT) PARTITION BY RANGE (YEAR(d)) (PARTITION p2022 VALUES LESS THAN (2023),"
                        + " PARTITION p2023 VALUES LESS THAN (2024), PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE)");
                statement.execute("INSERT INTO " + year + " VALUES ('2021-06-01', 1), (NULL, 2), ('2023-01-01', 3), ('2023-12-31', 4), ('2024-05-05', 5)");
                TablePartitions partitions = spec.partitions(connection, new TableName(Optional.of("test"), Optional.empty(), year)).orElseThrow();
                assertThat(partitions.method()).isEqualTo("RANGE");
                assertThat(partitions.keys()).containsExactly("year(`d`)");
                assertThat(partitions.partitions()).extracting(PartitionInfo::name).containsExactly("p2022", "p2023", "p2024", "pmax");
                assertThat(partitions.partitions()).extracting(PartitionInfo::bound).containsExactly("2023", "2024", "2025", "MAXVALUE");
                assertThat(partitions.partitions().get(0).rows()).isPresent();

                LatestPartition latest = spec.latestPartition(connection, TableName.of(null, year)).orElseThrow();
                assertThat(latest.partition()).as("pmax is empty").isEqualTo("p2024");
                assertThat(latest.lowerBound()).contains("2024");
                assertThat(latest.upperBound()).contains("2025");
                assertThat(latest.predicate()).isEqualTo("year(`d`) >= 2024 AND year(`d`) < 2025");
                assertThat(count(statement, year, latest.predicate())).isEqualTo(1).isEqualTo(countPartition(statement, year, "p2024"));

                statement.execute("INSERT INTO " + year + " VALUES ('2099-01-01', 6)");
                LatestPartition max = spec.latestPartition(connection, TableName.of(null, year)).orElseThrow();
                assertThat(max.partition()).isEqualTo("pmax");
                assertThat(max.upperBound()).isEmpty();
                assertThat(max.predicate()).isEqualTo("year(`d`) >= 2025");
                assertThat(count(statement, year, max.predicate())).isEqualTo(1);

                statement.execute("DELETE FROM " + year + " WHERE YEAR(d) >= 2023");
                LatestPartition first = spec.latestPartition(connection, TableName.of(null, year)).orElseThrow();
                assertThat(first.partition()).isEqualTo("p2022");
                assertThat(first.predicate()).as("NULL goes to the first partition").isEqualTo("(year(`d`) < 2023 OR year(`d`) IS NULL)");
                assertThat(count(statement, year, first.predicate())).isEqualTo(2).isEqualTo(countPartition(statement, year, "p2022"));

                statement.execute("CREATE TABLE " + cols + " (d DATE NOT NULL, v INT) PARTITION BY RANGE COLUMNS (d) ("
                        + "PARTITION p01 VALUES LESS THAN ('2024-02-01'), PARTITION p02 VALUES LESS THAN ('2024-03-01'),"
                        + " PARTITION p03 VALUES LESS THAN ('2024-04-01'))");
                statement.execute("INSERT INTO " + cols + " VALUES ('2024-01-10', 1), ('2024-02-01', 2), ('2024-02-29', 3)");
                LatestPartition columns = spec.latestPartition(connection, TableName.of("test", cols)).orElseThrow();
                assertThat(columns.partition()).isEqualTo("p02");
                assertThat(columns.keys()).containsExactly("`d`");
                assertThat(columns.predicate()).isEqualTo("`d` >= STR_TO_DATE('2024-02-01', '%Y-%m-%d') AND `d` < STR_TO_DATE('2024-03-01', '%Y-%m-%d')");
                assertThat(count(statement, cols, columns.predicate())).isEqualTo(2).isEqualTo(countPartition(statement, cols, "p02"));
                assertThat(spec.partitions(connection, TableName.of("test", cols)).orElseThrow().method()).isEqualTo("RANGE COLUMNS");

                Map<String, Object> extra = spec.extraTableMetadata(connection, TableName.of("test", year));
                assertThat(extra).containsEntry("engine", "InnoDB").containsEntry("tableType", "BASE TABLE").containsEntry("partitioned", true)
                        .containsEntry("partitionMethod", "RANGE").containsEntry("partitionKey", "year(`d`)").containsEntry("partitionCount", 4)
                        .containsKeys("rowFormat", "collation", "rowsEstimate", "dataBytes", "indexBytes", "createTime");
                assertThat((String) extra.get("createOptions")).contains("partitioned");
            } finally {
                statement.execute("DROP TABLE IF EXISTS " + year + ", " + cols);
            }
        }
    }

    @Test
    void listHashSubpartitionsAndPlain() throws Exception {
        String s = suffix();
        String list = "part_l_" + s;
        String hash = "part_h_" + s;
        String sub = "part_s_" + s;
        String plain = "part_p_" + s;
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE " + list + " (v INT) PARTITION BY LIST (v) (PARTITION a VALUES IN (1, 2, NULL),"
                        + " PARTITION b VALUES IN (10, 3), PARTITION c VALUES IN (20))");
                statement.execute("INSERT INTO " + list + " VALUES (1), (NULL), (2), (3)");
                LatestPartition latest = spec.latestPartition(connection, TableName.of("test", list)).orElseThrow();
                assertThat(latest.partition()).as("c is empty, b lists 10").isEqualTo("b");
                assertThat(latest.values()).containsExactlyInAnyOrder("3", "10");
                assertThat(count(statement, list, latest.predicate())).isEqualTo(1).isEqualTo(countPartition(statement, list, "b"));
                statement.execute("DELETE FROM " + list + " WHERE v = 3");
                LatestPartition a = spec.latestPartition(connection, TableName.of("test", list)).orElseThrow();
                assertThat(a.partition()).isEqualTo("a");
                assertThat(a.predicate()).isEqualTo("(`v` IN (1, 2) OR `v` IS NULL)");
                assertThat(count(statement, list, a.predicate())).isEqualTo(3).isEqualTo(countPartition(statement, list, "a"));

                statement.execute("CREATE TABLE " + hash + " (id INT) PARTITION BY HASH (id) PARTITIONS 3");
                statement.execute("INSERT INTO " + hash + " VALUES (1), (2), (3)");
                TablePartitions hashed = spec.partitions(connection, TableName.of("test", hash)).orElseThrow();
                assertThat(hashed.method()).isEqualTo("HASH");
                assertThat(hashed.partitions()).hasSize(3);
                assertThat(spec.latestPartition(connection, TableName.of("test", hash))).isEmpty();

                statement.execute("CREATE TABLE " + sub + " (d DATE, id INT) PARTITION BY RANGE (YEAR(d)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2"
                        + " (PARTITION p0 VALUES LESS THAN (2024), PARTITION p1 VALUES LESS THAN (2025))");
                statement.execute("INSERT INTO " + sub + " VALUES ('2023-01-01', 1), ('2024-01-01', 2)");
                TablePartitions subs = spec.partitions(connection, TableName.of("test", sub)).orElseThrow();
                assertThat(subs.partitions()).extracting(PartitionInfo::name).containsExactly("p0", "p1", "p0sp0", "p0sp1", "p1sp0", "p1sp1");
                assertThat(subs.partitions().get(2).parent()).contains("p0");
                LatestPartition subLatest = spec.latestPartition(connection, TableName.of("test", sub)).orElseThrow();
                assertThat(subLatest.partition()).isEqualTo("p1");
                assertThat(count(statement, sub, subLatest.predicate())).isEqualTo(1);

                statement.execute("CREATE TABLE " + plain + " (id INT PRIMARY KEY AUTO_INCREMENT) ENGINE=InnoDB ROW_FORMAT=DYNAMIC");
                assertThat(spec.partitions(connection, TableName.of("test", plain))).isEmpty();
                assertThat(spec.latestPartition(connection, TableName.of("test", plain))).isEmpty();
                assertThat(spec.extraTableMetadata(connection, TableName.of("test", plain)))
                        .containsEntry("engine", "InnoDB").containsEntry("rowFormat", "Dynamic").containsEntry("partitioned", false);
                assertThat(spec.extraTableMetadata(connection, TableName.of("test", "part_none_" + s))).isEmpty();
            } finally {
                statement.execute("DROP TABLE IF EXISTS " + list + ", " + hash + ", " + sub + ", " + plain);
            }
        }
    }

    /**
     * A table owner's hostile bounds and key names (quotes, backslashes, comment markers, commas, non-ASCII, a value written
     * under NO_BACKSLASH_ESCAPES) give predicates that select exactly the latest partition's rows: MariaDB prints quotes
     * doubled and backslashes escaped, identifiers quoted, and the predicate keeps every literal whole.
     */
    @Test
    void hostileBoundsAndNamesSelectOnlyTheirPartition() throws Exception {
        String s = suffix();
        String list = "part_hl_" + s;
        String range = "part_hr_" + s;
        String key = "`k`` ) OR 1=1 -- x`";
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE " + range + " (" + key + " VARCHAR(40)) PARTITION BY RANGE COLUMNS (" + key + ") ("
                        + "PARTITION p1 VALUES LESS THAN ('m'' OR 1=1 -- \\\\'), PARTITION p2 VALUES LESS THAN ('n*/'),"
                        + " PARTITION p3 VALUES LESS THAN (MAXVALUE))");
                statement.execute("INSERT INTO " + range + " VALUES ('a'), ('m'' OR 1=1 -- \\\\'), ('mz'), ('zz')");
                statement.execute("DELETE FROM " + range + " WHERE " + key + " = 'zz'");
                LatestPartition second = spec.latestPartition(connection, TableName.of("test", range)).orElseThrow();
                assertThat(second.partition()).isEqualTo("p2");
                assertThat(count(statement, range, second.predicate())).as(second.predicate()).isEqualTo(2)
                        .isEqualTo(countPartition(statement, range, "p2"));
                statement.execute("DELETE FROM " + range + " WHERE " + key + " >= 'm'");
                LatestPartition first = spec.latestPartition(connection, TableName.of("test", range)).orElseThrow();
                assertThat(first.partition()).isEqualTo("p1");
                assertThat(count(statement, range, first.predicate())).as(first.predicate()).isEqualTo(1);
                statement.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
                // under NO_BACKSLASH_ESCAPES 'zz\' is z, z and one backslash
                statement.execute("CREATE TABLE " + list + " (" + key + " VARCHAR(40)) PARTITION BY LIST COLUMNS (" + key + ") ("
                        + "PARTITION pa VALUES IN ('a', 'b'), PARTITION pu VALUES IN ('e', 'c,d'),"
                        + " PARTITION pz VALUES IN ('zz'') OR 1=1 -- ', 'zz\\', 'zz*/', 'zz\u00fc'))");
                statement.execute("SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
                statement.execute("INSERT INTO " + list + " VALUES ('a'), ('b'), ('c,d'), ('zz'') OR 1=1 -- '), ('zz\\\\'), ('zz*/'), ('zz\u00fc')");
                LatestPartition latest = spec.latestPartition(connection, TableName.of("test", list)).orElseThrow();
                assertThat(latest.partition()).isEqualTo("pz");
                assertThat(count(statement, list, latest.predicate())).as(latest.predicate()).isEqualTo(4)
                        .isEqualTo(countPartition(statement, list, "pz"));
                // A session under NO_BACKSLASH_ESCAPES reads MariaDB's 'zz\\' as two backslashes: its predicate is written for it.
                statement.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
                LatestPartition plain = spec.latestPartition(connection, TableName.of("test", list)).orElseThrow();
                assertThat(count(statement, list, plain.predicate())).as(plain.predicate()).isEqualTo(4);

            } finally {
                statement.execute("DROP TABLE IF EXISTS " + list);
                statement.execute("DROP TABLE IF EXISTS " + range);
            }
        }
    }

    static long count(Statement statement, String table, String predicate) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table + " WHERE " + predicate)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long countPartition(Statement statement, String table, String partition) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table + " PARTITION (" + partition + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static Connection open() throws SQLException {
        TestDatabase maria = TestDatabases.require("mariadb");
        return DriverManager.getConnection(maria.jdbcUrl(), maria.user().orElse(null), maria.password().orElse(null));
    }

    /** The kit's live checks pass on the plugin: RANGE scratch table, its second partition is the latest. */
    @Test
    void kitPartitionChecksPass() {
        TestDatabase db = TestDatabases.require("mariadb");
        java.util.List<dev.dbspec.testdb.CheckResult> results = new dev.dbspec.testdb.PartitionChecks(new MariadbEngineSpec(),
                () -> DriverManager.getConnection(db.jdbcUrl(), db.user().orElse(null), db.password().orElse(null))).runAll();
        assertThat(results).extracting(dev.dbspec.testdb.CheckResult::id).containsExactly("extra-table-metadata", "latest-partition");
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.detail())
                .isEqualTo(dev.dbspec.testdb.CheckResult.Status.PASSED));
        assertThat(results.get(1).detail()).startsWith("p2:").contains("counts its 3 rows");
    }
}
