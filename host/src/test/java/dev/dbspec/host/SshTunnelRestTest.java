package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import dev.dbspec.tunnel.HostKeyPin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH tunnels end to end: a MINA SSHD server started here on loopback (a generated Ed25519 host key, password and public-key
 * authentication, TCP forwarding allowed only to the live PostgreSQL at 127.0.0.1:5432), databases registered through it
 * over REST by URL and by parameters, queried, removed. A host key other than the pinned one and a wrong password are
 * refused before any pool exists; the tunnel's local port stops accepting when the database is removed; the SSH password,
 * private keys and passphrase never appear in answers, the DEBUG log or the data directory's files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshTunnelRestTest {
    @TempDir
    static Path dir;

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String sshPassword = "SshPw" + RUN;
    private final String passphrase = "SshPassphrase" + RUN;
    private final List<String> secrets = new ArrayList<>();
    private final List<Http.Response> answers = new ArrayList<>();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger refusedForwards = new AtomicInteger();
    private final List<String> passwordsTried = new CopyOnWriteArrayList<>();
    private final List<PublicKey> clientKeys = new CopyOnWriteArrayList<>();
    private TestDatabase postgres;
    private SshServer ssh;
    private KeyPair hostKey;
    private LogCapture logs;
    private ServerRuntime runtime;
    private RestServer server;
    private Http admin;
    private Path data;

    @BeforeAll
    void start() throws Exception {
        postgres = TestDatabases.require("postgresql");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        logs = LogCapture.everythingAtDebug(dir.resolve("debug.log"));
        secrets.add(sshPassword);
        secrets.add(passphrase);

        hostKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        ssh = SshServer.setUpDefaultServer();
        ssh.setHost("127.0.0.1");
        ssh.setPort(0);
        ssh.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        ssh.setPasswordAuthenticator((user, password, session) -> {
            passwordsTried.add(password);
            return user.equals("tunnel") && password.equals(sshPassword);
        });
        ssh.setPublickeyAuthenticator((user, key, session) -> user.equals("tunnel")
                && clientKeys.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
        ssh.setForwardingFilter(new ForwardingFilter() {
            @Override
            public boolean canForwardAgent(Session session, String requestType) {
                return false;
            }

            @Override
            public boolean canForwardX11(Session session, String requestType) {
                return false;
            }

            @Override
            public boolean canListen(SshdSocketAddress address, Session session) {
                return false;
            }

            @Override
            public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                boolean allowed = type == Type.Direct && address.getHostName().equals("127.0.0.1") && address.getPort() == 5432;
                (allowed ? forwarded : refusedForwards).incrementAndGet();
                return allowed;
            }
        });
        ssh.start();

        data = dir.resolve("data");
        runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", data).with("pool.max-wait-ms", 5_000), Optional.of(plugins));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        admin = new Http(server.port(), runtime.security().addUser("test", "ssh-admin", Role.ADMIN).token());
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
            if (runtime != null) {
                runtime.close();
            }
            if (ssh != null) {
                ssh.stop(true);
            }
        } finally {
            if (logs != null) {
                logs.close();
            }
        }
    }

    private Http.Response keep(Http.Response answer) {
        answers.add(answer);
        return answer;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private Map<String, Object> passwordTunnel(String pin, String password) {
        return map("host", "127.0.0.1", "port", ssh.getPort(), "user", "tunnel", "password", password, "hostKey", pin);
    }

    private Map<String, Object> byUrl(String name, Map<String, Object> tunnel) {
        // no test connection at registration: these tests check what the tunnel does when queries open it
        return map("name", name, "url", postgres.jdbcUrl(), "user", postgres.user().orElse("postgres"), "sshTunnel", tunnel, "verify", false);
    }

    /** An OpenSSH private key in PEM, encrypted with {@code passphrase} when given; remembered as a secret. */
    private String privateKey(KeyPair key, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setPassword(passphrase);
            encryption.setCipherName("AES");
            encryption.setCipherMode("CTR");
            encryption.setCipherType("256");
        }
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "dbspec-test", encryption, pem);
        String text = pem.toString(StandardCharsets.US_ASCII);
        secrets.add(text);
        text.lines().filter(line -> !line.startsWith("-----") && line.length() >= 40).forEach(secrets::add);
        return text;
    }

    private void queryAnswersOne(String name) {
        Http.Response query = keep(admin.post("/api/query", map("database", name, "sql", "SELECT 1 AS one")));
        assertThat(query.status()).as(query.body()).isEqualTo(200);
        assertThat(query.json().path("rows").toString()).isEqualTo("[[1]]");
    }

    @Test
    void passwordTunnelByUrlQueriesPostgresqlAndClosesWithTheDatabase() throws Exception {
        String name = "sshpw" + RUN;
        int before = forwarded.get();
        Http.Response created = keep(admin.post("/api/databases", byUrl(name, passwordTunnel(PublicKeyEntry.toString(hostKey.getPublic()), sshPassword))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode tunnel = created.json().path("sshTunnel");
        assertThat(tunnel.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(tunnel.path("port").asInt()).isEqualTo(ssh.getPort());
        assertThat(tunnel.path("user").asText()).isEqualTo("tunnel");
        assertThat(tunnel.path("auth").asText()).isEqualTo("password");
        assertThat(tunnel.path("password").asText()).isEqualTo("********");
        assertThat(tunnel.path("hostKeyFingerprint").asText()).isEqualTo(HostKeyPin.fingerprintOf(hostKey.getPublic()));
        assertThat(runtime.databases().openTunnels()).doesNotContain(name); // registering connects nothing

        queryAnswersOne(name);
        assertThat(forwarded.get()).as("the connection went through the SSH server's forward").isGreaterThan(before);
        assertThat(runtime.databases().openTunnels()).contains(name);
        int localPort = runtime.databases().tunnelPort(name).orElseThrow();
        assertThat(localPort).isNotEqualTo(5432);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", localPort), 2_000); // the forward listens while the pool lives
        }
        assertThat(keep(admin.get("/api/databases/" + name)).json().path("sshTunnel").path("password").asText()).isEqualTo("********");

        // the session drops (server restart, network): the next borrow opens a new one
        ssh.getActiveSessions().forEach(session -> session.close(true));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (runtime.databases().openTunnels().contains(name) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(runtime.databases().openTunnels()).as("the dropped session is seen").doesNotContain(name);
        Http.Response afterDrop = keep(admin.post("/api/query", map("database", name, "sql", "SELECT 2 AS two")));
        // a pooled connection made before the drop may fail once; HikariCP evicts it and the next one goes through a new session
        if (afterDrop.status() != 200) {
            afterDrop = keep(admin.post("/api/query", map("database", name, "sql", "SELECT 2 AS two")));
        }
        assertThat(afterDrop.status()).as(afterDrop.body()).isEqualTo(200);
        assertThat(runtime.databases().openTunnels()).contains(name);
        int reopenedPort = runtime.databases().tunnelPort(name).orElseThrow();

        assertThat(keep(admin.delete("/api/databases/" + name)).status()).isEqualTo(204);
        assertThat(runtime.databases().openTunnels()).doesNotContain(name);
        assertThat(runtime.databases().tunnelPort(name)).isEmpty();
        for (int port : Set.of(localPort, reopenedPort)) {
            try (Socket socket = new Socket()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000))
                        .as("the forwarded port %d stops accepting once the database is removed", port).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void rsaAndEd25519KeysByParametersWithAFingerprintPin() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        KeyPair ed25519 = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        clientKeys.add(rsa.getPublic());
        clientKeys.add(ed25519.getPublic());
        String pin = HostKeyPin.fingerprintOf(hostKey.getPublic());
        int passwordsBefore = passwordsTried.size();
        Map<String, Map<String, Object>> tunnels = new LinkedHashMap<>();
        tunnels.put("sshrsa" + RUN, map("host", "127.0.0.1", "port", Integer.toString(ssh.getPort()), "user", "tunnel",
                "privateKey", privateKey(rsa, null), "hostKey", pin));
        tunnels.put("sshed" + RUN, map("host", "127.0.0.1", "port", ssh.getPort(), "user", "tunnel",
                "privateKey", privateKey(ed25519, passphrase), "passphrase", passphrase, "hostKey", "[127.0.0.1]:" + ssh.getPort() + " "
                        + PublicKeyEntry.toString(hostKey.getPublic())));
        for (Map.Entry<String, Map<String, Object>> entry : tunnels.entrySet()) {
            Http.Response created = keep(admin.post("/api/databases", map("name", entry.getKey(), "engine", "postgresql",
                    "parameters", map("host", "127.0.0.1", "port", 5432, "database", "test", "username", postgres.user().orElse("postgres")),
                    "sshTunnel", entry.getValue())));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("sshTunnel").path("privateKey").asText()).isEqualTo("********");
            assertThat(created.json().path("sshTunnel").path("auth").asText()).isEqualTo("privateKey");
            queryAnswersOne(entry.getKey());
            assertThat(runtime.databases().openTunnels()).contains(entry.getKey());
            assertThat(keep(admin.delete("/api/databases/" + entry.getKey())).status()).isEqualTo(204);
        }
        assertThat(passwordsTried).as("key authentication only").hasSize(passwordsBefore);
    }

    @Test
    void anotherHostKeyIsRefusedAndNothingConnects() throws Exception {
        String name = "sshwrongkey" + RUN;
        KeyPair other = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        int forwardsBefore = forwarded.get();
        int passwordsBefore = passwordsTried.size();
        Http.Response created = keep(admin.post("/api/databases", byUrl(name, passwordTunnel(PublicKeyEntry.toString(other.getPublic()), sshPassword))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response query = keep(admin.post("/api/query", map("database", name, "sql", "SELECT 1")));
        assertThat(query.status()).as(query.body()).isEqualTo(502);
        assertThat(query.json().path("error").asText()).isEqualTo("ssh_tunnel_failed");
        assertThat(query.json().path("message").asText()).contains("database '" + name + "'", "presented the host key "
                + HostKeyPin.fingerprintOf(hostKey.getPublic()), "not the pinned " + HostKeyPin.fingerprintOf(other.getPublic()));
        assertThat(passwordsTried).as("no password is sent to a server with another host key").hasSize(passwordsBefore);
        assertThat(forwarded.get()).as("nothing forwarded").isEqualTo(forwardsBefore);
        assertThat(runtime.databases().openPools()).doesNotContain(name);
        assertThat(runtime.databases().openTunnels()).doesNotContain(name);
        // the same database with a fingerprint pin of another key: refused too
        Http.Response again = keep(admin.post("/api/query", map("database", name, "sql", "SELECT 1")));
        assertThat(again.status()).isEqualTo(502);
        assertThat(keep(admin.delete("/api/databases/" + name)).status()).isEqualTo(204);
    }

    @Test
    void aWrongPasswordIsRefused() {
        String name = "sshwrongpw" + RUN;
        String wrong = "WrongSshPw" + RUN;
        secrets.add(wrong);
        int forwardsBefore = forwarded.get();
        assertThat(keep(admin.post("/api/databases", byUrl(name, passwordTunnel(HostKeyPin.fingerprintOf(hostKey.getPublic()), wrong)))).status())
                .isEqualTo(201);
        Http.Response query = keep(admin.post("/api/query", map("database", name, "sql", "SELECT 1")));
        assertThat(query.status()).as(query.body()).isEqualTo(502);
        assertThat(query.json().path("message").asText()).contains("refused user 'tunnel' with the given password");
        assertThat(passwordsTried).contains(wrong);
        assertThat(forwarded.get()).isEqualTo(forwardsBefore);
        assertThat(runtime.databases().openPools()).doesNotContain(name);
        assertThat(keep(admin.delete("/api/databases/" + name)).status()).isEqualTo(204);
    }

    /**
     * The pin holds when the tunnel opens again: an SSH server replaced, on the same port, by one with another host key gets
     * no credential, and the query fails naming the key.
     */
    @Test
    void aReopenedTunnelStillChecksThePinnedKey() throws Exception {
        KeyPair firstKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        List<String> tried = new CopyOnWriteArrayList<>();
        SshServer first = server(firstKey, 0, tried);
        int port = first.getPort();
        String name = "sshswap" + RUN;
        SshServer second = null;
        try {
            assertThat(keep(admin.post("/api/databases", map("name", name, "url", postgres.jdbcUrl(), "user", postgres.user().orElse("postgres"),
                    "sshTunnel", map("host", "127.0.0.1", "port", port, "user", "tunnel", "password", sshPassword,
                            "hostKey", PublicKeyEntry.toString(firstKey.getPublic())), "verify", false))).status()).isEqualTo(201);
            queryAnswersOne(name);
            assertThat(tried).hasSize(1);
            first.stop(true);
            second = server(KeyUtils.generateKeyPair("ssh-ed25519", 256), port, tried);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (runtime.databases().openTunnels().contains(name) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Http.Response refused = keep(admin.post("/api/query", map("database", name, "sql", "SELECT 1")));
            assertThat(refused.status()).as(refused.body()).isNotEqualTo(200);
            assertThat(refused.json().path("message").asText()).as(refused.body()).contains("not the pinned");
            assertThat(tried).as("no password sent to the replaced server").hasSize(1);
        } finally {
            keep(admin.delete("/api/databases/" + name));
            first.stop(true);
            if (second != null) {
                second.stop(true);
            }
        }
    }

    /** A password-only SSH server on {@code port} (0: any) forwarding to the live PostgreSQL only. */
    private SshServer server(KeyPair key, int port, List<String> tried) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(key));
        server.setPasswordAuthenticator((user, password, session) -> {
            tried.add(password);
            return password.equals(sshPassword);
        });
        server.setForwardingFilter(ssh.getForwardingFilter());
        server.start();
        return server;
    }

    @Test
    void theEnginesListSaysWhichEnginesCanBeTunnelled() {
        Http.Response engines = keep(admin.get("/api/engines"));
        Map<String, Boolean> tunnelled = new LinkedHashMap<>();
        engines.json().path("engines").forEach(engine -> tunnelled.put(engine.path("id").asText(), engine.path("sshTunneling").asBoolean()));
        assertThat(tunnelled).containsEntry("postgresql", true).containsEntry("mysql", true).containsEntry("h2", true)
                .containsEntry("hsqldb", true).containsEntry("derby", true) // their network servers (serverUrlTemplate)
                .containsEntry("sqlite", false).containsEntry("duckdb", false);
    }

    @Test
    void malformedTunnelsAndEmbeddedEnginesAreRefused() {
        String pin = HostKeyPin.fingerprintOf(hostKey.getPublic());
        Map<String, Object> noHostKey = passwordTunnel(pin, sshPassword);
        noHostKey.remove("hostKey");
        Http.Response missing = keep(admin.post("/api/databases", byUrl("sshnokey" + RUN, noHostKey)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("message").asText()).contains("hostKey is required", "never trusts a host key on first use");

        Map<String, Object> both = passwordTunnel(pin, sshPassword);
        both.put("privateKey", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----");
        assertThat(keep(admin.post("/api/databases", byUrl("sshboth" + RUN, both))).json().path("message").asText()).contains("exactly one");

        Http.Response badPin = keep(admin.post("/api/databases", byUrl("sshbadpin" + RUN, passwordTunnel("SHA256:short", sshPassword))));
        assertThat(badPin.status()).isEqualTo(400);
        assertThat(badPin.json().path("message").asText()).contains("43 base64");

        Http.Response embedded = keep(admin.post("/api/databases", map("name", "sshh2" + RUN, "url", "jdbc:h2:mem:ssh" + RUN,
                "sshTunnel", passwordTunnel(pin, sshPassword))));
        assertThat(embedded.status()).as(embedded.body()).isEqualTo(400);
        assertThat(embedded.json().path("message").asText()).contains("sshTunnel", "h2");
        Http.Response notObject = keep(admin.post("/api/databases", map("name", "sshstr" + RUN, "url", postgres.jdbcUrl(), "sshTunnel", "ssh://x")));
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(keep(admin.get("/api/databases")).body()).doesNotContain("sshnokey", "sshboth", "sshbadpin", "sshh2", "sshstr");
    }

    /**
     * The tunnel is sealed in the store and read back by another runtime on the same data directory, which opens it on first
     * use; closing that runtime closes the tunnel.
     */
    @Test
    void aStoredTunnelIsReadBackAndClosesWithTheRuntime() throws Exception {
        Path shared = dir.resolve("restart-data");
        String name = "sshrestart" + RUN;
        dev.dbspec.tunnel.SshTunnelConfig config = new dev.dbspec.tunnel.SshTunnelConfig("127.0.0.1", ssh.getPort(), "tunnel",
                Optional.of(sshPassword), Optional.empty(), Optional.empty(), PublicKeyEntry.toString(hostKey.getPublic()));
        Path plugins = dir.resolve("plugins");
        try (ServerRuntime first = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", shared).with("store", "file"), Optional.of(plugins))) {
            assertThat(first.databases().register(name, postgres.jdbcUrl(), postgres.user(), dev.dbspec.host.databases.Secret.none(), Map.of(),
                    false, false, Optional.of(config)).toString()).contains("sshTunnel=SshTunnelConfig[tunnel@127.0.0.1:" + ssh.getPort())
                    .doesNotContain(sshPassword);
        }
        int port;
        ServerRuntime second = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", shared).with("store", "file"), Optional.of(plugins));
        try {
            assertThat(second.databases().registration(name).orElseThrow().sshTunnel()).contains(config);
            var database = second.databases().database(name, Optional.empty());
            try (var connection = database.pool().getConnection(); var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
            }
            port = second.databases().tunnelPort(name).orElseThrow();
            // a connection beside the pool (impersonation's connectAs, another catalog) goes through the same tunnel
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", postgres.user().orElse("postgres"));
            dev.dbspec.api.ConnectionUrl beside = second.databases().throughTunnel(database, postgres.jdbcUrl(), properties);
            assertThat(beside.url()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/test");
            assertThat(beside.properties()).containsEntry("user", postgres.user().orElse("postgres"));
        } finally {
            second.close();
        }
        try (Socket socket = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000))
                    .as("the tunnel closed with the runtime").isInstanceOf(ConnectException.class);
        }
        String stored = Files.readString(shared.resolve("databases.json"));
        assertThat(stored).contains(name).doesNotContain(sshPassword, "sshTunnel", "tunnel@");
    }

    /** Runs last by name order in practice, but checks only what every other test left: answers, the log, the files. */
    @Test
    void zzSecretsAppearInNoAnswerLogOrStoreFile() throws Exception {
        // a registration kept in the store, so its sealed form is among the files searched
        String name = "sshkept" + RUN;
        assertThat(keep(admin.post("/api/databases", byUrl(name, passwordTunnel(HostKeyPin.fingerprintOf(hostKey.getPublic()), sshPassword)))).status())
                .isEqualTo(201);
        queryAnswersOne(name);
        Http.Response listed = keep(admin.get("/api/databases"));
        // read back from the sealed store: the tunnel is there, masked
        assertThat(listed.body()).contains("\"name\":\"" + name + "\"", "\"sshTunnel\":{\"host\":\"127.0.0.1\"", "\"password\":\"********\"");
        keep(admin.get("/api/audit?limit=200"));
        keep(admin.get("/api/health"));
        for (Http.Response answer : answers) {
            for (String secret : secrets) {
                assertThat(answer.body()).as("an answer holds an SSH secret: %s", answer.body()).doesNotContain(secret);
            }
        }
        String log = logs.text();
        assertThat(log).as("the capture works").contains("opened SSH tunnel tunnel@127.0.0.1:" + ssh.getPort(), "registered database " + name);
        for (String secret : secrets) {
            assertThat(log).as("the DEBUG log holds an SSH secret").doesNotContain(secret);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertThat(bytes.contains(secret)).as("%s holds an SSH secret", file).isFalse();
            }
        }
        assertThat(keep(admin.delete("/api/databases/" + name)).status()).isEqualTo(204);
    }
}
