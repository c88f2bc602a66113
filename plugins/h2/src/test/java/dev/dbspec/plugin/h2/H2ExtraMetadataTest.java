package dev.dbspec.plugin.h2;

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

/** H2's extra table metadata from INFORMATION_SCHEMA.TABLES, and the kit's checks. */
class H2ExtraMetadataTest {
    private final H2EngineSpec spec = new H2EngineSpec();

    @Test
    void tableClassStorageAndRowEstimate() throws Exception {
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA).doesNotContain(Capability.LATEST_PARTITION);
        TestDatabase h2 = TestDatabases.require("h2");
        try (Connection connection = DriverManager.getConnection(h2.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE MEMORY TABLE orders (id INTEGER PRIMARY KEY)");
            statement.execute("INSERT INTO orders VALUES (1), (2), (3)");
            Map<String, Object> extra = spec.extraTableMetadata(connection, TableName.of(null, "orders"));
            assertThat(extra).as("unquoted names are found upper-cased").containsEntry("tableType", "BASE TABLE")
                    .containsEntry("storageType", "MEMORY").containsEntry("rowsEstimate", 3L).containsEntry("insertable", true);
            assertThat((String) extra.get("tableClass")).isNotBlank();
            assertThat(spec.extraTableMetadata(connection, TableName.of("PUBLIC", "NONE"))).isEmpty();
        }
        List<CheckResult> results = new PartitionChecks(spec, () -> DriverManager.getConnection(h2.jdbcUrl())).runAll();
        assertThat(results).allSatisfy(result -> assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED));
    }
}
