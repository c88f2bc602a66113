package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/tasks/{id}?wait=N}, the long poll: one request answers when the task ends (a PostgreSQL
 * {@code pg_sleep(1.5)} query: SUCCEEDED in one request that took at least the rest of the sleep), or after N seconds with
 * the task still RUNNING; a bad {@code wait} is a 400; another user's task is a 404 at once, before any waiting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskLongPollRestTest {
    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private Http analyst;

    @BeforeAll
    void start() throws Exception {
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
        admin = server.as(server.addUser("root", Role.ADMIN));
        analyst = server.as(server.addUser("longpoll_analyst", Role.ANALYST));
        TestDatabase pg = TestDatabases.require("postgresql");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "pglongpoll");
        body.put("url", pg.jdbcUrl());
        pg.user().ifPresent(user -> body.put("user", user));
        pg.password().ifPresent(password -> body.put("password", password));
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(admin.post("/api/databases/pglongpoll/grants", Map.of("user", "longpoll_analyst")).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String submit(Http as, String sql) {
        Http.Response submitted = as.post("/api/query/async", Map.of("database", "pglongpoll", "sql", sql));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        return submitted.json().path("taskId").asText();
    }

    @Test
    void oneRequestAnswersWhenTheTaskEnds() {
        String taskId = submit(admin, "SELECT pg_sleep(1.5) IS NULL AS slept");
        long start = System.nanoTime();
        Http.Response waited = admin.get("/api/tasks/" + taskId + "?wait=20");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(waited.status()).as(waited.body()).isEqualTo(200);
        JsonNode status = waited.json();
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("SUCCEEDED");
        assertThat(millis).as("answered once the sleep was over, not at once nor at the wait's end").isBetween(800L, 15_000L);
        // an ended task answers at once, wait or not
        long again = System.nanoTime();
        assertThat(admin.get("/api/tasks/" + taskId + "?wait=20").json().path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat((System.nanoTime() - again) / 1_000_000).isLessThan(2_000L);
    }

    @Test
    void aWaitThatRunsOutAnswersTheStatusThen() {
        String taskId = submit(admin, "SELECT pg_sleep(6) IS NULL AS slept");
        long start = System.nanoTime();
        JsonNode status = admin.get("/api/tasks/" + taskId + "?wait=1").json();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(status.path("state").asText()).as(status.toString()).isIn("QUEUED", "RUNNING");
        assertThat(millis).isBetween(900L, 5_000L);
        assertThat(admin.delete("/api/tasks/" + taskId).status()).isIn(200, 202, 204);
    }

    @Test
    void aBadWaitIsRefused() {
        String taskId = submit(admin, "SELECT pg_sleep(3) IS NULL AS slept");
        for (String wait : new String[] {"abc", "-1", "31", "1.5"}) {
            Http.Response refused = admin.get("/api/tasks/" + taskId + "?wait=" + wait);
            assertThat(refused.status()).as(wait + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("wait");
        }
        admin.delete("/api/tasks/" + taskId);
        String ended = submit(admin, "SELECT 1 AS one");
        assertThat(admin.get("/api/tasks/" + ended + "?wait=20").json().path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(admin.get("/api/tasks/" + ended + "?wait=abc").status()).as("refused for an ended task too").isEqualTo(400);
    }

    @Test
    void anotherUsersTaskIsUnknownAtOnce() {
        String taskId = submit(admin, "SELECT pg_sleep(4) IS NULL AS slept");
        long start = System.nanoTime();
        Http.Response refused = analyst.get("/api/tasks/" + taskId + "?wait=20");
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat((System.nanoTime() - start) / 1_000_000).as("refused before any waiting").isLessThan(2_000L);
        // the analyst's own task can be waited for
        String own = submit(analyst, "SELECT 1 AS one");
        assertThat(analyst.get("/api/tasks/" + own + "?wait=20").json().path("state").asText()).isEqualTo("SUCCEEDED");
        admin.delete("/api/tasks/" + taskId);
    }
}
