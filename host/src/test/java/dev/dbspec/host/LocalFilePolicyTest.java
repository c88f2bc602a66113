package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.JsonFileDatabaseStore;
import dev.dbspec.host.databases.LocalFilePolicy;
import dev.dbspec.host.databases.PoolSettings;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.databases.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Database URLs may not open local files outside the allowed directory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalFilePolicyTest {
    @TempDir
    static Path plugins;

    @TempDir
    static Path allowed;

    private DbspecHost host;

    @BeforeAll
    void start() {
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private void check(String url) {
        new LocalFilePolicy(allowed, false).check(host.registry().forUrl(url), url);
    }

    @Test
    void filesOutsideTheAllowedDirectoryAreRefusedForEveryEmbeddedEngine() {
        for (String url : new String[] {"jdbc:sqlite:/etc/passwd", "jdbc:sqlite:file:/tmp/other.db?mode=ro", "jdbc:h2:file:/tmp/secret",
                "jdbc:h2:~/test", "jdbc:h2:/var/lib/x;MODE=PostgreSQL", "jdbc:duckdb:/tmp/x.duckdb", "jdbc:hsqldb:file:/tmp/h",
                "jdbc:derby:/tmp/derbydb;create=true", "jdbc:derby:directory:/tmp/d", "jdbc:sqlite:" + allowed.resolve("../escape.db")}) {
            assertThatThrownBy(() -> check(url)).as(url).isInstanceOf(RequestException.class)
                    .hasMessageContaining("outside the allowed directory").hasMessageContaining(allowed.toString());
        }
    }

    @Test
    void inMemoryRemoteAndAllowedFilesPass() {
        for (String url : new String[] {"jdbc:sqlite::memory:", "jdbc:sqlite:" + allowed.resolve("ok.db"), "jdbc:h2:mem:x",
                "jdbc:h2:tcp://127.0.0.1/x", "jdbc:h2:file:" + allowed.resolve("h2db"), "jdbc:duckdb:", "jdbc:duckdb:md:shop",
                "jdbc:hsqldb:mem:x", "jdbc:derby:memory:x;create=true", "jdbc:derby://127.0.0.1:1527/x", "jdbc:postgresql://127.0.0.1/test"}) {
            assertThatCode(() -> check(url)).as(url).doesNotThrowAnyException();
        }
        assertThatCode(() -> new LocalFilePolicy(allowed, true).check(host.registry().resolve("sqlite"), "jdbc:sqlite:/tmp/x.db"))
                .doesNotThrowAnyException();
    }

    /** Pooled connections are opened like every other one: the spec's enforced properties apply (MariaDB local infile off). */
    @Test
    void pooledConnectionsGetTheEnforcedProperties(@TempDir Path data) throws Exception {
        dev.dbspec.testdb.TestDatabase mariadb = dev.dbspec.testdb.TestDatabases.require("mariadb");
        try (DatabaseRegistry registry = new DatabaseRegistry(host.registry(), new JsonFileDatabaseStore(data.resolve("db.json")),
                new PoolSettings(2, Duration.ofSeconds(5)), new LocalFilePolicy(allowed, false))) {
            registry.register("maria", mariadb.jdbcUrl(), mariadb.user(), Secret.none(), Map.of(), false);
            try (java.sql.Connection connection = registry.database("maria", Optional.empty()).pool().getConnection();
                 java.sql.Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMPORARY TABLE dbspec_infile (line TEXT)");
                assertThatThrownBy(() -> statement.execute("LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE dbspec_infile"))
                        .isInstanceOf(java.sql.SQLException.class);
            }
        }
    }

    @Test
    void theRegistryAppliesThePolicy(@TempDir Path data) {
        try (DatabaseRegistry registry = new DatabaseRegistry(host.registry(), new JsonFileDatabaseStore(data.resolve("db.json")),
                new PoolSettings(2, Duration.ofSeconds(5)), new LocalFilePolicy(allowed, false))) {
            assertThatThrownBy(() -> registry.register("bad", "jdbc:sqlite:/etc/passwd", Optional.empty(), Secret.none(), Map.of(), true))
                    .isInstanceOf(RequestException.class).hasMessageContaining("/etc/passwd");
            assertThat(registry.register("good", "jdbc:sqlite:" + allowed.resolve("good.db"), Optional.empty(), Secret.none(), Map.of(), true)
                    .engineId()).isEqualTo("sqlite");
        }
    }

    /** DuckDB's SQL reads files itself (read_csv, FROM 'file', COPY, ATTACH): pooled connections are confined to the directory. */
    @Test
    void duckdbSqlCannotReadFilesOutsideTheAllowedDirectory(@TempDir Path data, @TempDir Path elsewhere) throws Exception {
        java.nio.file.Files.writeString(allowed.resolve("inside.csv"), "a,b\n1,2\n");
        Path secret = java.nio.file.Files.writeString(elsewhere.resolve("secret.csv"), "token\nhunter2\n");
        try (DatabaseRegistry registry = new DatabaseRegistry(host.registry(), new JsonFileDatabaseStore(data.resolve("db.json")),
                new PoolSettings(2, Duration.ofSeconds(5)), new LocalFilePolicy(allowed, false))) {
            // read-write: the sandbox alone must stop the writes below (a read-only file would also have to exist already)
            registry.register("duck", "jdbc:duckdb:" + allowed.resolve("sandbox.duckdb"), Optional.empty(), Secret.none(), Map.of(), false);
            try (java.sql.Connection connection = registry.database("duck", Optional.empty()).pool().getConnection()) {
                try (java.sql.Statement statement = connection.createStatement();
                     java.sql.ResultSet rows = statement.executeQuery("SELECT b FROM read_csv('" + allowed.resolve("inside.csv") + "')")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(2);
                }
                for (String sql : new String[] {"SELECT * FROM read_csv('" + secret + "')", "SELECT * FROM '" + secret + "'",
                        "COPY (SELECT 1) TO '" + elsewhere.resolve("out.csv") + "'", "ATTACH '" + elsewhere.resolve("other.duckdb") + "'",
                        "SET enable_external_access = true"}) {
                    try (java.sql.Statement statement = connection.createStatement()) {
                        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(java.sql.SQLException.class);
                    }
                }
            }
            assertThat(elsewhere.resolve("out.csv")).doesNotExist();
            assertThatThrownBy(() -> registry.register("undo", "jdbc:duckdb:" + allowed.resolve("x.duckdb") + ";enable_external_access=true",
                    Optional.empty(), Secret.none(), Map.of(), true))
                    .isInstanceOf(RequestException.class).hasMessageContaining("enable_external_access");
        }
        try (DatabaseRegistry open = new DatabaseRegistry(host.registry(), new JsonFileDatabaseStore(data.resolve("open.json")),
                new PoolSettings(2, Duration.ofSeconds(5)), new LocalFilePolicy(allowed, true))) {
            open.register("free", "jdbc:duckdb:", Optional.empty(), Secret.none(), Map.of(), true);
            try (java.sql.Connection connection = open.database("free", Optional.empty()).pool().getConnection();
                 java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rows = statement.executeQuery("SELECT token FROM read_csv('" + secret + "')")) {
                assertThat(rows.next()).as("files.allow-any-path=true leaves DuckDB unconfined").isTrue();
            }
        }
    }
}
