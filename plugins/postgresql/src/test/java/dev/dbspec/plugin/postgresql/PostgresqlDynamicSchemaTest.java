package dev.dbspec.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresqlEngineSpec#useCatalogAndSchema} on the live database: a schema whose name holds a quote and a
 * semicolon is one quoted identifier in {@code search_path}, an unknown schema fails (3F000) instead of running in
 * another, and another database is refused (PostgreSQL needs another connection).
 */
class PostgresqlDynamicSchemaTest {
    @Test
    void searchPathTakesTheQuotedSchema() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String odd = "dyn\"; DROP TABLE public.dyn_keep_" + suffix + "; --";
        String quoted = "\"" + odd.replace("\"", "\"\"") + "\"";
        PostgresqlEngineSpec spec = new PostgresqlEngineSpec();
        try (Connection setup = open(pg); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE public.dyn_keep_" + suffix + " (v INTEGER)");
            statement.execute("CREATE SCHEMA " + quoted);
            statement.execute("CREATE TABLE " + quoted + ".dyn_t (v VARCHAR(5))");
            statement.execute("INSERT INTO " + quoted + ".dyn_t VALUES ('odd')");
            try {
                try (Connection connection = open(pg); Statement query = connection.createStatement()) {
                    spec.useCatalogAndSchema(connection, Optional.of(connection.getCatalog()), Optional.of(odd));
                    try (ResultSet rs = query.executeQuery("SELECT v FROM dyn_t")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("odd");
                    }
                    assertThatThrownBy(() -> spec.useCatalogAndSchema(connection, Optional.empty(), Optional.of("dyn_none_" + suffix)))
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3F000"));
                    assertThatThrownBy(() -> spec.useCatalogAndSchema(connection, Optional.of("postgres"), Optional.empty()))
                            .isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageContaining("another connection");
                }
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM public.dyn_keep_" + suffix)) {
                    assertThat(rs.next()).as("nothing was dropped").isTrue();
                }
            } finally {
                statement.execute("DROP SCHEMA " + quoted + " CASCADE");
                statement.execute("DROP TABLE public.dyn_keep_" + suffix);
            }
        }
    }

    private static Connection open(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user().orElse(null), database.password().orElse(null));
    }
}
