package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.databases.DatabaseRegistration;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.secrets.SecretBox;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret appears in answers, logs (DEBUG of every library included) or the store's files. Databases
 * are registered over the REST API and the Java API with a distinct marker as the secret in every form
 * the issue lists (password field, URL userinfo of PostgreSQL and MySQL, Oracle's user/password@, a
 * percent-encoded and an escaped key, options such as passcode, OAuthPvtKey, headers.Authorization,
 * private_key_file_pwd), queried (so drivers and pools log and fail), listed, refused; then every HTTP
 * answer, the captured log and every byte of every file in the data directory are searched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsMaskingTest {
    @TempDir
    static Path dir;

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<String> markers = new ArrayList<>();
    private Path plugins;
    private LogCapture logs;

    @BeforeAll
    void start() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        logs = LogCapture.everythingAtDebug(dir.resolve("debug.log"));
    }

    @AfterAll
    void stop() {
        if (logs != null) {
            logs.close();
        }
    }

    /** A secret no other text contains. */
    private String marker(String form) {
        String marker = "Mk" + form + RUN;
        markers.add(marker);
        return marker;
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void restRegistrationsKeepSecretsOutOfAnswersLogsAndTheH2Store() throws Exception {
        TestDatabases.require("postgresql");
        TestDatabases.require("mysql");
        Path data = dir.resolve("rest-data");
        ServerRuntime runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", data).with("pool.max-wait-ms", 2_000),
                Optional.of(plugins));
        List<Http.Response> answers = new ArrayList<>();
        Map<String, Integer> created = new LinkedHashMap<>();
        try (RestServer server = RestServer.start(runtime, "127.0.0.1", 0)) {
            Http http = new Http(server.port(), runtime.security().addUser("test", "secrets-admin",
                    dev.dbspec.host.security.Role.ADMIN).token());
            String postgres = "jdbc:postgresql://127.0.0.1:5432/test";
            List<Map<String, Object>> registrations = List.of(
                    body("name", "pwfield", "url", "jdbc:h2:mem:pw" + RUN + ";DB_CLOSE_DELAY=-1", "user", "sa", "password", marker("PwField")),
                    body("name", "pguserinfo", "url", "jdbc:postgresql://postgres:" + marker("PgUserinfo") + "@127.0.0.1:5432/test"),
                    body("name", "myuserinfo", "url", "jdbc:mysql://root:" + marker("MyUserinfo") + "@127.0.0.1:3306/test"),
                    body("name", "oracle", "url", "jdbc:oracle:thin:scott/" + marker("Oracle") + "@127.0.0.1:1521/svc"),
                    body("name", "pgencoded", "url", postgres + "?%70ass%77ord=" + marker("PctKey"), "user", "postgres"),
                    // options the engine marks secret are accepted and masked; secret-looking ones it does not allow are
                    // refused without their value in the answer
                    body("name", "pgsecretoption", "url", postgres, "user", "postgres", "options", Map.of(
                            "sslpassword", marker("SslPassword"), "ApplicationName", "dbspec")),
                    body("name", "pgoptions", "url", postgres, "user", "postgres", "options", Map.of(
                            "passcode", marker("Passcode"), "OAuthPvtKey", marker("OAuthPvtKey"),
                            "headers.Authorization", "Bearer " + marker("Authorization"),
                            "private_key_file_pwd", marker("PrivateKeyPwd"))),
                    body("name", "snowflake", "url", "jdbc:snowflake://acct.snowflakecomputing.com/?user=u&private_key_file_pwd="
                            + marker("SnowflakeKeyPwd") + "&passcode=" + marker("SnowflakePasscode")),
                    body("name", "h2escaped", "url", "jdbc:h2:mem:esc" + RUN + ";PASS\\WORD=" + marker("Escaped")),
                    body("name", "refused", "url", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'x.sql';PASSWORD=" + marker("Refused")),
                    body("name", "unknown", "url", "jdbc:nosuchengine://u:" + marker("UnknownEngine") + "@h/db"));
            for (Map<String, Object> registration : registrations) {
                Http.Response answer = http.post("/api/databases", registration);
                answers.add(answer);
                if (answer.status() == 400 && answer.json().path("error").asText().equals("connection_failed")) {
                    // the test connection failed (a marker password is wrong on purpose): its refusal is checked for
                    // secrets too, then the registration is made without it
                    Map<String, Object> unchecked = new java.util.LinkedHashMap<>(registration);
                    unchecked.put("verify", false);
                    answer = http.post("/api/databases", unchecked);
                    answers.add(answer);
                }
                created.put((String) registration.get("name"), answer.status());
                if (answer.status() == 201) {
                    answers.add(http.post("/api/query", body("database", registration.get("name"), "sql", "SELECT 1")));
                    answers.add(http.get("/api/databases/" + registration.get("name")));
                }
            }
            // malformed JSON: the parser's message would quote the unquoted password
            Http.Response malformed = http.post("/api/databases", "{\"name\": \"bad\", \"password\": " + marker("Unquoted") + "}");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.json().path("error").asText()).isEqualTo("invalid_json");
            answers.add(malformed);
            answers.add(http.get("/api/databases"));
            answers.add(http.get("/api/health"));
        } finally {
            runtime.close();
        }
        // pgjdbc reads neither user:password@ (it takes it for the host name) nor percent-encoded names (a name with %);
        // Oracle's user/password@ form, options PostgreSQL's driver does not know and H2's escapes are refused by
        // the allow-lists: their secrets must not appear in the refusals either
        assertThat(created).containsEntry("pwfield", 201).containsEntry("pguserinfo", 400).containsEntry("myuserinfo", 201)
                .containsEntry("oracle", 400).containsEntry("pgencoded", 400).containsEntry("pgsecretoption", 201)
                .containsEntry("pgoptions", 400).containsEntry("h2escaped", 400).containsEntry("refused", 400)
                .containsEntry("unknown", 400);
        for (Http.Response answer : answers) {
            assertNoMarker("HTTP answer " + answer.status() + " " + answer.body(), answer.body() + answer.headers().map());
        }
        String listed = answers.get(answers.size() - 2).body();
        assertThat(listed).contains("jdbc:mysql://root:***@",
                "\"sslpassword\":\"***\"", "\"hasPassword\":true");
        String log = logs.text();
        assertThat(log).as("the capture works: INFO and dbspec's DEBUG").contains("registered database myuserinfo", "DEBUG");
        assertNoMarker("the DEBUG log", log);
        assertNoMarkerInFiles(data);
        assertOwnerOnly(data);
    }

    @Test
    void javaApiRegistrationsKeepSecretsOutOfErrorsLogsAndTheFileStore() throws Exception {
        TestDatabase mysql = TestDatabases.require("mysql");
        Path data = dir.resolve("api-data");
        ServerRuntime runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", data).with("store", "file")
                .with("pool.max-wait-ms", 2_000), Optional.of(plugins));
        List<String> texts = new ArrayList<>();
        try {
            var databases = runtime.databases();
            texts.add(databases.register("apipw", "jdbc:h2:mem:api" + RUN + ";DB_CLOSE_DELAY=-1", Optional.of("sa"),
                    Secret.of(marker("ApiPwField")), Map.of(), false).toString());
            texts.add(databases.register("apimysql", mysql.jdbcUrl().replace("//", "//root:" + marker("ApiMyUserinfo") + "@"),
                    Optional.empty(), Secret.none(), Map.of(), false).toString());
            texts.add(databases.register("apioptions", "jdbc:postgresql://127.0.0.1:5432/test", Optional.of("postgres"),
                    Secret.of(marker("ApiPgPassword")), Map.of("sslpassword", marker("ApiSslPassword"), "ApplicationName", "dbspec"), false).toString());
            try {
                databases.register("apirefused", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'x.sql'", Optional.of("sa"),
                        Secret.of(marker("ApiRefused")), Map.of("AUTH_TOKEN", marker("ApiRefusedToken")), false);
            } catch (RuntimeException e) {
                texts.add(e.getMessage());
            }
            for (String name : List.of("apipw", "apimysql", "apioptions")) {
                try {
                    texts.add(runtime.queries().executor().executeToString(new QueryRequest(name, Optional.empty(), "SELECT 1", 10,
                            Optional.empty(), "q-" + name)));
                } catch (RuntimeException e) {
                    texts.add(e.getMessage());
                }
            }
            for (DatabaseRegistration registration : databases.list()) {
                texts.add(registration.toString() + registration.redactedUrl() + registration.redactedOptions());
            }
            texts.add(runtime.health().toString());
        } finally {
            runtime.close();
        }
        assertThat(texts).anySatisfy(text -> assertThat(text).contains("INIT"));
        for (String text : texts) {
            assertNoMarker("Java API text " + text, text);
        }
        assertNoMarker("the DEBUG log", logs.text());
        assertNoMarkerInFiles(data);
        assertOwnerOnly(data);
        String stored = Files.readString(data.resolve("databases.json"));
        assertThat(stored).contains("\"sealed\" : \"" + SecretBox.PREFIX, "\"name\" : \"apimysql\"").doesNotContain("\"secret\"");
    }

    @Test
    void aSharedPostgresqlStoreHoldsOnlyCiphertext() throws Exception {
        TestDatabase postgres = TestDatabases.require("postgresql");
        String schema = "dbspec_secrets_" + RUN.toLowerCase();
        Properties properties = new Properties();
        postgres.user().ifPresent(user -> properties.setProperty("user", user));
        Path data = dir.resolve("pg-data");
        try (DbspecHost host = DbspecHost.start(Optional.of(plugins), false);
             Connection admin = Connections.open(host.registry().resolve("postgresql"), postgres.jdbcUrl(), properties);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            try {
                DbspecConfig config = DbspecConfig.defaults().with("data.dir", data)
                        .with("store", postgres.jdbcUrl() + "?currentSchema=" + schema).with("store.user", postgres.user().orElse("postgres"));
                try (ServerRuntime runtime = ServerRuntime.start(config, Optional.of(plugins))) {
                    runtime.databases().register("shared", "jdbc:mysql://root:" + marker("SharedUserinfo") + "@127.0.0.1:3306/test",
                            Optional.empty(), Secret.of(marker("SharedPassword")), Map.of("password1", marker("SharedOption")), true);
                }
                List<String> cells = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + schema + ".dbspec_databases")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            cells.add(meta.getColumnName(column) + "=" + rows.getString(column));
                        }
                    }
                }
                assertThat(cells).contains("name=shared", "secret=null", "options={}", "read_only=t")
                        .anySatisfy(cell -> assertThat(cell).startsWith("sealed=" + SecretBox.PREFIX));
                assertNoMarker("the PostgreSQL store", String.join("\n", cells));
                try (DbspecHost again = DbspecHost.start(Optional.of(plugins), false)) {
                    var store = ServerRuntime.store(config, again, ServerRuntime.storeKey(config).box(), false);
                    assertThat(store.load()).singleElement().satisfies(registration ->
                            assertThat(registration.secret().reveal()).contains("MkSharedPassword" + RUN));
                }
            } finally {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        assertNoMarker("the DEBUG log", logs.text());
        assertNoMarkerInFiles(data);
    }

    /**
     * A library that logs a driver failure at WARN (which passes the DEBUG filter) with the secret in
     * forms no rule can place: the redacting layout masks it by value, the URL by position, in the
     * message and in the stack trace.
     */
    @Test
    void libraryWarningsAndStackTracesAreRedacted() throws Exception {
        Path data = dir.resolve("warn-data");
        String password = marker("WarnPassword");
        String userinfo = marker("WarnUserinfo");
        try (ServerRuntime runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", data).with("store", "file"),
                Optional.of(plugins))) {
            runtime.databases().register("warned", "jdbc:mysql://root:" + userinfo + "@127.0.0.1:3306/test", Optional.of("root"),
                    Secret.of(password), Map.of(), false);
        }
        java.sql.SQLException failure = new java.sql.SQLException("Cannot connect to jdbc:mysql://root:" + userinfo + "@db:3306/x",
                new java.net.UnknownHostException("root:" + userinfo + "@db"));
        org.slf4j.LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool")
                .warn("dbspec-warned - login as root/{} failed", password, failure);
        org.slf4j.LoggerFactory.getLogger("org.mariadb.jdbc.client").error("handshake with '{}' refused", password);
        String log = logs.text();
        assertThat(log).contains("login as root/*** failed", "jdbc:mysql://root:***@db:3306/x", "UnknownHostException: root:***@db",
                "handshake with '***' refused");
        assertNoMarker("the log", log);
    }

    private void assertNoMarker(String where, String text) {
        for (String marker : markers) {
            assertThat(text).as("%s must not contain the secret %s", where, marker).doesNotContain(marker);
        }
    }

    /** Every byte of every file below {@code root}, H2's .mv.db included. */
    private void assertNoMarkerInFiles(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String marker : markers) {
                assertThat(bytes.contains(marker)).as("%s holds the secret %s", file, marker).isFalse();
            }
        }
    }

    /** The data directory 0700 and every file in it 0600. */
    static void assertOwnerOnly(Path data) {
        try (Stream<Path> walk = Files.walk(data)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
