package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.api.ConnectionParameters;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registering databases by connection parameters over the REST API, against the live services (PostgreSQL, MariaDB
 * through its own driver and through Connector/J) and the embedded engines (H2, SQLite, DuckDB): each registration runs
 * a query, every answer (the POST's, {@code GET /api/databases/{name}}, the list) shows the parameters with each secret
 * as {@code ********}, and no answer holds a secret marker anywhere; refusals name each field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionParametersRestTest {
    @TempDir
    static Path dir;

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<String> markers = new ArrayList<>();
    private final List<Http.Response> answers = new ArrayList<>();
    private ServerRuntime runtime;
    private RestServer server;
    private Http admin;
    private Http viewer;
    private Path files;

    @BeforeAll
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", dir.resolve("data")).with("pool.max-wait-ms", 5_000),
                Optional.of(plugins));
        files = Files.createDirectories(dir.resolve("data").resolve("files"));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        admin = new Http(server.port(), runtime.security().addUser("test", "params-admin", Role.ADMIN).token());
        viewer = admin.as(runtime.security().addUser("test", "params-viewer", Role.VIEWER).token());
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

    /** A secret no other text contains. */
    private String marker(String form) {
        String marker = "Pm" + form + RUN;
        markers.add(marker);
        return marker;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private Http.Response keep(Http.Response answer) {
        answers.add(answer);
        return answer;
    }

    @Test
    void theSchemaRouteAnswersAnyAuthenticatedUser() {
        Http.Response schema = keep(viewer.get("/api/engines/postgresql/parameters"));
        assertThat(schema.status()).as(schema.body()).isEqualTo(200);
        JsonNode json = schema.json();
        assertThat(json.path("$schema").asText()).isEqualTo(ConnectionParameters.DIALECT);
        assertThat(json.path("required").toString()).contains("host", "database");
        assertThat(json.path("properties").path("port").path("default").asInt()).isEqualTo(5432);
        assertThat(json.path("properties").path("password").path("writeOnly").asBoolean()).isTrue();
        assertThat(json.path("properties").path("options").path("properties").path("sslpassword").path("writeOnly").asBoolean()).isTrue();
        assertThat(json.path("properties").path("options").path("properties").has("socketFactory")).as("refused options are not offered").isFalse();
        JsonNode sqlite = keep(viewer.get("/api/engines/sqlite/parameters")).json();
        assertThat(sqlite.path("properties").has("path")).isTrue();
        assertThat(sqlite.path("required").toString()).as("no path: an in-memory database").doesNotContain("path");
        assertThat(keep(viewer.get("/api/engines/postgres/parameters")).status()).as("an alias").isEqualTo(200);
        Http.Response unknown = keep(viewer.get("/api/engines/nosuchengine/parameters"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).isEqualTo("unknown_engine");
        assertThat(admin.anonymous().get("/api/engines/postgresql/parameters").status()).isEqualTo(401);
    }

    @Test
    void databasesRegisteredByParametersRunQueriesAndNeverShowASecret() throws Exception {
        TestDatabases.require("postgresql");
        TestDatabases.require("mariadb");
        String pgPassword = marker("PgPassword");
        String sslPassword = marker("SslPassword");
        String h2Password = marker("H2Password");
        Map<String, Map<String, Object>> registrations = new LinkedHashMap<>();
        registrations.put("postgresql", map("host", "127.0.0.1", "port", 5432, "database", "test", "username", "postgres",
                "password", pgPassword, "options", map("sslpassword", sslPassword, "ApplicationName", "dbspec-params")));
        registrations.put("mariadb", map("host", "127.0.0.1", "port", 3306, "database", "test", "username", "root"));
        registrations.put("mysql", map("host", "127.0.0.1", "port", 3306, "database", "test", "username", "root"));
        registrations.put("h2", map("database", "params" + RUN, "username", "sa", "password", h2Password));
        registrations.put("sqlite", map("path", files.resolve("params-" + RUN + ".db").toString()));
        registrations.put("duckdb", map("path", files.resolve("params-" + RUN + ".duckdb").toString()));
        List<String> names = new ArrayList<>();
        try {
            for (Map.Entry<String, Map<String, Object>> registration : registrations.entrySet()) {
                String engine = registration.getKey();
                String name = "params-" + engine + "-" + RUN;
                Http.Response created = keep(admin.post("/api/databases", map("name", name, "engine", engine,
                        "parameters", registration.getValue())));
                assertThat(created.status()).as(engine + ": " + created.body()).isEqualTo(201);
                names.add(name);
                JsonNode parameters = created.json().path("parameters");
                assertThat(created.json().path("engine").asText()).isEqualTo(engine);
                registration.getValue().forEach((field, value) -> {
                    if (field.equals("password")) {
                        assertThat(parameters.path("password").asText()).as(engine + ": the password is masked").isEqualTo(ConnectionParameters.MASK);
                    } else if (!field.equals("options")) {
                        assertThat(parameters.path(field).asText()).as(engine + ": " + field + " is shown as given").isEqualTo(String.valueOf(value));
                    }
                });
                if (engine.equals("postgresql")) {
                    assertThat(parameters.path("options").path("sslpassword").asText()).isEqualTo(ConnectionParameters.MASK);
                    assertThat(parameters.path("options").path("ApplicationName").asText()).isEqualTo("dbspec-params");
                    assertThat(created.json().path("user").asText()).isEqualTo("postgres");
                    assertThat(created.json().path("hasPassword").asBoolean()).isTrue();
                    assertThat(created.json().path("url").asText()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
                }
                Http.Response query = keep(admin.post("/api/query", map("database", name, "sql", "SELECT 1")));
                assertThat(query.status()).as(engine + " query: " + query.body()).isEqualTo(200);
                assertThat(query.json().path("rows").toString()).as(engine).isEqualTo("[[1]]");
                Http.Response described = keep(admin.get("/api/databases/" + name));
                assertThat(described.json().path("parameters")).as(engine + ": GET shows the same parameters").isEqualTo(parameters);
            }
            Http.Response listed = keep(admin.get("/api/databases"));
            assertThat(listed.body()).contains("\"password\":\"" + ConnectionParameters.MASK + "\"");
            Http.Response audit = keep(admin.get("/api/audit?limit=100&action=database.register"));
            assertThat(audit.status()).as(audit.body()).isEqualTo(200);
            assertThat(audit.body()).contains("parameterNames");
            // the store seals the password and the secret options: no file of the data directory holds a marker
            try (java.util.stream.Stream<Path> walk = Files.walk(dir.resolve("data"))) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                    for (String marker : List.of(pgPassword, sslPassword, h2Password)) {
                        assertThat(bytes).as(file.toString()).doesNotContain(marker);
                    }
                }
            }
        } finally {
            for (String name : names) {
                admin.delete("/api/databases/" + name);
            }
        }
        for (Http.Response answer : answers) {
            for (String marker : markers) {
                assertThat(answer.body()).as("answer " + answer.status()).doesNotContain(marker);
            }
        }
    }

    @Test
    void refusedParametersAreNamedFieldByField() {
        String password = marker("RefusedPassword");
        Http.Response refused = keep(admin.post("/api/databases", map("name", "params-refused", "engine", "postgresql", "parameters",
                map("host", "db;socketFactory=x", "port", 70000, "nosuch", 1, "password", password,
                        "options", map("socketFactory", "org.example.Evil", "dbspecNoSuchOption", "1", "sslpassword", 7)))));
        assertThat(refused.status()).isEqualTo(400);
        JsonNode json = refused.json();
        assertThat(json.path("error").asText()).isEqualTo("invalid_parameters");
        List<String> fields = new ArrayList<>();
        json.path("fields").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("database", "host", "nosuch", "port", "options.socketFactory",
                "options.dbspecNoSuchOption", "options.sslpassword");
        assertThat(json.path("fields").path("port").asText()).contains("65535");
        assertThat(json.path("fields").path("options.sslpassword").asText()).contains("string");
        assertThat(refused.body()).doesNotContain(password).doesNotContain("org.example.Evil");

        Http.Response port = keep(admin.post("/api/databases", map("name", "params-port", "engine", "postgresql",
                "parameters", map("host", "127.0.0.1", "port", "5432", "database", "test"))));
        assertThat(port.json().path("fields").path("port").asText()).isEqualTo("must be an integer");

        Http.Response both = keep(admin.post("/api/databases", map("name", "params-both", "engine", "postgresql",
                "url", "jdbc:postgresql://127.0.0.1:5432/test", "parameters", map("host", "127.0.0.1", "database", "test"))));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("error").asText()).isEqualTo("invalid_request");
        Http.Response noEngine = keep(admin.post("/api/databases", map("name", "params-noengine", "parameters", map("host", "h"))));
        assertThat(noEngine.status()).isEqualTo(400);
        assertThat(noEngine.json().path("message").asText()).contains("'engine' is required");
        // the engine's own vetting still applies: a local file outside the files directory is refused
        Http.Response outside = keep(admin.post("/api/databases", map("name", "params-outside", "engine", "sqlite",
                "parameters", map("path", "/tmp/dbspec-outside-" + RUN + ".db"))));
        assertThat(outside.status()).as(outside.body()).isEqualTo(400);
        assertThat(admin.get("/api/databases/params-outside").status()).isEqualTo(404);
        // an analyst may not register
        Http analyst = admin.as(runtime.security().addUser("test", "params-analyst-" + RUN.substring(0, 4), Role.ANALYST).token());
        assertThat(analyst.post("/api/databases", map("name", "params-analyst", "engine", "h2", "parameters", map("database", "x")))
                .status()).isEqualTo(403);
    }

    @Test
    void aUrlRegistrationShowsItsParametersMasked() {
        String password = marker("UrlPassword");
        String name = "params-url-" + RUN;
        Http.Response created = keep(admin.post("/api/databases", map("name", name, "url", "jdbc:postgresql://127.0.0.1:5432/test?ApplicationName=dbspec",
                "user", "postgres", "password", password)));
        try {
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode parameters = created.json().path("parameters");
            assertThat(parameters.path("host").asText()).isEqualTo("127.0.0.1");
            assertThat(parameters.path("password").asText()).isEqualTo(ConnectionParameters.MASK);
            assertThat(parameters.path("options").path("ApplicationName").asText()).isEqualTo("dbspec");
            assertThat(created.body()).doesNotContain(password);
        } finally {
            admin.delete("/api/databases/" + name);
        }
    }
}
