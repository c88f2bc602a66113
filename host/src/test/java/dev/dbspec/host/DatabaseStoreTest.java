package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.host.databases.DatabaseRegistration;
import dev.dbspec.host.databases.JdbcDatabaseStore;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.secrets.SecretBox;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The metadata store over JDBC: an embedded H2 file (the default) and the live PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseStoreTest {
    @TempDir
    static Path plugins;

    private DbspecHost host;

    private static final List<DatabaseRegistration> REGISTRATIONS = List.of(
            new DatabaseRegistration("id-1", "sales", "jdbc:postgresql://127.0.0.1:5432/test", Optional.of("postgres"),
                    Secret.of("s3cret-password"), Map.of("ApplicationName", "dbspec"), true, "postgresql", true, // impersonate and catalogs: sealed
                    List.of("reports", "*")),
            new DatabaseRegistration("id-2", "scratch", "jdbc:h2:mem:scratch", Optional.empty(), Secret.none(), Map.of(), false, "h2"));

    @BeforeAll
    void start() {
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @Test
    void h2FileStorePersistsAcrossInstances(@TempDir Path data) {
        JdbcDatabaseStore store = JdbcDatabaseStore.h2File(host.registry(), data);
        assertThat(store.load()).isEmpty();
        store.save(REGISTRATIONS);
        JdbcDatabaseStore reopened = JdbcDatabaseStore.h2File(host.registry(), data);
        assertThat(reopened.load()).containsExactlyElementsOf(REGISTRATIONS);
        assertThat(reopened.load().get(0).secret().reveal()).contains("s3cret-password");
        reopened.save(REGISTRATIONS.subList(1, 2));
        assertThat(store.load()).containsExactly(REGISTRATIONS.get(1));
        assertThat(store.describe()).startsWith("h2 jdbc:h2:async:").doesNotContain("s3cret");
        assertThat(data.resolve("metadata.mv.db")).exists();
    }

    @Test
    void postgresqlStoreRoundTrip() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        dropTable(database);
        try {
            SecretBox key = SecretBox.generate();
            JdbcDatabaseStore store = new JdbcDatabaseStore(host.registry(), database.jdbcUrl(), database.user(),
                    database.password().map(Secret::of).orElse(Secret.none()), key);
            store.save(REGISTRATIONS);
            JdbcDatabaseStore other = new JdbcDatabaseStore(host.registry(), database.jdbcUrl(), database.user(), Secret.none(), key);
            assertThat(other.load()).containsExactlyElementsOf(REGISTRATIONS);
            assertThat(other.describe()).startsWith("postgresql jdbc:postgresql:");
        } finally {
            dropTable(database);
        }
    }

    @Test
    void aDangerousStoreUrlIsRefused() {
        assertThatThrownBy(() -> new JdbcDatabaseStore(host.registry(), "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'x.sql'",
                Optional.empty(), Secret.none(), SecretBox.generate())).hasMessageContaining("INIT");
    }

    private void dropTable(TestDatabase database) throws Exception {
        Properties properties = new Properties();
        database.user().ifPresent(user -> properties.setProperty("user", user));
        try (Connection connection = Connections.open(host.registry().resolve("postgresql"), database.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS dbspec_databases");
            statement.execute("DROP TABLE IF EXISTS dbspec_key_check");
        }
    }
}
