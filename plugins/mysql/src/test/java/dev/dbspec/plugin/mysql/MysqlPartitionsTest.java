package dev.dbspec.plugin.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.TableName;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The MySQL plugin's partitions, latest partition and extra metadata through Connector/J, on the MariaDB server
 * that stands in for MySQL here (the same {@code information_schema} columns): LIST COLUMNS on a date.
 */
class MysqlPartitionsTest {
    @Test
    void listColumnsOnDateThroughConnectorJ() throws Exception {
        MysqlEngineSpec spec = new MysqlEngineSpec();
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION);
        TestDatabase mysql = TestDatabases.require("mysql");
        String t = "part_lc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection connection = DriverManager.getConnection(mysql.jdbcUrl(), mysql.user().orElse(null), mysql.password().orElse(null));
             Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE " + t + " (d DATE NOT NULL, v INT) PARTITION BY LIST COLUMNS (d) ("
                        + "PARTITION jan VALUES IN ('2024-01-01', '2024-01-02'), PARTITION feb VALUES IN ('2024-02-01'),"
                        + " PARTITION mar VALUES IN ('2024-03-01'))");
                statement.execute("INSERT INTO " + t + " VALUES ('2024-01-01', 1), ('2024-01-02', 2), ('2024-02-01', 3)");
                assertThat(spec.partitions(connection, TableName.of("test", t)).orElseThrow().method()).isEqualTo("LIST COLUMNS");
                LatestPartition latest = spec.latestPartition(connection, TableName.of("test", t)).orElseThrow();
                assertThat(latest.partition()).isEqualTo("feb");
                assertThat(latest.predicate()).isEqualTo("`d` IN (STR_TO_DATE('2024-02-01', '%Y-%m-%d'))");
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + t + " WHERE " + latest.predicate())) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                }
                statement.execute("DELETE FROM " + t + " WHERE v = 3");
                LatestPartition jan = spec.latestPartition(connection, TableName.of("test", t)).orElseThrow();
                assertThat(jan.partition()).isEqualTo("jan");
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + t + " WHERE " + jan.predicate())) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(2);
                }
                assertThat(spec.extraTableMetadata(connection, TableName.of("test", t)))
                        .containsEntry("partitionMethod", "LIST COLUMNS").containsEntry("partitionCount", 3).containsEntry("engine", "InnoDB");
            } finally {
                statement.execute("DROP TABLE IF EXISTS " + t);
            }
        }
    }

    /** The kit's live checks pass on the plugin: RANGE scratch table, its second partition is the latest. */
    @Test
    void kitPartitionChecksPass() {
        TestDatabase db = TestDatabases.require("mysql");
        java.util.List<dev.dbspec.testdb.CheckResult> results = new dev.dbspec.testdb.PartitionChecks(new MysqlEngineSpec(),
                () -> DriverManager.getConnection(db.jdbcUrl(), db.user().orElse(null), db.password().orElse(null))).runAll();
        assertThat(results).extracting(dev.dbspec.testdb.CheckResult::id).containsExactly("extra-table-metadata", "latest-partition");
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.detail())
                .isEqualTo(dev.dbspec.testdb.CheckResult.Status.PASSED));
        assertThat(results.get(1).detail()).startsWith("p2:").contains("counts its 3 rows");
    }
}
