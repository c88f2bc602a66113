package dev.dbspec.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tunnel against an in-process MINA SSHD server on loopback forwarding to an echo server. */
class SshTunnelTest {
    private static final String PASSWORD = "tunnel-pw-" + Long.toHexString(System.nanoTime());

    private SshServer server;
    private ServerSocket echo;
    private Thread echoThread;
    private PublicKey hostKey;
    private KeyPair clientKey;

    @BeforeEach
    void start() throws Exception {
        echo = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            while (!echo.isClosed()) {
                try (Socket socket = echo.accept()) {
                    // one line back, as a database answers a request (no half-close)
                    String line = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
                    socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                } catch (Exception e) {
                    // next
                }
            }
        });
        echoThread.setDaemon(true);
        echoThread.start();
        clientKey = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider();
        keys.setAlgorithm("RSA");
        server.setKeyPairProvider(keys);
        server.setPasswordAuthenticator((user, password, session) -> user.equals("tunnel") && password.equals(PASSWORD));
        server.setPublickeyAuthenticator((user, key, session) -> user.equals("tunnel")
                && org.apache.sshd.common.config.keys.KeyUtils.compareKeys(key, clientKey.getPublic()));
        int echoPort = echo.getLocalPort();
        server.setForwardingFilter(new ForwardingFilter() {
            @Override
            public boolean canForwardAgent(org.apache.sshd.common.session.Session session, String requestType) {
                return false;
            }

            @Override
            public boolean canForwardX11(org.apache.sshd.common.session.Session session, String requestType) {
                return false;
            }

            @Override
            public boolean canListen(SshdSocketAddress address, org.apache.sshd.common.session.Session session) {
                return false;
            }

            @Override
            public boolean canConnect(Type type, SshdSocketAddress address, org.apache.sshd.common.session.Session session) {
                return address.getHostName().equals("127.0.0.1") && address.getPort() == echoPort;
            }
        });
        server.start();
        hostKey = keys.loadKeys(null).iterator().next().getPublic();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(true);
        echo.close();
    }

    private SshTunnelConfig password(String hostKeyPin, String password) {
        return new SshTunnelConfig("127.0.0.1", server.getPort(), "tunnel", Optional.of(password), Optional.empty(), Optional.empty(), hostKeyPin);
    }

    private static String roundTrip(int port, String text) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        }
    }

    @Test
    void forwardsWithAPasswordAndAPinnedPublicKey() throws Exception {
        try (SshTunnel tunnel = SshTunnel.open(password(PublicKeyEntry.toString(hostKey), PASSWORD), "127.0.0.1", echo.getLocalPort(), Duration.ofSeconds(10))) {
            assertThat(tunnel.localPort()).isPositive().isNotEqualTo(echo.getLocalPort());
            assertThat(roundTrip(tunnel.localPort(), "hello")).isEqualTo("hello");
        }
    }

    @Test
    void aFingerprintPinAndAKnownHostsLineWork() throws Exception {
        String fingerprint = HostKeyPin.fingerprintOf(hostKey);
        assertThat(fingerprint).startsWith("SHA256:");
        try (SshTunnel tunnel = SshTunnel.open(password(fingerprint, PASSWORD), "127.0.0.1", echo.getLocalPort(), Duration.ofSeconds(10))) {
            assertThat(roundTrip(tunnel.localPort(), "fp")).isEqualTo("fp");
        }
        String knownHosts = "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey) + " test";
        try (SshTunnel tunnel = SshTunnel.open(password(knownHosts, PASSWORD), "127.0.0.1", echo.getLocalPort(), Duration.ofSeconds(10))) {
            assertThat(roundTrip(tunnel.localPort(), "kh")).isEqualTo("kh");
        }
    }

    @Test
    void anotherHostKeyIsRefusedBeforeAnyCredentialIsSent() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        List<String> passwordsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.setPasswordAuthenticator((user, password, session) -> {
            passwordsSeen.add(password);
            return true;
        });
        assertThatThrownBy(() -> SshTunnel.open(password(PublicKeyEntry.toString(other.getPublic()), PASSWORD), "127.0.0.1",
                echo.getLocalPort(), Duration.ofSeconds(10)))
                .isInstanceOf(SshTunnelException.class)
                .satisfies(e -> assertThat(((SshTunnelException) e).reason()).isEqualTo(SshTunnelException.Reason.HOST_KEY_MISMATCH))
                .hasMessageContaining(HostKeyPin.fingerprintOf(hostKey)).hasMessageContaining("not the pinned")
                .hasMessageNotContaining(PASSWORD);
        assertThat(passwordsSeen).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> SshTunnel.open(password(HostKeyPin.fingerprintOf(hostKey), "wrong-" + PASSWORD), "127.0.0.1",
                echo.getLocalPort(), Duration.ofSeconds(10)))
                .isInstanceOf(SshTunnelException.class)
                .satisfies(e -> assertThat(((SshTunnelException) e).reason()).isEqualTo(SshTunnelException.Reason.AUTHENTICATION_FAILED))
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void rsaAndEd25519PrivateKeysWithAndWithoutPassphrase() throws Exception {
        assertThat(org.apache.sshd.common.util.security.SecurityUtils.isEDDSACurveSupported()).as("Ed25519 support").isTrue();
        for (String algorithm : List.of("RSA", "Ed25519")) {
            KeyPair key = algorithm.equals("RSA") ? KeyPairGenerator.getInstance(algorithm).generateKeyPair()
                    : org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ssh-ed25519", 256);
            clientKey = key;
            for (String passphrase : new String[] {null, "pass-" + algorithm}) {
                ByteArrayOutputStream pem = new ByteArrayOutputStream();
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test",
                        passphrase == null ? null : new org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext() {
                            {
                                setPassword(passphrase);
                                setCipherName("AES");
                                setCipherMode("CTR");
                                setCipherType("256");
                            }
                        }, pem);
                SshTunnelConfig config = new SshTunnelConfig("127.0.0.1", server.getPort(), "tunnel", Optional.empty(),
                        Optional.of(pem.toString(StandardCharsets.UTF_8)), Optional.ofNullable(passphrase), HostKeyPin.fingerprintOf(hostKey));
                try (SshTunnel tunnel = SshTunnel.open(config, "127.0.0.1", echo.getLocalPort(), Duration.ofSeconds(10))) {
                    assertThat(roundTrip(tunnel.localPort(), algorithm)).as(algorithm + " passphrase " + (passphrase != null)).isEqualTo(algorithm);
                }
            }
        }
    }

    @Test
    void reopensAfterTheSessionDropsAndStopsAcceptingWhenClosed() throws Exception {
        SshTunnel tunnel = SshTunnel.open(password(HostKeyPin.fingerprintOf(hostKey), PASSWORD), "127.0.0.1", echo.getLocalPort(), Duration.ofSeconds(10));
        int first = tunnel.localPort();
        assertThat(roundTrip(first, "a")).isEqualTo("a");
        server.getActiveSessions().forEach(session -> session.close(true));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (tunnel.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tunnel.isOpen()).isFalse();
        int second = tunnel.ensureOpen();
        assertThat(tunnel.sessionsOpened()).isEqualTo(2);
        assertThat(roundTrip(second, "b")).isEqualTo("b");
        tunnel.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", second).close()).isInstanceOf(java.net.ConnectException.class);
        assertThatThrownBy(tunnel::ensureOpen).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void forwardingToAnotherDestinationIsRefusedByTheServer() throws Exception {
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        try (SshTunnel tunnel = SshTunnel.open(password(HostKeyPin.fingerprintOf(hostKey), PASSWORD), "127.0.0.1", echo.getLocalPort(), Duration.ofSeconds(10))) {
            assertThat(roundTrip(tunnel.localPort(), "x")).isEmpty();
        }
    }

    @Test
    void configRefusesAMissingHostKeyAndTwoCredentialsAndMasksSecrets() {
        assertThatThrownBy(() -> new SshTunnelConfig("h", 22, "u", Optional.of("p"), Optional.empty(), Optional.empty(), " "))
                .hasMessageContaining("hostKey is required");
        assertThatThrownBy(() -> new SshTunnelConfig("h", 22, "u", Optional.of("p"), Optional.of("k"), Optional.empty(), HostKeyPin.fingerprintOf(hostKey)))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new SshTunnelConfig("h", 22, "u", Optional.of("p"), Optional.empty(), Optional.empty(), "ssh-rsa notbase64"))
                .isInstanceOf(IllegalArgumentException.class);
        SshTunnelConfig config = password(PublicKeyEntry.toString(hostKey), PASSWORD);
        assertThat(config.toString()).doesNotContain(PASSWORD);
        assertThat(config.masked().toString()).doesNotContain(PASSWORD).contains("********", HostKeyPin.fingerprintOf(hostKey));
        assertThat(SshTunnelConfig.fromMap(config.toMap())).isEqualTo(config);
    }
}
