package dev.dbspec.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.TableUpload;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import dev.dbspec.testdb.UploadChecks;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The kit's upload check run on a database in use ({@code dbspec test-db} on a production database): the marker table
 * of the database's own uploads, already there and empty because an upload in flight has not committed its marker yet,
 * is still there afterwards. Dropping it (the check once dropped every empty marker table) failed that upload at its
 * last statement.
 */
class PostgresqlUploadMarkersTest {
    @Test
    void theCheckKeepsAMarkerTableItDidNotCreate() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        String schema = "upm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Connection setup = open(pg.jdbcUrl(), pg); Statement statement = setup.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            try {
                statement.execute("CREATE TABLE " + schema + "." + TableUpload.MARKER_TABLE
                        + " (upload_id VARCHAR(64) NOT NULL PRIMARY KEY, table_name VARCHAR(500), row_count BIGINT)");
                CheckResult result = new UploadChecks(new PostgresqlEngineSpec(), () -> open(url, pg)).fileUpload();
                assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                        + "' AND tablename = '" + TableUpload.MARKER_TABLE + "'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the marker table the check found is kept").isEqualTo(1);
                }
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + schema + "." + TableUpload.MARKER_TABLE)) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the check's own markers are deleted").isZero();
                }
            } finally {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Connection open(String url, TestDatabase database) throws SQLException {
        return DriverManager.getConnection(url, database.user().orElse(null), database.password().orElse(null));
    }
}
