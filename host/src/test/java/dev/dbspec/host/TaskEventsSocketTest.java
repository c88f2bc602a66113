package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's WebSocket ({@code /api/ws}): nothing reaches a socket that has not sent a valid token as its first
 * message, a foreign browser origin cannot open one, and a user receives the events of their own tasks only, live and
 * when resuming after a reconnect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskEventsSocketTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http ana;
    private String anaToken;
    private String bobToken;
    private String viewerToken;
    private final String database = "con_ws_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void start() {
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
        Http admin = server.as(server.addUser("root", Role.ADMIN));
        anaToken = server.addUser("ana", Role.ANALYST);
        bobToken = server.addUser("bob", Role.ANALYST);
        viewerToken = server.addUser("vic", Role.VIEWER);
        ana = server.as(anaToken);
        String url = "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
        assertThat(admin.post("/api/databases", Map.of("name", database, "url", url, "user", "sa")).status()).isEqualTo(201);
        for (String user : List.of("ana", "bob")) {
            assertThat(admin.post("/api/databases/" + database + "/grants", Map.of("user", user)).status()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A client socket that records every text message and how it closed. */
    static final class Listener implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Http.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(-1);
        }

        List<JsonNode> events() {
            return messages.stream().filter(message -> message.path("type").asText().equals("task")).toList();
        }

        boolean ready() {
            return messages.stream().anyMatch(message -> message.path("type").asText().equals("ready"));
        }
    }

    private WebSocket open(Listener listener, String... headers) throws Exception {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + RestServer.EVENTS_PATH), listener).get(10, TimeUnit.SECONDS);
    }

    /** Opens a socket and signs in with {@code token}; waits for the "ready" answer. */
    private Listener signedIn(String token, long after) throws Exception {
        Listener listener = new Listener();
        WebSocket socket = open(listener);
        socket.sendText(Http.MAPPER.writeValueAsString(Map.of("token", token, "after", after)), true).get(5, TimeUnit.SECONDS);
        waitFor(listener::ready, "the ready message");
        return listener;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    /** Submits a task as ana and returns its id. */
    private String anaTask() {
        Http.Response submitted = ana.post("/api/query/async", Map.of("database", database, "sql", "SELECT 42 AS answer"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        return submitted.json().path("taskId").asText();
    }

    private static boolean ended(Listener listener, String taskId) {
        return listener.events().stream().anyMatch(event -> event.path("taskId").asText().equals(taskId)
                && event.path("state").asText().equals("SUCCEEDED"));
    }

    @Test
    void aUserReceivesTheirOwnTaskEventsOnlyLiveAndOnResume() throws Exception {
        Listener anaSocket = signedIn(anaToken, -1);
        Listener bobSocket = signedIn(bobToken, -1);
        long before = anaSocket.messages.get(0).path("seq").asLong();
        String taskId = anaTask();
        waitFor(() -> ended(anaSocket, taskId), "ana sees her task end");
        Thread.sleep(500); // a further poll round: anything sent to bob has arrived by now
        assertThat(bobSocket.events()).as("bob receives none of ana's events").isEmpty();

        // a reconnect with "after" replays what was missed, to its owner only
        Listener anaAgain = signedIn(anaToken, before);
        waitFor(() -> ended(anaAgain, taskId), "ana's replay");
        assertThat(anaAgain.events()).allSatisfy(event -> assertThat(event.path("seq").asLong()).isGreaterThan(before));
        Listener bobAgain = signedIn(bobToken, 0);
        Thread.sleep(300);
        assertThat(bobAgain.events()).as("bob's replay holds none of ana's events").isEmpty();
    }

    @Test
    void aSocketWithoutAValidTokenGetsNothingAndIsClosed() throws Exception {
        Map<String, String> firstMessages = Map.of(
                "no token", "{\"after\": 0}",
                "not JSON", "Bearer " + anaToken,
                "bad token", "{\"token\": \"dbs_" + "A".repeat(43) + "\", \"after\": 0}",
                "a viewer (runs no tasks)", "{\"token\": \"" + viewerToken + "\", \"after\": 0}");
        for (Map.Entry<String, String> first : firstMessages.entrySet()) {
            Listener listener = new Listener();
            WebSocket socket = open(listener);
            anaTask(); // events exist while it waits
            socket.sendText(first.getValue(), true).get(5, TimeUnit.SECONDS);
            assertThat(listener.closed.get(10, TimeUnit.SECONDS)).as(first.getKey()).isEqualTo(1008);
            assertThat(listener.messages).as(first.getKey() + ": nothing is sent before a valid token").isEmpty();
        }
        // the token in the URL is not read either: the socket still has to send it
        Listener inUrl = new Listener();
        WebSocket socket = CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
                + RestServer.EVENTS_PATH + "?token=" + anaToken), inUrl).get(10, TimeUnit.SECONDS);
        socket.sendText("{}", true).get(5, TimeUnit.SECONDS);
        assertThat(inUrl.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(inUrl.messages).isEmpty();
    }

    @Test
    void aSocketThatNeverSendsATokenIsClosedAfterTheTimeout() throws Exception {
        Listener silent = new Listener();
        open(silent);
        anaTask();
        // TaskEvents.AUTH_TIMEOUT is 10 s
        assertThat(silent.closed.get(20, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(silent.messages).isEmpty();
    }

    @Test
    void aForeignBrowserOriginCannotOpenASocket() throws Exception {
        assertThatThrownBy(() -> open(new Listener(), "Origin", "http://evil.example"))
                .isInstanceOf(ExecutionException.class).rootCause().hasMessageContaining("status code 403");
        // the server's own origin opens it
        Listener same = new Listener();
        WebSocket socket = open(same, "Origin", "http://127.0.0.1:" + server.port());
        socket.sendText(Http.MAPPER.writeValueAsString(Map.of("token", anaToken)), true).get(5, TimeUnit.SECONDS);
        waitFor(same::ready, "the same origin is served");
        // a foreign Host (DNS rebinding) is refused before the upgrade too
        SecuredServer.Raw rebound = SecuredServer.raw(server.port(), "GET " + RestServer.EVENTS_PATH + " HTTP/1.1\r\nHost: evil.example\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(rebound.status()).isEqualTo(421);
    }
}
