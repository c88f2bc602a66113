package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.rest.OpenApiDocument;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.rest.Route;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabases;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/openapi.json}: any authenticated user reads it; it parses as OpenAPI 3 (swagger-parser, no messages);
 * its operations are exactly the route table's, each with the route's role in {@code x-dbspec-role} and the bearer scheme
 * on every non-public route; and real requests to the main JSON routes use only the properties their schema declares,
 * with every required one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiRestTest {
    @TempDir
    static Path dir;

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private ServerRuntime runtime;
    private RestServer server;
    private Http admin;
    private Http viewer;
    private OpenAPI api;
    private String document;

    @BeforeAll
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", dir.resolve("data")), Optional.of(plugins));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        admin = new Http(server.port(), runtime.security().addUser("test", "oa-admin", Role.ADMIN).token());
        viewer = admin.as(runtime.security().addUser("test", "oa-viewer", Role.VIEWER).token());
        Http.Response answer = viewer.get("/api/openapi.json");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        document = answer.body();
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(document, null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        api = parsed.getOpenAPI();
        assertThat(api).isNotNull();
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

    private Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.put(method.name() + " " + path, operation)));
        return operations;
    }

    /**
     * Swagger UI's page and files are public, the description behind them is not; only the named files are served
     * (the webjar's other files, such as its own initializer that loads the petstore description, are 404), and the
     * page runs this server's scripts only.
     */
    @Test
    void swaggerUiIsServedFromAnAllowListUnderAStrictPolicy() {
        Http anonymous = admin.anonymous();
        Http.Response page = anonymous.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "connect-src 'self'", "frame-ancestors 'none'");
        assertThat(page.body()).contains("/api/docs/swagger-ui-bundle.js", "/api/docs/dbspec-docs.js").doesNotContain("<script>");
        Http.Response bundle = anonymous.get("/api/docs/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(anonymous.get("/api/docs/dbspec-docs.js").body()).contains("sessionStorage");
        for (String other : List.of("swagger-initializer.js", "index.html", "swagger-ui.js", "..%2Fopenapi.json",
                "..%2F..%2F..%2FMETA-INF%2FMANIFEST.MF", "%2E%2E")) {
            Http.Response refused = anonymous.get("/api/docs/" + other);
            assertThat(refused.status()).as(other + ": " + refused.body()).isIn(400, 404);
            assertThat(refused.body()).doesNotContain("petstore", "Manifest-Version");
        }
        assertThat(anonymous.get("/api/openapi.json").status()).as("the description itself needs a token").isEqualTo(401);
    }

    @Test
    void itIsOpenApi3ForAuthenticatedUsersOnly() {
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");
        assertThat(admin.anonymous().get("/api/openapi.json").status()).isEqualTo(401);
        Route route = server.routes().stream().filter(r -> r.path().equals("/api/openapi.json")).findFirst().orElseThrow();
        assertThat(route.access()).isEqualTo(Route.Access.VIEWER);
    }

    @Test
    void itDescribesExactlyTheRouteTable() {
        Set<String> table = server.routes().stream().map(route -> route.method() + " " + route.path()).collect(Collectors.toSet());
        Set<String> served = new HashSet<>(server.registeredEndpoints());
        assertThat(table).as("the table is what Javalin serves").isEqualTo(served);
        Map<String, Operation> operations = operations();
        assertThat(operations.keySet()).containsExactlyInAnyOrderElementsOf(table);
        for (Route route : server.routes()) {
            Operation operation = operations.get(route.method() + " " + route.path());
            assertThat(operation.getExtensions()).as(route.path()).containsEntry(OpenApiDocument.ROLE_EXTENSION,
                    route.access().name().toLowerCase(Locale.ROOT));
            if (route.access() == Route.Access.PUBLIC) {
                assertThat(operation.getSecurity()).as(route.path()).isEmpty();
            } else {
                assertThat(operation.getSecurity()).as(route.path()).hasSize(1);
                assertThat(operation.getResponses()).as(route.path()).containsKeys("401", "403");
            }
            long pathParameters = route.path().chars().filter(c -> c == '{').count();
            assertThat(operation.getParameters() == null ? 0 : operation.getParameters().stream().filter(p -> p.getIn().equals("path")).count())
                    .as(route.path()).isEqualTo(pathParameters);
            if (route.jsonBody()) {
                assertThat(operation.getRequestBody().getContent()).as(route.path()).containsKey("application/json");
                assertThat(operation.getResponses()).as(route.path()).containsKeys("400", "413", "415");
            }
        }
        PathItem upload = api.getPaths().get("/api/databases/{name}/upload");
        assertThat(upload.getPost().getRequestBody().getContent()).containsKey("text/csv");
        assertThat(upload.getPost().getParameters()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("table");
            assertThat(p.getRequired()).isTrue();
        });
        assertThat(upload.getPost().getResponses()).containsKey("202");
        assertThat(api.getPaths().get("/api/query/async").getPost().getResponses()).containsKeys("202", "429");
        assertThat(api.getPaths().get("/api/databases").getPost().getResponses()).containsKeys("201", "409");
    }

    /** The schema of a JSON body, the {@code oneOf} branch named by {@code branch} (0 for a plain schema). */
    @SuppressWarnings("rawtypes")
    private Schema bodySchema(String method, String path, int branch) {
        Operation operation = operations().get(method + " " + path);
        Schema schema = operation.getRequestBody().getContent().get("application/json").getSchema();
        return schema.getOneOf() != null ? (Schema) schema.getOneOf().get(branch) : schema;
    }

    /** Sends {@code body} to the route and checks it against the route's declared schema before. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private Http.Response sendDeclared(String method, String template, String path, int branch, Map<String, Object> body, int expected) {
        Schema schema = bodySchema(method, template, branch);
        assertThat(((Map<String, ?>) schema.getProperties()).keySet()).as(template + " declares what is sent").containsAll(body.keySet());
        assertThat(body.keySet()).as(template + " sends what is required").containsAll((List<String>) schema.getRequired());
        Http.Response answer = admin.post(path, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(expected);
        return answer;
    }

    @Test
    void realRequestsMatchTheDeclaredBodies() {
        TestDatabases.require("postgresql");
        String byUrl = "oaurl" + RUN;
        String byParameters = "oaparams" + RUN;
        try {
            sendDeclared("POST", "/api/databases", "/api/databases", 0, map("name", byUrl, "url", "jdbc:postgresql://127.0.0.1:5432/test",
                    "user", "postgres", "readOnly", false, "verify", true), 201);
            sendDeclared("POST", "/api/databases", "/api/databases", 1, map("name", byParameters, "engine", "postgresql",
                    "parameters", map("host", "127.0.0.1", "port", 5432, "database", "test", "username", "postgres")), 201);
            Http.Response rows = sendDeclared("POST", "/api/query", "/api/query", 0, map("database", byUrl, "sql", "SELECT 42 AS answer",
                    "limit", 10, "cache", false), 200);
            assertThat(rows.json().path("rows").toString()).contains("42");
            sendDeclared("POST", "/api/query/async", "/api/query/async", 0, map("database", byParameters, "sql", "SELECT 1"), 202);
            sendDeclared("POST", "/api/databases/{name}/validate", "/api/databases/" + byUrl + "/validate", 0, map("sql", "SELECT 1"), 200);
            sendDeclared("POST", "/api/databases/{name}/estimate", "/api/databases/" + byUrl + "/estimate", 0, map("sql", "SELECT 1"), 200);
            String table = "oa_upload_" + RUN.toLowerCase(Locale.ROOT);
            Http.Response upload = admin.send("POST", "/api/databases/" + byUrl + "/upload?table=" + table, "a\n1\n", "text/csv");
            assertThat(upload.status()).as(upload.body()).isEqualTo(202);
            String taskId = upload.json().path("taskId").asText();
            for (int i = 0; i < 100 && !admin.get("/api/tasks/" + taskId).json().path("state").asText().matches("(?i)succeeded|failed|cancelled"); i++) {
                Thread.sleep(100);
            }
            admin.post("/api/query", map("database", byUrl, "sql", "DROP TABLE IF EXISTS " + table, "cache", false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            admin.delete("/api/databases/" + byUrl);
            admin.delete("/api/databases/" + byParameters);
        }
    }
}
