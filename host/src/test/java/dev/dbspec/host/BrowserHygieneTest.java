package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps a web page from driving the API, and errors that are JSON whatever goes wrong: JSON bodies
 * only with {@code application/json} (415), a Host allow-list against DNS rebinding (421), no CORS unless
 * configured, foreign origins refused, JSON 404, 405 with {@code Allow}, 413, strict JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserHygieneTest {
    @TempDir
    static Path dir;

    private SecuredServer server;
    private SecuredServer corsServer;
    private String token;
    private Http admin;

    @BeforeAll
    void start() {
        Path plugins = SecuredServer.plugins(dir);
        server = SecuredServer.start(plugins, DbspecConfig.defaults().with("data.dir", dir.resolve("data"))
                .with("http.allowed-hosts", "dbspec.internal.example, proxy.example:8443"));
        token = server.addUser("root", Role.ADMIN);
        admin = server.as(token);
        corsServer = SecuredServer.start(plugins, DbspecConfig.defaults().with("data.dir", dir.resolve("data-cors"))
                .with("http.cors-origins", "https://app.example.com"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (corsServer != null) {
            corsServer.close();
        }
    }

    private static final String LIMIT = "{\"engine\":\"h2\",\"sql\":\"SELECT 1\",\"limit\":1}";

    /** A form or a simple cross-origin request (text/plain) cannot send JSON: refused before it is read. */
    @Test
    void jsonRoutesTakeApplicationJsonOnly() {
        assertThat(admin.send("POST", "/api/sql/limit", LIMIT, "application/json").status()).isEqualTo(200);
        assertThat(admin.send("POST", "/api/sql/limit", LIMIT, "application/json; charset=UTF-8").status()).isEqualTo(200);
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json-patch+json", "application/json; charset=iso-8859-1", "text/plain; a=application/json"}) {
            Http.Response refused = admin.send("POST", "/api/sql/limit", LIMIT, type);
            assertThat(refused.status()).as(type).isEqualTo(415);
            assertThat(refused.json().path("error").asText()).isEqualTo("unsupported_media_type");
        }
        Http.Response none = admin.send("POST", "/api/databases", "{\"name\":\"x\",\"url\":\"jdbc:h2:mem:x\"}", null);
        assertThat(none.status()).isEqualTo(415);
        assertThat(admin.get("/api/databases").json().path("databases").size()).as("nothing registered").isZero();
    }

    /** A page whose name was rebound to 127.0.0.1 sends its own Host: refused, health included. */
    @Test
    void onlyThisServersHostNamesAreAnswered() {
        int port = server.port();
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "dbspec.internal.example",
                "dbspec.internal.example:" + port, "proxy.example:8443"}) {
            SecuredServer.Raw ok = SecuredServer.raw(port, SecuredServer.get("/api/engines", host, "Authorization: Bearer " + token));
            assertThat(ok.status()).as(host).isEqualTo(200);
        }
        for (String host : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1:1", "localhost", "proxy.example:9999",
                "127.0.0.1.evil.example:" + port, "dbspec.internal.example.evil:" + port}) {
            for (String path : new String[] {"/api/engines", "/api/health"}) {
                SecuredServer.Raw refused = SecuredServer.raw(port, SecuredServer.get(path, host, "Authorization: Bearer " + token));
                assertThat(refused.status()).as(host + " " + path).isEqualTo(421);
                assertThat(refused.header("Content-Type")).startsWith("application/json");
                assertThat(refused.body()).contains("\"error\":\"misdirected_request\"");
            }
        }
        String http10 = "GET /api/health HTTP/1.0\r\n\r\n";
        assertThat(SecuredServer.raw(port, http10).status()).as("no Host at all").isIn(400, 421);
    }

    /** Without http.cors-origins no origin gets CORS headers, and a foreign browser origin is refused outright. */
    @Test
    void noCorsUnlessConfiguredAndForeignOriginsAreRefused() {
        int port = server.port();
        SecuredServer.Raw foreign = SecuredServer.raw(port, SecuredServer.get("/api/engines", "127.0.0.1:" + port,
                "Authorization: Bearer " + token, "Origin: https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("origin_not_allowed");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
        SecuredServer.Raw sameOrigin = SecuredServer.raw(port, SecuredServer.get("/api/engines", "127.0.0.1:" + port,
                "Authorization: Bearer " + token, "Origin: http://127.0.0.1:" + port));
        assertThat(sameOrigin.status()).isEqualTo(200);
        assertThat(sameOrigin.header("Access-Control-Allow-Origin")).isNull();
        String preflight = "OPTIONS /api/query HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: https://evil.example\r\n"
                + "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n";
        SecuredServer.Raw refusedPreflight = SecuredServer.raw(port, preflight);
        assertThat(refusedPreflight.status()).isEqualTo(403);
        assertThat(refusedPreflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refusedPreflight.header("Access-Control-Allow-Methods")).isNull();

        SecuredServer.Raw nullOrigin = SecuredServer.raw(port, SecuredServer.get("/api/engines", "127.0.0.1:" + port,
                "Authorization: Bearer " + token, "Origin: null"));
        assertThat(nullOrigin.status()).as("sandboxed frames and file: pages").isEqualTo(403);
    }

    @Test
    void configuredOriginsGetCorsAndOthersDoNot() {
        int port = corsServer.port();
        String corsToken = corsServer.addUser("cors-admin", Role.ADMIN);
        String preflight = "OPTIONS /api/query HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: https://app.example.com\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type\r\nConnection: close\r\n\r\n";
        SecuredServer.Raw answered = SecuredServer.raw(port, preflight);
        assertThat(answered.status()).isEqualTo(204);
        assertThat(answered.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(answered.header("Access-Control-Allow-Methods")).isEqualTo("POST");
        assertThat(answered.header("Access-Control-Allow-Headers")).contains("Authorization");
        assertThat(answered.header("Access-Control-Allow-Credentials")).isNull();
        SecuredServer.Raw get = SecuredServer.raw(port, SecuredServer.get("/api/engines", "127.0.0.1:" + port,
                "Authorization: Bearer " + corsToken, "Origin: https://app.example.com"));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        SecuredServer.Raw anonymous = SecuredServer.raw(port, SecuredServer.get("/api/engines", "127.0.0.1:" + port,
                "Origin: https://app.example.com"));
        assertThat(anonymous.status()).as("CORS is no authentication").isEqualTo(401);
        SecuredServer.Raw other = SecuredServer.raw(port, SecuredServer.get("/api/engines", "127.0.0.1:" + port,
                "Authorization: Bearer " + corsToken, "Origin: https://app.example.com.evil.example"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerJson() {
        Http.Response unknown = admin.get("/api/nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(unknown.json().path("error").asText()).isEqualTo("not_found");

        Http.Response put = admin.send("PUT", "/api/databases", "{}", "application/json");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(put.json().path("error").asText()).isEqualTo("method_not_allowed");
        Http.Response deleteEngines = admin.delete("/api/engines");
        assertThat(deleteEngines.status()).isEqualTo(405);
        assertThat(deleteEngines.headers().firstValue("Allow")).contains("GET");
        Http.Response postTask = admin.send("POST", "/api/tasks/some-id", "{}", "application/json");
        assertThat(postTask.status()).isEqualTo(405);
        assertThat(postTask.headers().firstValue("Allow")).contains("GET, DELETE");
        Http.Response grants = admin.request("PATCH", "/api/databases/x/grants");
        assertThat(grants.status()).isEqualTo(405);
        assertThat(grants.headers().firstValue("Allow")).contains("GET, POST, DELETE");
    }

    /** Requests Jetty refuses before the API sees them get JSON too, not Jetty's HTML page. */
    @Test
    void requestsTheHttpLayerRefusesAnswerJson() throws Exception {
        int port = server.port();
        SecuredServer.Raw tooLarge = SecuredServer.raw(port, SecuredServer.get("/api/health", "127.0.0.1:" + port, "X-Big: " + "a".repeat(20_000)));
        assertThat(tooLarge.status()).isEqualTo(431);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/json");
        assertThat(Http.MAPPER.readTree(tooLarge.body()).path("error").asText()).isEqualTo("request_header_fields_too_large");
        SecuredServer.Raw badHeader = SecuredServer.raw(port, SecuredServer.get("/api/health", "127.0.0.1:" + port, "Bad Header"));
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.header("Content-Type")).startsWith("application/json");
        assertThat(badHeader.body()).startsWith("{\"error\":").doesNotContain("<html");
    }

    /** A body over 1 MB is refused with JSON, whether its length is announced or it is chunked. */
    @Test
    void oversizedBodiesAnswerJson413() throws Exception {
        byte[] big = ("{\"engine\":\"h2\",\"limit\":1,\"sql\":\"SELECT '" + "x".repeat(1_100_000) + "'\"}").getBytes(StandardCharsets.UTF_8);
        for (boolean chunked : new boolean[] {false, true}) {
            String response = postRaw(big, chunked);
            assertThat(response).as(response).startsWith("HTTP/1.1 413");
            assertThat(response.toLowerCase(java.util.Locale.ROOT)).as(response).contains("content-type: application/json");
            assertThat(response).contains("\"payload_too_large\"");
        }
    }

    /**
     * POSTs {@code body} to /api/sql/limit over a raw socket, announced by Content-Length or chunked. The server refuses
     * while the body is still arriving and closes the connection, so the answer is read on a thread of its own from the
     * first byte (an HTTP client that writes the whole body first may lose it to the reset), and writes failing after
     * the answer are expected.
     */
    private String postRaw(byte[] body, boolean chunked) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000); // a kept-alive connection ends the read by this timeout
            java.util.concurrent.CompletableFuture<String> reply = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                try {
                    java.io.InputStream in = socket.getInputStream();
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        read.write(buffer, 0, n);
                    }
                } catch (java.io.IOException closed) {
                    // the server closed or reset after its answer: keep what arrived
                }
                return read.toString(StandardCharsets.UTF_8);
            });
            java.io.OutputStream out = socket.getOutputStream();
            try {
                out.write(("POST /api/sql/limit HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int at = 0; at < body.length; at += 65_536) {
                    int length = Math.min(65_536, body.length - at);
                    if (chunked) {
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(body, at, length);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (java.io.IOException refusedWhileSending) {
                // expected once the server has answered 413 and closed
            }
            return reply.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Only one JSON object: trailing content and duplicate keys are refused, not read past or overwritten. */
    @Test
    void jsonBodiesAreReadStrictly() {
        for (String body : new String[] {LIMIT + " trailing", LIMIT + "{}", LIMIT + "]",
                "{\"engine\":\"h2\",\"sql\":\"SELECT 1\",\"limit\":1,\"limit\":1000}",
                "{\"engine\":\"h2\",\"sql\":\"SELECT 1\",\"limit\":1,\"options\":{\"a\":1,\"a\":2}}"}) {
            Http.Response refused = admin.send("POST", "/api/sql/limit", body, "application/json");
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).as(body).isEqualTo("invalid_json");
        }
        assertThat(admin.send("POST", "/api/sql/limit", LIMIT + "  \n", "application/json").status()).as("white space is fine").isEqualTo(200);
        Http.Response dupName = admin.send("POST", "/api/databases", "{\"name\":\"a\",\"name\":\"b\",\"url\":\"jdbc:h2:mem:dup\"}", "application/json");
        assertThat(dupName.status()).isEqualTo(400);
        assertThat(admin.get("/api/databases").json().path("databases").size()).isZero();
    }
}
