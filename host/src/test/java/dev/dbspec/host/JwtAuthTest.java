package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC bearer tokens over real HTTP: RSA and EC keys generated here, their JWKS served on loopback by the
 * JDK's HTTP server, tokens signed here; every way a token can be wrong is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAuthTest {
    private static final String ISSUER = "https://idp.example.com/realms/dbspec";
    private static final String AUDIENCE = "dbspec-api";

    @TempDir
    static Path dir;

    private RSAKey key;
    private ECKey ecKey;
    private OctetSequenceKey hmacKey;
    private HttpServer jwks;
    private SecuredServer server;
    private Http admin;

    @BeforeAll
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        // A provider that (wrongly) also publishes a symmetric key: HS256 tokens made with it must still be refused.
        hmacKey = new OctetSequenceKeyGenerator(256).keyID("hmac-1").generate();
        byte[] published = new JWKSet(List.of(key.toPublicJWK(), ecKey.toPublicJWK(), hmacKey)).toString(false).getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, published.length);
            exchange.getResponseBody().write(published);
            exchange.close();
        });
        jwks.start();
        server = SecuredServer.start(SecuredServer.plugins(dir), config(dir.resolve("data")));
        admin = server.as(server.addUser("root", Role.ADMIN));
        String url = "jdbc:h2:mem:jwt_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        for (String name : List.of("shared", "private")) {
            assertThat(admin.post("/api/databases", Map.of("name", name, "url", url)).status()).isEqualTo(201);
        }
        assertThat(admin.post("/api/databases/shared/grants", Map.of("user", "jwt:alice")).status()).isEqualTo(201);
        assertThat(admin.post("/api/databases/shared/grants", Map.of("user", "alice")).status()).isEqualTo(201);
    }

    private DbspecConfig config(Path data) {
        return DbspecConfig.defaults().with("data.dir", data)
                .with("auth.jwt.jwks-url", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json")
                .with("auth.jwt.issuer", ISSUER).with("auth.jwt.audience", AUDIENCE);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    private static JWTClaimsSet.Builder claims(String subject, Object roles) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(AUDIENCE, "other-app")).subject(subject)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        if (roles != null) {
            claims.claim("roles", roles);
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, String keyId, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String rsa(JWTClaimsSet claims) throws Exception {
        return sign(claims, JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(key));
    }

    private String rsa(Consumer<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder builder = claims("alice", List.of("analyst"));
        change.accept(builder);
        return rsa(builder.build());
    }

    @Test
    void aValidTokenGivesTheRoleOfItsClaimUnderItsOwnName() throws Exception {
        Http alice = server.as(rsa(claims("alice", List.of("viewer", "analyst")).build()));
        assertThat(alice.get("/api/engines").status()).isEqualTo(200);
        assertThat(alice.get("/api/databases").json().path("databases").findValuesAsText("name")).containsExactly("shared");
        assertThat(alice.post("/api/query", Map.of("database", "private", "sql", "SELECT 1 AS one")).status()).isEqualTo(404);
        assertThat(alice.post("/api/databases", Map.of("name", "x", "url", "jdbc:h2:mem:x")).status()).isEqualTo(403);

        Http viaEc = server.as(sign(claims("alice", "analyst").build(), JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ecKey)));
        assertThat(viaEc.get("/api/databases").status()).as("ES256, a role given as a string").isEqualTo(200);
        Http boss = server.as(rsa(claims("boss", List.of("admin")).build()));
        assertThat(boss.get("/api/audit?limit=1").status()).isEqualTo(200);
        Http reader = server.as(rsa(claims("reader", List.of("viewer", "superuser")).build()));
        assertThat(reader.get("/api/databases").status()).as("unknown role names count for nothing").isEqualTo(403);
        assertThat(reader.get("/api/engines").status()).isEqualTo(200);
    }

    /** jwt:alice and the local user alice are two people: neither sees the other's tasks. */
    @Test
    void oidcUsersAndLocalUsersNeverShareAName() throws Exception {
        Http oidcAlice = server.as(rsa(claims("alice", List.of("analyst")).build()));
        Http localAlice = server.as(server.addUser("alice", Role.ANALYST));
        String task = oidcAlice.post("/api/query/async", Map.of("database", "shared", "sql", "SELECT 1 AS one")).json().path("taskId").asText();
        assertThat(oidcAlice.get("/api/tasks/" + task).status()).isEqualTo(200);
        assertThat(localAlice.get("/api/tasks/" + task).status()).isEqualTo(404);
        String audit = admin.get("/api/audit?action=query.async&limit=10").body();
        assertThat(audit).contains("\"user\":\"jwt:alice\"");
    }

    @Test
    void invalidTokensAre401() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        RSAKey unknownKid = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();
        JWTClaimsSet good = claims("alice", List.of("admin")).build();
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("expired", rsa(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(600)))));
        tokens.put("not yet valid", rsa(b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));
        tokens.put("without exp", rsa(b -> b.expirationTime(null)));
        tokens.put("wrong issuer", rsa(b -> b.issuer("https://evil.example.com")));
        tokens.put("no issuer", rsa(b -> b.issuer(null)));
        tokens.put("wrong audience", rsa(b -> b.audience("other-app")));
        tokens.put("no audience", rsa(b -> b.audience((String) null)));
        tokens.put("no subject", rsa(b -> b.subject(null)));
        tokens.put("control characters in the subject", rsa(b -> b.subject("alice\nroot")));
        tokens.put("wrong key, same kid", sign(good, JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(impostor)));
        tokens.put("unknown kid", sign(good, JWSAlgorithm.RS256, "rsa-unknown", new RSASSASigner(unknownKid)));
        tokens.put("alg none", new PlainJWT(good).serialize());
        tokens.put("HS256 keyed with the public key", sign(good, JWSAlgorithm.HS256, "rsa-1",
                new MACSigner(key.toRSAPublicKey().getEncoded())));
        tokens.put("HS256 random secret", sign(good, JWSAlgorithm.HS256, null, new MACSigner(new byte[32])));
        tokens.put("HS256 with a symmetric key the JWKS publishes", sign(good, JWSAlgorithm.HS256, "hmac-1", new MACSigner(hmacKey)));
        String valid = rsa(good);
        tokens.put("tampered payload", valid.substring(0, valid.indexOf('.') + 1)
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(claims("mallory", List.of("admin")).build()
                .toString().getBytes(StandardCharsets.UTF_8)) + valid.substring(valid.lastIndexOf('.')));
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            Http.Response refused = server.as(token.getValue()).get("/api/engines");
            assertThat(refused.status()).as(token.getKey() + ": " + refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        }
        assertThat(server.as(valid).get("/api/audit?limit=1").status()).as("the same claims, signed right").isEqualTo(200);
        String audit = admin.get("/api/audit?action=auth.failed&limit=100").body();
        assertThat(audit).contains("invalid JWT");
        for (String token : tokens.values()) {
            assertThat(audit).doesNotContain(token);
        }
    }

    @Test
    void aValidTokenWithoutRoleIs403() throws Exception {
        Http.Response noRole = server.as(rsa(claims("dave", null).build())).get("/api/engines");
        assertThat(noRole.status()).isEqualTo(403);
        assertThat(noRole.json().path("message").asText()).contains("no dbspec role", "roles");
        assertThat(server.as(rsa(claims("dave", List.of()).build())).get("/api/engines").status()).isEqualTo(403);
    }

    /** Settings that would accept too much refuse to start. */
    @Test
    void unsafeOidcSettingsAreRefused() {
        Path plugins = SecuredServer.plugins(dir);
        DbspecConfig base = DbspecConfig.defaults().with("data.dir", dir.resolve("refused"));
        String jwksUrl = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
        assertThatThrownBy(() -> ServerRuntime.start(base.with("auth.jwt.jwks-url", jwksUrl).with("auth.jwt.audience", AUDIENCE),
                Optional.of(plugins))).hasMessageContaining("auth.jwt.issuer is required");
        assertThatThrownBy(() -> ServerRuntime.start(base.with("auth.jwt.jwks-url", jwksUrl).with("auth.jwt.issuer", ISSUER),
                Optional.of(plugins))).hasMessageContaining("auth.jwt.audience is required");
        assertThatThrownBy(() -> ServerRuntime.start(base.with("auth.jwt.jwks-url", "http://idp.example.com/jwks.json")
                .with("auth.jwt.issuer", ISSUER).with("auth.jwt.audience", AUDIENCE), Optional.of(plugins)))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> ServerRuntime.start(base.with("auth.jwt.issuer", ISSUER), Optional.of(plugins)))
                .hasMessageContaining("auth.jwt.jwks-url is not");
    }
}
