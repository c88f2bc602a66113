package dev.dbspec.plugin.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.Capability;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The MySQL family's {@code useCatalogAndSchema} on live MariaDB: the catalog is the database, a schema alone names
 * the database too, a schema beside another catalog is refused, and a hostile name is one quoted identifier.
 */
class MariadbDynamicCatalogTest {
    @Test
    void catalogAndSchemaNameTheDatabase() throws Exception {
        TestDatabase maria = TestDatabases.require("mariadb");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String a = "dyn_a_" + suffix;
        String b = "dyn_b_" + suffix;
        MariadbEngineSpec spec = new MariadbEngineSpec();
        assertThat(spec.capabilities()).contains(Capability.DYNAMIC_CATALOG, Capability.DYNAMIC_SCHEMA);
        try (Connection setup = open(maria); Statement statement = setup.createStatement()) {
            for (String database : new String[] {a, b}) {
                statement.execute("CREATE DATABASE " + database);
                statement.execute("CREATE TABLE " + database + ".dyn_t (v VARCHAR(5))");
                statement.execute("INSERT INTO " + database + ".dyn_t VALUES ('" + database.charAt(4) + "')");
            }
            try (Connection connection = open(maria)) {
                spec.useCatalogAndSchema(connection, Optional.of(a), Optional.empty());
                assertThat(value(connection)).isEqualTo("a");
                spec.useCatalogAndSchema(connection, Optional.empty(), Optional.of(b));
                assertThat(value(connection)).as("a schema names the database").isEqualTo("b");
                assertThatThrownBy(() -> spec.useCatalogAndSchema(connection, Optional.of(a), Optional.of(b)))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3F000"));
                assertThatThrownBy(() -> spec.useCatalogAndSchema(connection, Optional.of(a + "`; DROP DATABASE " + b + "; --"), Optional.empty()))
                        .isInstanceOf(SQLException.class);
                assertThat(value(connection)).as("still in b, and nothing was dropped").isEqualTo("b");
            } finally {
                statement.execute("DROP DATABASE " + a);
                statement.execute("DROP DATABASE " + b);
            }
        }
    }

    private static String value(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT v FROM dyn_t")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static Connection open(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user().orElse(null), database.password().orElse(null));
    }
}
