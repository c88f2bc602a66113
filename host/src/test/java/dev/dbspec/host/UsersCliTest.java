package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.AccessTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code dbspec users} and {@code dbspec tokens} on the same store as {@code serve}: the printed token
 * works over HTTP, rotation and removal take effect at once; the bootstrap admin; no token in logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersCliTest {
    @TempDir
    static Path dir;

    private Path plugins;

    @BeforeAll
    void plugins() {
        plugins = SecuredServer.plugins(dir);
    }

    private CliRunner.Run cli(String... args) {
        return CliRunner.run(plugins, args);
    }

    @Test
    void usersAddedByTheCliAuthenticateAndRotationAndRemovalTakeEffectAtOnce() throws Exception {
        String data = dir.resolve("cli-data").toString();
        CliRunner.Run added = cli("users", "add", "alice", "--role", "analyst", "--data-dir", data);
        assertThat(added.exitCode()).as(added.err()).isZero();
        String token = added.out().strip();
        assertThat(token).matches("dbs_[A-Za-z0-9_-]{43}");
        assertThat(added.err()).contains("shown only now").doesNotContain(token);
        assertThat(cli("users", "add", "admin1", "--role", "admin", "--data-dir", data).exitCode()).isZero();

        CliRunner.Run again = cli("users", "add", "alice", "--role", "viewer", "--data-dir", data);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
        assertThat(again.out()).isEmpty();
        assertThat(cli("users", "add", "bad name", "--role", "viewer", "--data-dir", data).exitCode()).isEqualTo(2);
        CliRunner.Run badRole = cli("users", "add", "carl", "--role", "root", "--data-dir", data);
        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.err()).contains("admin, analyst or viewer");

        CliRunner.Run listed = cli("users", "list", "--data-dir", data);
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("alice", "analyst", "admin1").doesNotContain(token, AccessTokens.hash(token));
        JsonNode json = Http.MAPPER.readTree(cli("users", "list", "--json", "--data-dir", data).out());
        assertThat(json.findValuesAsText("name")).containsExactly("admin1", "alice");
        assertThat(json.get(1).path("role").asText()).isEqualTo("analyst");
        assertThat(json.get(1).has("tokenHash")).isFalse();

        try (SecuredServer server = SecuredServer.start(plugins, DbspecConfig.defaults().with("data.dir", Path.of(data)))) {
            Http alice = server.as(token);
            assertThat(alice.get("/api/engines").status()).isEqualTo(200);
            assertThat(alice.get("/api/audit").status()).as("an analyst").isEqualTo(403);

            CliRunner.Run rotated = cli("tokens", "rotate", "alice", "--data-dir", data);
            assertThat(rotated.exitCode()).as(rotated.err()).isZero();
            String newToken = rotated.out().strip();
            assertThat(newToken).startsWith("dbs_").isNotEqualTo(token);
            assertThat(alice.get("/api/engines").status()).as("the old token, at once").isEqualTo(401);
            assertThat(server.as(newToken).get("/api/engines").status()).isEqualTo(200);

            CliRunner.Run removed = cli("users", "remove", "alice", "--data-dir", data);
            assertThat(removed.exitCode()).as(removed.err()).isZero();
            assertThat(server.as(newToken).get("/api/engines").status()).as("removed, at once").isEqualTo(401);
            assertThat(cli("users", "remove", "alice", "--data-dir", data).exitCode()).isEqualTo(1);
            assertThat(cli("tokens", "rotate", "alice", "--data-dir", data).exitCode()).isEqualTo(1);

            String adminToken = cli("tokens", "rotate", "admin1", "--data-dir", data).out().strip();
            JsonNode audit = server.as(adminToken).get("/api/audit?limit=50").json().path("entries");
            String actor = "cli:" + System.getProperty("user.name");
            for (String action : List.of("user.add", "token.rotate", "user.remove")) {
                boolean found = false;
                for (JsonNode entry : audit) {
                    found |= entry.path("action").asText().equals(action) && entry.path("user").asText().equals(actor)
                            && entry.path("details").path("target").asText().equals("alice");
                }
                assertThat(found).as(action + " in " + audit).isTrue();
            }
            assertThat(audit.toString()).doesNotContain(token, newToken, AccessTokens.hash(token));
        }
        byte[] store = Files.readAllBytes(Path.of(data, "metadata.mv.db"));
        String text = new String(store, StandardCharsets.ISO_8859_1);
        assertThat(text).as("tokens are stored as hashes only").doesNotContain(token.substring(4, 30));
    }

    /** {@code store=file} from a configuration file: the same commands, JSON files readable by their owner only. */
    @Test
    void theFileStoreIsSharedThroughTheConfigurationFile() throws Exception {
        Path data = dir.resolve("file-data");
        Path config = dir.resolve("file.properties");
        Files.writeString(config, "store=file\ndata.dir=" + data + "\n");
        CliRunner.Run added = cli("users", "add", "ops", "--role", "admin", "--config", config.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        String token = added.out().strip();
        DbspecConfig loaded = DbspecConfig.load(Optional.of(config), Map.of());
        try (SecuredServer server = SecuredServer.start(plugins, loaded)) {
            assertThat(server.as(token).get("/api/audit").status()).isEqualTo(200);
        }
        for (String file : List.of("users.json", "audit.jsonl")) {
            Path path = data.resolve(file);
            assertThat(path).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(file).isEqualTo("rw-------");
            assertThat(Files.readString(path)).doesNotContain(token);
        }
        assertThat(Files.readString(data.resolve("users.json"))).contains(AccessTokens.hash(token));
    }

    @Test
    void withoutUsersEveryRouteButHealthIs401AndTheLogSaysWhatToDo() {
        ListAppender<ILoggingEvent> logs = capture(Level.INFO);
        try (SecuredServer server = SecuredServer.start(plugins, DbspecConfig.defaults().with("data.dir", dir.resolve("empty")))) {
            for (dev.dbspec.host.rest.Route route : server.server.routes()) {
                Http.Response response = route.jsonBody()
                        ? server.anonymous().send(route.method(), RouteSamples.path(route, "x"), "{}", "application/json")
                        : server.anonymous().request(route.method(), RouteSamples.path(route, "x"));
                assertThat(response.status()).as(route.toString()).isEqualTo(route.access() == dev.dbspec.host.rest.Route.Access.PUBLIC ? 200 : 401);
            }
        } finally {
            release(logs);
        }
        assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage)).anyMatch(message -> message.contains("no user exists yet")
                && message.contains("dbspec users add NAME --role admin") && message.contains("DBSPEC_BOOTSTRAP_ADMIN_TOKEN"));
    }

    @Test
    void theBootstrapTokenCreatesTheFirstAdminOnlyAndMustBeStrong() {
        String strong = "Zq3" + java.util.UUID.randomUUID().toString().replace("-", "") + "Kx9";
        assertThat(DbspecConfig.load(Optional.empty(), Map.of("DBSPEC_BOOTSTRAP_ADMIN_TOKEN", strong)).bootstrapAdminToken()).contains(strong);
        Path data = dir.resolve("bootstrap");
        DbspecConfig config = DbspecConfig.defaults().with("data.dir", data);
        ListAppender<ILoggingEvent> logs = capture(Level.DEBUG);
        try (SecuredServer server = SecuredServer.start(plugins, config.with("bootstrap.admin-token", strong))) {
            Http admin = server.as(strong);
            assertThat(admin.get("/api/audit").status()).isEqualTo(200);
            assertThat(admin.get("/api/audit?action=user.bootstrap").json().path("entries").get(0).path("details").path("target").asText())
                    .isEqualTo("admin");
            assertThat(admin.post("/api/sql/limit", Map.of("engine", "h2", "sql", "SELECT 1", "limit", 1)).status()).isEqualTo(200);
            assertThat(server.as(strong + "x").get("/api/engines").status()).isEqualTo(401);
        } finally {
            release(logs);
        }
        assertThat(logs.list).as("a DEBUG log of the HTTP layer saw the requests").isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String logged = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(logged).as("no token in any log line, DEBUG included (" + event.getLoggerName() + ")").doesNotContain(strong.substring(3, 20));
        }

        String other = "Yw7" + java.util.UUID.randomUUID().toString().replace("-", "") + "Pq2";
        try (SecuredServer server = SecuredServer.start(plugins, config.with("bootstrap.admin-token", other))) {
            assertThat(server.as(other).get("/api/engines").status()).as("users exist: the variable is ignored").isEqualTo(401);
            assertThat(server.as(strong).get("/api/engines").status()).isEqualTo(200);
        }

        for (String weak : List.of("short-token", "a".repeat(40), "ab".repeat(20), "abcd".repeat(10), "correct horse battery staple 1234")) {
            try (ServerRuntime runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", dir.resolve("weak-" + weak.length()))
                    .with("bootstrap.admin-token", weak), Optional.of(plugins))) {
                assertThatThrownBy(() -> RestServer.start(runtime, "127.0.0.1", 0)).as(weak)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DBSPEC_BOOTSTRAP_ADMIN_TOKEN")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(weak));
                assertThat(runtime.security().store().users()).isEmpty();
            }
        }
    }

    private static Level previous;

    private static ListAppender<ILoggingEvent> capture(Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        appender.setName("test-" + level);
        root.setLevel(level);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(previous);
        appender.stop();
    }
}
