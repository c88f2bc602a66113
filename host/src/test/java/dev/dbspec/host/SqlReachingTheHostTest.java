package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL of embedded engines that would reach the host through the server (found by an attack on the trust
 * boundary): H2 instantiating a class named in SQL, DuckDB logging to files from inside its sandbox (which
 * terminated the JVM), and a request timeout of zero (no limit for the driver). Over real HTTP, as an analyst.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlReachingTheHostTest {
    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private Http analyst;

    @BeforeAll
    void start() throws Exception {
        DbspecConfig config = DbspecConfig.defaults().with("data.dir", dir.resolve("data"));
        server = SecuredServer.start(SecuredServer.plugins(dir), config);
        admin = server.as(server.addUser("admin", Role.ADMIN));
        analyst = server.as(server.addUser("ana", Role.ANALYST));
        Files.createDirectories(dir.resolve("data/files"));
        for (Map.Entry<String, String> database : Map.of(
                "h2", "jdbc:h2:mem:reach;DB_CLOSE_DELAY=-1",
                "duck", "jdbc:duckdb:" + dir.resolve("data/files").toRealPath().resolve("reach.duckdb")).entrySet()) {
            Http.Response created = admin.post("/api/databases", body("name", database.getKey(), "url", database.getValue(), "user", "sa"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(admin.post("/api/databases/" + database.getKey() + "/grants", body("user", "ana")).status()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** H2 would create an object of any class named in CREATE TABLE ... ENGINE: with no class allowed it loads none. */
    @Test
    void h2LoadsNoClassNamedInSql() {
        Http.Response answer = analyst.post("/api/query", body("database", "h2", "sql", "CREATE TABLE engine_probe(x INT) ENGINE \"org.h2.tools.Server\""));
        assertThat(answer.body()).as("H2 instantiated the class (a ClassCastException names the cast)")
                .doesNotContain("ClassCastException").doesNotContain("cannot be cast");
        assertThat(answer.status()).isNotEqualTo(200);
        assertThat(answer.body()).containsIgnoringCase("org.h2.tools.Server");
    }

    /** DuckDB's file logging inside the sandbox throws from a background thread and terminates the JVM: refused. */
    @Test
    void duckdbFileLoggingIsRefusedAndTheServerLives() {
        Http.Response answer = analyst.post("/api/query", body("database", "duck", "sql",
                "CALL enable_logging(storage='file', storage_path='" + dir.resolve("data/files/logs") + "')"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).containsIgnoringCase("enable_logging");
        Http.Response after = analyst.post("/api/query", body("database", "duck", "sql", "SELECT 42 AS answer"));
        assertThat(after.status()).as("the server still answers").isEqualTo(200);
    }

    /** A timeout of zero would reach Statement.setQueryTimeout(0), which drivers read as "no limit". */
    @Test
    void aZeroTimeoutIsRefused() {
        Http.Response answer = analyst.post("/api/query", body("database", "h2", "sql", "SELECT 1", "timeoutSeconds", 0));
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }
}
