package dev.dbspec.plugin.duckdb;

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

/** DuckDB's extra table metadata from duckdb_tables(), and the kit's checks (no partitions: the PostgreSQL DDL is refused). */
class DuckdbExtraMetadataTest {
    private final DuckdbEngineSpec spec = new DuckdbEngineSpec();

    @Test
    void estimatedSizeColumnsAndCreateStatement() throws Exception {
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA).doesNotContain(Capability.LATEST_PARTITION);
        TestDatabase duck = TestDatabases.require("duckdb");
        try (Connection connection = DriverManager.getConnection(duck.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, amount DOUBLE CHECK (amount > 0))");
            statement.execute("INSERT INTO orders VALUES (1, 1.5), (2, 2.5)");
            Map<String, Object> extra = spec.extraTableMetadata(connection, TableName.of(null, "orders"));
            assertThat(extra).containsEntry("rowsEstimate", 2L).containsEntry("columnCount", 2L).containsEntry("hasPrimaryKey", true)
                    .containsEntry("checkConstraintCount", 1L).containsEntry("temporary", false);
            assertThat((String) extra.get("sql")).startsWith("CREATE TABLE orders");
            assertThat(spec.extraTableMetadata(connection, TableName.of("main", "orders"))).isEqualTo(extra);
            assertThat(spec.extraTableMetadata(connection, TableName.of("main", "none"))).isEmpty();
        }
        List<CheckResult> results = new PartitionChecks(spec, () -> DriverManager.getConnection(duck.jdbcUrl())).runAll();
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED));
    }
}
