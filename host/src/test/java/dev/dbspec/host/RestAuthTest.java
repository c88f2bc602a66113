package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.rest.Route;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and authorization over real HTTP: every route but health needs a token, roles and
 * grants decide the rest, users see only their own tasks and queries, every action is audited without
 * secrets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestAuthTest {
    /** Who may call each route, written here independently of the server's table. */
    private static final Map<String, Route.Access> EXPECTED_ACCESS = expectedAccess();

    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private Http ana;
    private Http bob;
    private Http viewer;
    private String h2Url;
    private final List<String> tokens = new ArrayList<>();

    private static Map<String, Route.Access> expectedAccess() {
        Map<String, Route.Access> access = new LinkedHashMap<>();
        access.put("GET /", Route.Access.PUBLIC);
        access.put("GET /console/{file}", Route.Access.PUBLIC);
        access.put("GET /api/health", Route.Access.PUBLIC);
        access.put("GET /api/me", Route.Access.VIEWER);
        access.put("GET /api/openapi.json", Route.Access.VIEWER);
        access.put("GET /api/docs", Route.Access.PUBLIC);
        access.put("GET /api/docs/{file}", Route.Access.PUBLIC);
        access.put("GET /api/engines", Route.Access.VIEWER);
        access.put("GET /api/engines/{id}/grains", Route.Access.VIEWER);
        access.put("GET /api/engines/{id}/parameters", Route.Access.VIEWER);
        access.put("GET /api/matrix", Route.Access.VIEWER);
        access.put("POST /api/sql/limit", Route.Access.VIEWER);
        access.put("POST /api/sql/inspect", Route.Access.VIEWER);
        access.put("GET /api/databases", Route.Access.ANALYST);
        access.put("POST /api/databases", Route.Access.ADMIN);
        access.put("GET /api/databases/{name}", Route.Access.ANALYST);
        access.put("DELETE /api/databases/{name}", Route.Access.ADMIN);
        access.put("GET /api/databases/{name}/grants", Route.Access.ADMIN);
        access.put("POST /api/databases/{name}/grants", Route.Access.ADMIN);
        access.put("DELETE /api/databases/{name}/grants", Route.Access.ADMIN);
        access.put("POST /api/databases/{name}/test-db", Route.Access.ADMIN);
        access.put("GET /api/tasks/{id}/report", Route.Access.ADMIN);
        // ---- metadata ----
        access.put("GET /api/databases/{name}/catalogs", Route.Access.ANALYST);
        access.put("GET /api/databases/{name}/schemas", Route.Access.ANALYST);
        access.put("GET /api/databases/{name}/tables", Route.Access.ANALYST);
        access.put("GET /api/databases/{name}/tables/{schema}/{table}", Route.Access.ANALYST);
        access.put("POST /api/query", Route.Access.ANALYST);
        access.put("DELETE /api/queries/{queryId}", Route.Access.ANALYST);
        access.put("POST /api/query/async", Route.Access.ANALYST);
        access.put("GET /api/tasks/{id}", Route.Access.ANALYST);
        access.put("GET /api/tasks/{id}/result", Route.Access.ANALYST);
        access.put("DELETE /api/tasks/{id}", Route.Access.ANALYST);
        access.put("GET /api/audit", Route.Access.ADMIN);
        // ---- functions and validation ----
        access.put("GET /api/databases/{name}/functions", Route.Access.ANALYST);
        access.put("POST /api/databases/{name}/validate", Route.Access.ANALYST);
        access.put("POST /api/databases/{name}/estimate", Route.Access.ANALYST);
        access.put("POST /api/databases/{name}/upload", Route.Access.ANALYST);
        return access;
    }

    @BeforeAll
    void start() {
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
        admin = server.as(token(server.addUser("root", Role.ADMIN)));
        ana = server.as(token(server.addUser("ana", Role.ANALYST)));
        bob = server.as(token(server.addUser("bob", Role.ANALYST)));
        viewer = server.as(token(server.addUser("vic", Role.VIEWER)));
        h2Url = "jdbc:h2:mem:auth_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        for (String name : List.of("granted", "secret")) {
            Http.Response created = admin.post("/api/databases", body("name", name, "url", h2Url, "user", "sa", "password", "h2-pw"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        assertThat(admin.post("/api/databases/granted/grants", body("user", "ana")).status()).isEqualTo(201);
        assertThat(admin.post("/api/databases/granted/grants", body("user", "bob")).status()).isEqualTo(201);
    }

    private String token(String token) {
        tokens.add(token);
        return token;
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static Http.Response call(Http http, Route route, String parameter) {
        String path = RouteSamples.path(route, parameter);
        return route.jsonBody() ? http.send(route.method(), path, "{}", "application/json") : http.request(route.method(), path);
    }

    /** The server registers exactly the routes of its table, and the test knows who may call each. */
    @Test
    void theRouteTableIsWhatIsServedAndEveryRouteHasTheExpectedAccess() {
        List<String> table = server.server.routes().stream().map(route -> route.method() + " " + route.path()).toList();
        assertThat(server.server.registeredEndpoints()).containsExactlyInAnyOrderElementsOf(table);
        Map<String, Route.Access> actual = new LinkedHashMap<>();
        server.server.routes().forEach(route -> actual.put(route.method() + " " + route.path(), route.access()));
        assertThat(actual).as("a new route needs its line in EXPECTED_ACCESS").isEqualTo(EXPECTED_ACCESS);
    }

    @Test
    void everyRouteButHealthAnswers401WithoutValidCredentials() {
        Http anonymous = server.anonymous();
        Http forged = server.as("dbs_" + "A".repeat(43));
        for (Route route : server.server.routes()) {
            for (Http client : List.of(anonymous, forged)) {
                Http.Response response = call(client, route, "granted");
                if (route.access() == Route.Access.PUBLIC) {
                    assertThat(response.status()).as(route + " " + response.body()).isEqualTo(200);
                    continue;
                }
                assertThat(response.status()).as(route + " " + response.body()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(route.toString()).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Bearer realm=\"dbspec\""));
                assertThat(response.json().path("error").asText()).isIn("unauthenticated", "invalid_token");
            }
        }
        assertThat(anonymous.post("/api/databases", body("name", "sneaky", "url", "jdbc:h2:mem:sneaky")).status()).isEqualTo(401);
        assertThat(anonymous.delete("/api/databases/granted").status()).isEqualTo(401);
        assertThat(forged.post("/api/databases/granted/grants", body("user", "mallory")).status()).isEqualTo(401);
        assertThat(server.runtime.databases().registration("sneaky")).as("the handler never ran").isEmpty();
        assertThat(server.runtime.databases().registration("granted")).isPresent();
        assertThat(server.runtime.security().store().isGranted("granted", "mallory")).isFalse();
        assertThat(anonymous.get("/api/no/such/route").status()).as("unknown paths too").isEqualTo(401);
        assertThat(anonymous.request("PUT", "/api/databases").status()).isEqualTo(401);
        Http.Response malformed = anonymous.request("GET", "/api/engines", "Authorization", "Basic cm9vdDpyb290");
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    /** Anonymous health says whether the server is up, and nothing about where its services are. */
    @Test
    void anonymousHealthShowsNoInternals() {
        Http.Response anonymous = server.anonymous().get("/api/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asText()).isEqualTo("ok");
        assertThat(anonymous.json().has("store")).isFalse();
        assertThat(anonymous.body()).doesNotContain(dir.toString(), "metadata");
        assertThat(admin.get("/api/health").json().path("store").asText()).contains("metadata");
    }

    @Test
    void rolesDecideWhoCallsWhat() {
        Map<Role, Http> clients = Map.of(Role.ADMIN, admin, Role.ANALYST, ana, Role.VIEWER, viewer);
        for (Route route : server.server.routes()) {
            if (route.access() == Route.Access.PUBLIC) {
                continue;
            }
            for (Map.Entry<Role, Http> client : clients.entrySet()) {
                Http.Response response = call(client.getValue(), route, "nothing-here");
                boolean allowed = client.getKey().includes(route.access().role().orElseThrow());
                if (allowed) {
                    assertThat(response.status()).as(client.getKey() + " " + route + " " + response.body()).isNotIn(401, 403);
                } else {
                    assertThat(response.status()).as(client.getKey() + " " + route + " " + response.body()).isEqualTo(403);
                    assertThat(response.json().path("error").asText()).isEqualTo("forbidden");
                    assertThat(response.json().path("message").asText()).contains(client.getKey().id());
                }
            }
        }
    }

    /** Analysts list, inspect and query the databases granted to them; for any other the answer is that of an unknown name. */
    @Test
    void analystsUseOnlyTheDatabasesGrantedToThem() {
        JsonNode listed = ana.get("/api/databases").json().path("databases");
        assertThat(listed.findValuesAsText("name")).containsExactly("granted");
        assertThat(admin.get("/api/databases").json().path("databases").findValuesAsText("name")).contains("granted", "secret");
        assertThat(ana.get("/api/databases/granted").status()).isEqualTo(200);
        Http.Response secret = ana.get("/api/databases/secret");
        Http.Response unknown = ana.get("/api/databases/no-such-db");
        assertThat(secret.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(secret.json().path("message").asText()).isEqualTo(unknown.json().path("message").asText().replace("no-such-db", "secret"));

        assertThat(ana.post("/api/query", body("database", "granted", "sql", "SELECT 1 AS one")).status()).isEqualTo(200);
        Http.Response refused = ana.post("/api/query", body("database", "secret", "sql", "SELECT 1 AS one"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(ana.post("/api/query/async", body("database", "secret", "sql", "SELECT 1 AS one")).status()).isEqualTo(404);
        assertThat(ana.get("/api/databases/granted/functions").status()).isEqualTo(200);
        assertThat(ana.get("/api/databases/secret/functions").status()).isEqualTo(404);
        assertThat(ana.post("/api/databases/granted/validate", body("sql", "SELECT 1 AS one")).status()).isEqualTo(200);
        Http.Response validateSecret = ana.post("/api/databases/secret/validate", body("sql", "SELECT 1 AS one"));
        assertThat(validateSecret.status()).as(validateSecret.body()).isEqualTo(404);
        assertThat(validateSecret.json().path("message").asText()).isEqualTo(unknown.json().path("message").asText().replace("no-such-db", "secret"));
        assertThat(admin.post("/api/query", body("database", "secret", "sql", "SELECT 1 AS one")).status()).as("admins use every database")
                .isEqualTo(200);
        assertThat(viewer.post("/api/query", body("database", "granted", "sql", "SELECT 1 AS one")).status()).isEqualTo(403);
        assertThat(viewer.post("/api/sql/limit", body("engine", "h2", "sql", "SELECT 1", "limit", 1)).status()).isEqualTo(200);
    }

    @Test
    void grantsAreManagedByAdminsAndTakeEffectAtOnce() {
        String name = "grantee-db";
        assertThat(admin.post("/api/databases", body("name", name, "url", h2Url, "user", "sa", "password", "h2-pw")).status()).isEqualTo(201);
        assertThat(bob.post("/api/query", body("database", name, "sql", "SELECT 1 AS one")).status()).isEqualTo(404);
        Http.Response granted = admin.post("/api/databases/" + name + "/grants", body("user", "bob"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().path("grantedBy").asText()).isEqualTo("root");
        assertThat(admin.post("/api/databases/" + name + "/grants", body("user", "bob")).status()).as("already there").isEqualTo(200);
        assertThat(admin.get("/api/databases/" + name + "/grants").json().path("grants").findValuesAsText("user")).containsExactly("bob");
        assertThat(bob.post("/api/query", body("database", name, "sql", "SELECT 1 AS one")).status()).isEqualTo(200);
        assertThat(bob.post("/api/databases/" + name + "/grants", body("user", "bob")).status()).as("analysts cannot grant").isEqualTo(403);
        assertThat(admin.post("/api/databases/no-such-db/grants", body("user", "bob")).status()).isEqualTo(404);
        assertThat(admin.post("/api/databases/" + name + "/grants", body("user", "bad name!")).status()).isEqualTo(400);
        assertThat(admin.send("DELETE", "/api/databases/" + name + "/grants", body("user", "bob"), "application/json").status()).isEqualTo(204);
        assertThat(admin.send("DELETE", "/api/databases/" + name + "/grants", body("user", "bob"), "application/json").status()).isEqualTo(404);
        assertThat(bob.post("/api/query", body("database", name, "sql", "SELECT 1 AS one")).status()).as("revoked at once").isEqualTo(404);

        // A database removed and registered again under the same name starts without the old grants.
        assertThat(admin.post("/api/databases/" + name + "/grants", body("user", "bob")).status()).isEqualTo(201);
        assertThat(admin.delete("/api/databases/" + name).status()).isEqualTo(204);
        assertThat(admin.post("/api/databases", body("name", name, "url", h2Url, "user", "sa", "password", "h2-pw")).status()).isEqualTo(201);
        assertThat(bob.get("/api/databases/" + name).status()).isEqualTo(404);
        assertThat(admin.delete("/api/databases/" + name).status()).isEqualTo(204);
    }

    /** Tasks: the owner and admins see and cancel them; for anyone else a task id does not exist. */
    @Test
    void tasksOfAnotherUserAreInvisible() throws Exception {
        Http.Response submitted = ana.post("/api/query/async", body("database", "granted", "sql", "SELECT 40 + 2 AS answer"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String task = submitted.json().path("taskId").asText();
        awaitState(ana, task, "SUCCEEDED");
        assertThat(ana.get("/api/tasks/" + task + "/result").json().path("rows").toString()).isEqualTo("[[42]]");
        assertThat(admin.get("/api/tasks/" + task + "/result").status()).as("admins see every task").isEqualTo(200);
        for (String path : List.of("/api/tasks/" + task, "/api/tasks/" + task + "/result")) {
            Http.Response foreign = bob.get(path);
            Http.Response unknown = bob.get(path.replace(task, "00000000-0000-0000-0000-000000000000"));
            assertThat(foreign.status()).as(path).isEqualTo(404);
            assertThat(foreign.body()).doesNotContain("rows", "answer");
            assertThat(foreign.json().path("message").asText()).isEqualTo(unknown.json().path("message").asText()
                    .replace("00000000-0000-0000-0000-000000000000", task));
        }
        assertThat(bob.delete("/api/tasks/" + task).status()).isEqualTo(404);
        assertThat(viewer.get("/api/tasks/" + task).status()).isEqualTo(403);
    }

    /** A running task of one analyst cannot be cancelled by another; its owner and admins can. */
    @Test
    void runningTasksAndQueriesAreCancelledOnlyByTheirOwnerOrAnAdmin() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/databases", body("name", name, "url", database.jdbcUrl(), "user", database.user().orElse(null),
                "password", database.password().orElse(null))).status()).isEqualTo(201);
        try {
            assertThat(admin.post("/api/databases/" + name + "/grants", body("user", "ana")).status()).isEqualTo(201);
            assertThat(admin.post("/api/databases/" + name + "/grants", body("user", "bob")).status()).isEqualTo(201);

            String task = ana.post("/api/query/async", body("database", name, "sql", "SELECT pg_sleep(30)")).json().path("taskId").asText();
            awaitState(ana, task, "RUNNING");
            assertThat(bob.delete("/api/tasks/" + task).status()).isEqualTo(404);
            assertThat(ana.get("/api/tasks/" + task).json().path("state").asText()).isEqualTo("RUNNING");
            assertThat(ana.delete("/api/tasks/" + task).status()).isEqualTo(202);
            awaitState(ana, task, "CANCELLED");

            String queryId = "ana-" + UUID.randomUUID();
            CompletableFuture<Http.Response> running = CompletableFuture.supplyAsync(() -> ana.post("/api/query",
                    body("database", name, "sql", "SELECT pg_sleep(30)", "queryId", queryId, "cache", false)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!server.runtime.queries().executor().runningQueries().contains(queryId) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.runtime.queries().executor().runningQueries()).contains(queryId);
            Http.Response foreign = bob.delete("/api/queries/" + queryId);
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.json().path("message").asText()).isEqualTo(bob.delete("/api/queries/no-such-query").json().path("message")
                    .asText().replace("no-such-query", queryId));
            Http.Response sameId = bob.post("/api/query", body("database", name, "sql", "SELECT 1", "queryId", queryId));
            assertThat(sameId.status()).as("another user cannot take a running query's id").isEqualTo(409);
            assertThat(server.runtime.queries().executor().runningQueries()).as("bob cancelled nothing").contains(queryId);
            assertThat(admin.delete("/api/queries/" + queryId).status()).as("admins cancel any query").isEqualTo(202);
            Http.Response cancelled = running.get(20, TimeUnit.SECONDS);
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(409);

            String own = "ana-" + UUID.randomUUID();
            CompletableFuture<Http.Response> second = CompletableFuture.supplyAsync(() -> ana.post("/api/query",
                    body("database", name, "sql", "SELECT pg_sleep(30)", "queryId", own, "cache", false)));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!server.runtime.queries().executor().runningQueries().contains(own) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ana.delete("/api/queries/" + own).status()).as("the owner cancels their query").isEqualTo(202);
            assertThat(second.get(20, TimeUnit.SECONDS).status()).isEqualTo(409);
        } finally {
            admin.delete("/api/databases/" + name);
        }
    }

    /** Every action is in the audit log, readable by admins only, without the password anywhere. */
    @Test
    void actionsAreAuditedWithoutSecrets() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String urlSecret = "url-" + UUID.randomUUID();
        String optionValue = "opt-" + UUID.randomUUID();
        String name = "audited";
        Http.Response created = admin.post("/api/databases", body("name", name,
                "url", "jdbc:postgresql://127.0.0.1:1/test?password=" + urlSecret, "user", "someone", "password", password,
                "options", Map.of("ApplicationName", optionValue), "verify", false)); // a closed port on purpose: no test connection
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/databases/granted/grants", body("user", "jwt:carol@example.com")).status()).isEqualTo(201);
        String sql = "SELECT 7 AS seven /* " + UUID.randomUUID() + " */";
        assertThat(ana.post("/api/query", body("database", "granted", "sql", sql, "cache", false)).status()).isEqualTo(200);
        assertThat(ana.post("/api/query", body("database", "granted", "sql", "SELECT * FROM no_such_table")).status()).isEqualTo(400);
        String task = ana.post("/api/query/async", body("database", "granted", "sql", sql)).json().path("taskId").asText();
        awaitState(ana, task, "SUCCEEDED");
        assertThat(server.anonymous().as("dbs_wrong").get("/api/engines").status()).isEqualTo(401);
        assertThat(admin.send("DELETE", "/api/databases/granted/grants", body("user", "jwt:carol@example.com"), "application/json").status())
                .isEqualTo(204);
        assertThat(admin.delete("/api/databases/" + name).status()).isEqualTo(204);

        assertThat(ana.get("/api/audit").status()).isEqualTo(403);
        assertThat(viewer.get("/api/audit").status()).isEqualTo(403);
        Http.Response audit = admin.get("/api/audit?limit=1000");
        assertThat(audit.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        audit.json().path("entries").forEach(entries::add);

        JsonNode register = find(entries, "database.register", name);
        assertThat(register.path("user").asText()).isEqualTo("root");
        assertThat(register.path("outcome").asText()).isEqualTo("ok");
        assertThat(register.path("details").path("engine").asText()).isEqualTo("postgresql");
        assertThat(register.path("details").path("optionNames").asText()).isEqualTo("ApplicationName");
        assertThat(register.path("details").path("url").asText()).contains("127.0.0.1:1/test");
        assertThat(find(entries, "database.remove", name).path("outcome").asText()).isEqualTo("ok");
        JsonNode grant = find(entries, "grant.add", "granted");
        assertThat(grant.path("details").path("target").asText()).isIn("ana", "bob", "jwt:carol@example.com");
        assertThat(entries.stream().anyMatch(e -> e.path("action").asText().equals("grant.remove")
                && e.path("details").path("target").asText().equals("jwt:carol@example.com"))).isTrue();

        JsonNode query = entries.stream().filter(e -> e.path("action").asText().equals("query") && e.path("sql").asText().equals(sql))
                .findFirst().orElseThrow();
        assertThat(query.path("user").asText()).isEqualTo("ana");
        assertThat(query.path("database").asText()).isEqualTo("granted");
        assertThat(query.path("sqlSha256").asText()).isEqualTo(sha256(sql));
        assertThat(query.path("rows").asLong()).isEqualTo(1);
        assertThat(query.path("durationMs").isIntegralNumber()).isTrue();
        assertThat(query.path("outcome").asText()).isEqualTo("ok");
        assertThat(entries.stream().anyMatch(e -> e.path("action").asText().equals("query")
                && e.path("outcome").asText().equals("missing_table"))).isTrue();
        assertThat(entries.stream().anyMatch(e -> e.path("action").asText().equals("query.async")
                && e.path("details").path("taskId").asText().equals(task) && e.path("outcome").asText().equals("accepted"))).isTrue();
        JsonNode run = entries.stream().filter(e -> e.path("action").asText().equals("query.async.run") && e.path("sql").asText().equals(sql))
                .findFirst().orElseThrow();
        assertThat(run.path("user").asText()).as("the owner travels with the task").isEqualTo("ana");
        assertThat(run.path("rows").asLong()).isEqualTo(1);
        JsonNode failed = entries.stream().filter(e -> e.path("action").asText().equals("auth.failed")).findFirst().orElseThrow();
        assertThat(failed.path("details").path("request").asText()).isEqualTo("GET /api/engines");
        assertThat(entries.stream().anyMatch(e -> e.path("action").asText().equals("user.add")
                && e.path("details").path("target").asText().equals("ana"))).isTrue();

        assertThat(audit.body()).doesNotContain(password, urlSecret, optionValue, "dbs_wrong");
        for (String token : tokens) {
            assertThat(audit.body()).doesNotContain(token, dev.dbspec.host.security.AccessTokens.hash(token));
        }
        JsonNode filtered = admin.get("/api/audit?user=ana&database=granted&action=query&limit=5").json().path("entries");
        assertThat(filtered.size()).isBetween(1, 5);
        filtered.forEach(e -> {
            assertThat(e.path("user").asText()).isEqualTo("ana");
            assertThat(e.path("database").asText()).isEqualTo("granted");
            assertThat(e.path("action").asText()).isEqualTo("query");
        });
        assertThat(admin.get("/api/audit?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/audit?limit=5000").status()).isEqualTo(400);
        assertThat(admin.get("/api/audit?colour=red").status()).isEqualTo(400);
        assertThat(admin.get("/api/audit?action=nonsense").status()).isEqualTo(400);
    }

    private static JsonNode find(List<JsonNode> entries, String action, String database) {
        return entries.stream().filter(e -> e.path("action").asText().equals(action) && e.path("database").asText().equals(database))
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " on " + database + " in " + entries));
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void awaitState(Http http, String taskId, String state) throws InterruptedException {
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
