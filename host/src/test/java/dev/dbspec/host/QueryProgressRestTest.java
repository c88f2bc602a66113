package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/tasks/{id}} reports {@code "progress": {"fraction": f}} while an asynchronous query runs on an engine
 * that reports it: DuckDB (its progress bar, on for the statement, read through duckdb_jdbc) on a 40-million-row
 * aggregation shows a fraction strictly between 0 and 1 at some poll, never decreasing, and the query completes with
 * the right answer. PostgreSQL reports none: its task never has a progress member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryProgressRestTest {
    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data"))
                .with("files.dir", dir.resolve("files")));
        admin = server.as(server.addUser("root", Role.ADMIN));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void duckdbReportsProgressWhileItRuns() throws Exception {
        register("duckprogress", "jdbc:duckdb:" + dir.resolve("files").resolve("progress.duckdb"), null);
        Http.Response created = admin.post("/api/query", Map.of("database", "duckprogress",
                "sql", "CREATE TABLE big AS SELECT range AS v FROM range(40000000)"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);

        Http.Response submitted = admin.post("/api/query/async", Map.of("database", "duckprogress",
                "sql", "SELECT COUNT(DISTINCT v % 25000000) AS n FROM big", "timeoutSeconds", 120));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String taskId = submitted.json().path("taskId").asText();
        List<Double> fractions = new ArrayList<>();
        JsonNode status = poll(taskId, fractions);
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("SUCCEEDED");
        assertThat(fractions).as("fractions seen").anyMatch(f -> f > 0 && f < 1);
        assertThat(fractions).allMatch(f -> f >= 0 && f <= 1);
        assertThat(fractions).isSortedAccordingTo(Double::compare);
        JsonNode result = admin.get("/api/tasks/" + taskId + "/result").json();
        assertThat(result.path("rows").toString()).isEqualTo("[[25000000]]");
    }

    @Test
    void postgresqlReportsNone() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        register("pgprogress", pg.jdbcUrl(), pg);
        Http.Response submitted = admin.post("/api/query/async", Map.of("database", "pgprogress", "sql", "SELECT pg_sleep(1.2) IS NULL AS slept"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String taskId = submitted.json().path("taskId").asText();
        List<Double> fractions = new ArrayList<>();
        List<JsonNode> running = new ArrayList<>();
        JsonNode status;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            status = admin.get("/api/tasks/" + taskId).json();
            if (status.path("state").asText().equals("RUNNING")) {
                running.add(status);
            }
            assertThat(status.has("progress")).as(status.toString()).isFalse();
            Thread.sleep(40);
        } while (!status.path("state").asText().equals("SUCCEEDED") && System.nanoTime() < deadline);
        assertThat(status.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(running).as("polled while it ran").isNotEmpty();
        assertThat(fractions).isEmpty();
    }

    private JsonNode poll(String taskId, List<Double> fractions) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode status;
        do {
            status = admin.get("/api/tasks/" + taskId).json();
            if (status.has("progress")) {
                fractions.add(status.path("progress").path("fraction").asDouble(-1));
            }
            Thread.sleep(30);
        } while (!status.path("state").asText().matches("SUCCEEDED|FAILED|CANCELLED") && System.nanoTime() < deadline);
        return status;
    }

    private void register(String name, String url, TestDatabase target) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        if (target != null) {
            target.user().ifPresent(user -> body.put("user", user));
            target.password().ifPresent(password -> body.put("password", password));
        }
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }
}
