package dev.dbspec.plugin.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.TableName;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.PartitionChecks;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQLite's extra table metadata (pragma_table_list, sqlite_master) on a real database file, and the kit's checks. */
class SqliteExtraMetadataTest {
    private final SqliteEngineSpec spec = new SqliteEngineSpec();

    @Test
    void strictWithoutRowidAndTheCreateStatement() throws Exception {
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA).doesNotContain(Capability.LATEST_PARTITION);
        TestDatabase lite = TestDatabases.require("sqlite");
        try (Connection connection = DriverManager.getConnection(lite.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER) STRICT, WITHOUT ROWID");
            statement.execute("CREATE TABLE plain (a, b, c)");
            Map<String, Object> kv = spec.extraTableMetadata(connection, TableName.of(null, "kv"));
            assertThat(kv).containsEntry("type", "table").containsEntry("columnCount", 2).containsEntry("withoutRowid", true)
                    .containsEntry("strict", true).containsEntry("sql", "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER) STRICT, WITHOUT ROWID");
            assertThat(spec.extraTableMetadata(connection, TableName.of("main", "plain")))
                    .containsEntry("withoutRowid", false).containsEntry("strict", false).containsEntry("columnCount", 3);
            assertThat(spec.extraTableMetadata(connection, TableName.of("main", "none"))).isEmpty();
            assertThat(spec.partitions(connection, TableName.of("main", "kv"))).isEmpty();
        }
        List<CheckResult> results = new PartitionChecks(spec, () -> DriverManager.getConnection(lite.jdbcUrl())).runAll();
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED));
        assertThat(results.get(1).detail()).isEqualTo("not claimed: answers empty");
    }
}
