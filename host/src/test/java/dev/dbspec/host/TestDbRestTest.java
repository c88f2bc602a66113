package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.host.validate.HtmlReport;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/databases/{name}/test-db} against a fresh PostgreSQL database of its own: admins only (an analyst granted
 * the database gets 403 and no task), each finished check arrives as the task's progress, the HTML report is served as
 * {@code text/html} under the report's own policy, no secret of the registration reaches progress, result or report, the
 * kit's scratch objects are gone afterwards, and the matrix shows PostgreSQL's claims verified live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestDbRestTest {
    @TempDir
    static Path dir;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String pgDatabase = "con_tdb_" + suffix;
    /** PostgreSQL trusts local connections, so any password works: this one must never be shown. */
    private final String password = "pw-" + suffix + "-never-shown";
    private SecuredServer server;
    private Http admin;
    private Http ana;

    @BeforeAll
    void start() {
        TestDatabases.require("postgresql");
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
        admin = server.as(server.addUser("root", Role.ADMIN));
        ana = server.as(server.addUser("ana", Role.ANALYST));
        assertThat(admin.post("/api/databases", body("name", "pgadmin", "url", "jdbc:postgresql://127.0.0.1:5432/test", "user", "postgres"))
                .status()).isEqualTo(201);
        postgres("CREATE DATABASE " + pgDatabase); // outside a transaction, as PostgreSQL wants it: not through /api/query
        for (String[] registration : new String[][] {{"tdb", "false"}, {"tdb_ro", "true"}}) {
            Http.Response registered = admin.post("/api/databases", body("name", registration[0],
                    "url", "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase, "user", "postgres", "password", password,
                    "readOnly", Boolean.parseBoolean(registration[1])));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
        assertThat(admin.post("/api/databases/tdb/grants", body("user", "ana")).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            admin.delete("/api/databases/tdb");
            admin.delete("/api/databases/tdb_ro");
            postgres("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
            server.close();
        }
    }

    private void postgres(String sql) {
        LocalServices.runOnPostgres(server.runtime.host().registry(), sql);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** Relations and schemas of the scratch database beside PostgreSQL's own. */
    private List<String> userObjects() {
        Http.Response objects = admin.post("/api/query", body("database", "tdb", "cache", false, "sql",
                "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                        + "UNION ALL SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT LIKE 'pg\\_%' "
                        + "AND schema_name NOT IN ('public', 'information_schema')"));
        assertThat(objects.status()).as(objects.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        objects.json().path("rows").forEach(row -> names.add(row.get(0).asText()));
        return names;
    }

    /** Cancelled between two checks, the run stops there and leaves no scratch object behind. */
    @Test
    void aCancelledRunStopsAndLeavesNothingBehind() throws Exception {
        String taskId = admin.request("POST", "/api/databases/tdb/test-db").json().path("taskId").asText();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (admin.get("/api/tasks/" + taskId).json().path("progress").path("checksDone").asInt(0) < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(admin.delete("/api/tasks/" + taskId).status()).isEqualTo(202);
        JsonNode status;
        do {
            Thread.sleep(100);
            status = admin.get("/api/tasks/" + taskId).json();
        } while (!List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status.path("state").asText()) && System.nanoTime() < deadline);
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("CANCELLED");
        Thread.sleep(2_000); // a check that was running when the cancel came finishes (and drops its tables) first
        assertThat(userObjects()).as("no scratch object left by the cancelled run").isEmpty();
        assertThat(admin.get("/api/tasks/" + taskId + "/report").status()).as("no report of a cancelled run").isEqualTo(410);
    }

    @Test
    void anAdminRunsTestDbAsATaskWhoseChecksArriveAsProgressAndWhoseReportIsServedWithoutSecrets() throws Exception {
        // an analyst, even one granted the database, may not run it (a route declared ADMIN: the gate answers 403)
        Http.Response refused = ana.request("POST", "/api/databases/tdb/test-db");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("forbidden");
        // a read-only registration is refused: the kit writes scratch tables
        Http.Response readOnly = admin.request("POST", "/api/databases/tdb_ro/test-db");
        assertThat(readOnly.status()).as(readOnly.body()).isEqualTo(403);
        assertThat(readOnly.json().path("message").asText()).contains("read-only");
        assertThat(userObjects()).as("a fresh database").isEmpty();

        Http.Response accepted = admin.request("POST", "/api/databases/tdb/test-db");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String taskId = accepted.json().path("taskId").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/tasks/" + taskId);

        List<Integer> seen = new ArrayList<>();
        StringBuilder everything = new StringBuilder();
        JsonNode status;
        long deadline = System.nanoTime() + 240_000_000_000L;
        do {
            Thread.sleep(100);
            Http.Response polled = admin.get("/api/tasks/" + taskId);
            everything.append(polled.body());
            status = polled.json();
            int done = status.path("progress").path("checksDone").asInt(-1);
            if (done > 0 && (seen.isEmpty() || seen.get(seen.size() - 1) != done)) {
                seen.add(done);
                assertThat(status.path("progress").path("checks").size()).as("every finished check so far").isEqualTo(done);
            }
        } while (!List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status.path("state").asText()) && System.nanoTime() < deadline);
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("SUCCEEDED");
        assertThat(status.path("type").asText()).isEqualTo("test-db");
        assertThat(seen).as("checks arrived one after another while the task ran").hasSizeGreaterThan(3).isSorted();

        Http.Response result = admin.get("/api/tasks/" + taskId + "/result");
        assertThat(result.status()).isEqualTo(200);
        JsonNode summary = result.json();
        assertThat(summary.path("engine").asText()).isEqualTo("postgresql");
        assertThat(summary.path("passed").asInt()).isGreaterThan(20);
        assertThat(summary.path("failed").asInt()).as(status.path("progress").toString()).isZero();
        assertThat(summary.path("supersetVerified").asInt()).isPositive();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(summary.path("passed").asInt() + summary.path("failed").asInt()
                + summary.path("skipped").asInt());

        Http.Response report = admin.get("/api/tasks/" + taskId + "/report");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(report.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith(HtmlReport.CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'");
        assertThat(report.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(report.body()).startsWith("<!DOCTYPE html>").contains("PostgreSQL", "id=\"verdict\"", pgDatabase);

        everything.append(result.body()).append(report.body());
        assertThat(everything.toString()).as("no secret in progress, result or report").doesNotContain(password);

        assertThat(ana.get("/api/tasks/" + taskId + "/report").status()).as("analysts get no report").isEqualTo(403);
        assertThat(ana.get("/api/tasks/" + taskId).status()).as("nor the admin's task").isEqualTo(404);
        Http.Response notATestDb = admin.get("/api/tasks/" + admin.post("/api/query/async",
                body("database", "pgadmin", "sql", "SELECT 1")).json().path("taskId").asText() + "/report");
        assertThat(notATestDb.status()).as(notATestDb.body()).isEqualTo(404);

        assertThat(userObjects()).as("the kit dropped its scratch objects").isEmpty();
        Http.Response audit = admin.get("/api/audit?action=test-db");
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).contains(taskId, "accepted", "forbidden", "read-only").doesNotContain(password);

        JsonNode matrix = admin.get("/api/matrix").json();
        JsonNode postgres = null;
        for (JsonNode engine : matrix.path("engines")) {
            if (engine.path("id").asText().equals("postgresql")) {
                postgres = engine;
            }
        }
        assertThat(postgres).isNotNull();
        assertThat(postgres.path("live").asBoolean()).as("the run's verdicts feed the matrix").isTrue();
        JsonNode day = null;
        for (JsonNode row : matrix.path("rows")) {
            if (row.path("checkId").asText().equals("grain.P1D")) {
                day = row;
            }
        }
        assertThat(day).isNotNull();
        assertThat(day.path("cells").path("postgresql").asText()).isEqualTo("VERIFIED");
    }
}
