package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/databases} opens one test connection before registering (issue 14 item 8): a refused login, an unknown
 * database and a closed port answer 400 {@code connection_failed} with the category, register nothing and never echo the
 * password; against MariaDB a wrong password costs exactly one failed login ({@code Aborted_connects}); {@code "verify":
 * false} registers without connecting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionCheckRestTest {
    @TempDir
    static Path dir;

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private ServerRuntime runtime;
    private RestServer server;
    private Http admin;

    @BeforeAll
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", dir.resolve("data")).with("pool.max-wait-ms", 2_000),
                Optional.of(plugins));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        admin = new Http(server.port(), runtime.security().addUser("test", "check-admin", Role.ADMIN).token());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** Registers {@code body}, expects 400 connection_failed with {@code category}, and that nothing was registered. */
    private void refused(Map<String, Object> body, String category, String secret) {
        long started = System.nanoTime();
        Http.Response answer = admin.post("/api/databases", body);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("connection_failed");
        assertThat(answer.json().path("category").asText()).as(answer.body()).isEqualTo(category);
        assertThat(answer.json().path("message").asText()).contains("test connection failed");
        if (secret != null) {
            assertThat(answer.body()).doesNotContain(secret);
        }
        assertThat(millis).as("one attempt, not a pool's retries").isLessThan(7_000);
        assertThat(admin.get("/api/databases/" + body.get("name")).status()).as("not registered").isEqualTo(404);
    }

    @Test
    void postgresqlRefusalsAreClassifiedAndRegisterNothing() {
        TestDatabases.require("postgresql");
        String password = "PwCheck" + RUN;
        refused(map("name", "nouser" + RUN, "url", "jdbc:postgresql://127.0.0.1:5432/test", "user", "nosuchuser_" + RUN, "password", password),
                "bad_credentials", password);
        refused(map("name", "closed" + RUN, "url", "jdbc:postgresql://127.0.0.1:1/test", "user", "postgres", "password", password),
                "unreachable_host", password);
        refused(map("name", "nodb" + RUN, "url", "jdbc:postgresql://127.0.0.1:5432/nosuchdb_" + RUN, "user", "postgres"),
                "unknown_database", null);
        refused(map("name", "pnodb" + RUN, "engine", "postgresql", "parameters",
                map("host", "127.0.0.1", "port", 5432, "database", "nosuchdb_" + RUN, "username", "postgres", "password", password)),
                "unknown_database", password);
    }

    /** A spec-only engine without its driver: the refusal and GET /api/engines name the command that installs it. */
    @Test
    void aMissingDriverIsNamedWithTheCommandThatInstallsIt() {
        Http.Response answer = admin.post("/api/databases", map("name", "presto" + RUN, "url", "jdbc:presto://127.0.0.1:1/catalog",
                "user", "dbspec"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("category").asText()).as(answer.body()).isEqualTo("driver_missing");
        assertThat(answer.json().path("message").asText()).contains("com.facebook.presto.jdbc.PrestoDriver", "`dbspec drivers install presto`");
        assertThat(admin.get("/api/databases/presto" + RUN).status()).isEqualTo(404);

        com.fasterxml.jackson.databind.JsonNode engines = admin.get("/api/engines").json().path("engines");
        Map<String, com.fasterxml.jackson.databind.JsonNode> byId = new LinkedHashMap<>();
        engines.forEach(engine -> byId.put(engine.path("id").asText(), engine.path("driver")));
        assertThat(byId.get("presto").path("present").asBoolean()).isFalse();
        assertThat(byId.get("presto").path("installCommand").asText()).isEqualTo("dbspec drivers install presto");
        assertThat(byId.get("presto").path("mavenCoordinates").asText()).isEqualTo("com.facebook.presto:presto-jdbc:0.296");
        assertThat(byId.get("h2").path("present").asBoolean()).isTrue();
        assertThat(byId.get("h2").path("installCommand").isNull()).isTrue();
        assertThat(engines.toString()).as("no server folder is disclosed").doesNotContain(dir.toString());
    }

    @Test
    void aWorkingDatabaseRegistersAndVerifyFalseSkipsTheCheck() {
        TestDatabases.require("postgresql");
        Http.Response ok = admin.post("/api/databases", map("name", "pgok" + RUN, "url", "jdbc:postgresql://127.0.0.1:5432/test", "user", "postgres"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        Http.Response unchecked = admin.post("/api/databases", map("name", "unchecked" + RUN, "url", "jdbc:postgresql://127.0.0.1:1/test",
                "user", "postgres", "verify", false));
        assertThat(unchecked.status()).as(unchecked.body()).isEqualTo(201);
        assertThat(admin.get("/api/databases/unchecked" + RUN).status()).isEqualTo(200);
        Http.Response notBoolean = admin.post("/api/databases", map("name", "badflag" + RUN, "url", "jdbc:postgresql://127.0.0.1:1/test",
                "user", "postgres", "verify", "no"));
        assertThat(notBoolean.status()).as(notBoolean.body()).isEqualTo(400);
        assertThat(notBoolean.json().path("error").asText()).isEqualTo("invalid_request");
        admin.delete("/api/databases/pgok" + RUN);
        admin.delete("/api/databases/unchecked" + RUN);
    }

    /**
     * The fewest failed logins ({@code Aborted_connects}, a server-wide counter) {@code attempt} caused over up to three trials:
     * other clients of the shared server can only add to a trial's count, never take from it, so the minimum is an upper
     * bound of what one trial costs. Without the protection every trial costs several (HikariCP's retries).
     */
    private long fewestFailedLogins(java.util.function.IntConsumer attempt) throws Exception {
        long fewest = Long.MAX_VALUE;
        try {
            for (int trial = 0; trial < 3 && fewest > 1; trial++) {
                long before = abortedConnects();
                attempt.accept(trial);
                Thread.sleep(300); // the server counts the aborted connect as the client goes
                long after = abortedConnects();
                fewest = Math.min(fewest, after - before);
            }
        } finally {
            admin.delete("/api/databases/mstatus" + RUN);
        }
        return fewest;
    }

    @Test
    void aWrongMariadbPasswordCostsExactlyOneFailedLogin() throws Exception {
        TestDatabases.require("mariadb");
        String password = "WrongPw" + RUN;
        long fewest = fewestFailedLogins(trial -> refused(map("name", "mwrong" + trial + RUN, "url", "jdbc:mariadb://127.0.0.1:3306/test",
                "user", "root", "password", password), "bad_credentials", password));
        assertThat(fewest).as("failed logins caused by one refused registration").isEqualTo(1);
    }

    @Test
    void queriesOnAnUncheckedWrongPasswordCostOneFailedLoginNotAPoolsRetries() throws Exception {
        TestDatabases.require("mariadb");
        String password = "WrongPq" + RUN;
        long fewest = fewestFailedLogins(trial -> {
            String name = "munchecked" + trial + RUN;
            try {
                Http.Response registered = admin.post("/api/databases", map("name", name, "url", "jdbc:mariadb://127.0.0.1:3306/test",
                        "user", "root", "password", password, "verify", false));
                assertThat(registered.status()).as(registered.body()).isEqualTo(201);
                for (int i = 0; i < 3; i++) {
                    Http.Response query = admin.post("/api/query", map("database", name, "sql", "SELECT " + i, "cache", false));
                    assertThat(query.status()).as(query.body()).isNotEqualTo(200);
                    assertThat(query.body()).doesNotContain(password);
                }
            } finally {
                admin.delete("/api/databases/" + name);
            }
        });
        // without PluginDataSource's refusal hold HikariCP retries each borrow with backoff: several failed logins per query
        assertThat(fewest).as("failed logins for three queries on one registration").isEqualTo(1);
    }

    /** {@code Aborted_connects} read through a working MariaDB registration (the host has no MariaDB driver of its own). */
    private long abortedConnects() {
        String name = "mstatus" + RUN;
        if (admin.get("/api/databases/" + name).status() == 404) {
            Http.Response registered = admin.post("/api/databases", map("name", name, "url", "jdbc:mariadb://127.0.0.1:3306/test", "user", "root"));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
        Http.Response rows = admin.post("/api/query", map("database", name, "sql", "SHOW GLOBAL STATUS LIKE 'Aborted_connects'",
                "cache", false)); // a cached answer would hide the change
        assertThat(rows.status()).as(rows.body()).isEqualTo(200);
        return Long.parseLong(rows.json().path("rows").path(0).path(1).asText());
    }
}
