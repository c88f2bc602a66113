package dev.dbspec.tunnel;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH local port forward from {@code 127.0.0.1:<ephemeral port>} through an SSH server to a database's host and port
 * (Apache MINA SSHD). The server's host key must be the {@linkplain HostKeyPin pinned} one, or nothing is sent to it: no
 * credential, no forward. One client and one session per tunnel; {@link #ensureOpen()} opens a new session (on a new
 * local port) when the old one dropped, so a pool asks for the port before each new connection. The local port accepts
 * connections from this machine only; whoever connects to it reaches the database, which still asks for its own
 * credentials.
 *
 * <p>Nothing here logs or puts into a message the password, the private key or its passphrase.
 */
public final class SshTunnel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshTunnel.class);
    /** The address the forward listens on: loopback only. */
    public static final String LOOPBACK = "127.0.0.1";

    private final SshTunnelConfig config;
    private final HostKeyPin pin;
    private final String targetHost;
    private final int targetPort;
    private final Duration timeout;
    private SshClient client;
    private ClientSession session;
    private ExplicitPortForwardingTracker forward;
    private int localPort;
    private int opened;
    private boolean closed;
    private volatile Runnable onDrop = () -> { };

    private SshTunnel(SshTunnelConfig config, String targetHost, int targetPort, Duration timeout) {
        this.config = requireNonNull(config, "config is null");
        this.pin = HostKeyPin.parse(config.hostKey());
        this.targetHost = stripBrackets(requireNonNull(targetHost, "targetHost is null"));
        if (targetPort < 1 || targetPort > 65535) {
            throw new IllegalArgumentException("target port must be from 1 to 65535");
        }
        this.targetPort = targetPort;
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /**
     * Opens a tunnel to {@code targetHost:targetPort} as the SSH server sees them.
     *
     * @throws SshTunnelException when the server is unreachable, presents another host key, refuses the credential
     */
    public static SshTunnel open(SshTunnelConfig config, String targetHost, int targetPort, Duration timeout) {
        SshTunnel tunnel = new SshTunnel(config, targetHost, targetPort, timeout);
        try {
            tunnel.ensureOpen();
        } catch (RuntimeException e) {
            tunnel.close();
            throw e;
        }
        return tunnel;
    }

    /**
     * The local port of an open tunnel: the current one, or a new session's when the SSH session dropped.
     *
     * @throws SshTunnelException when it cannot be opened again
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized int ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the SSH tunnel is closed");
        }
        if (isOpen()) {
            return localPort;
        }
        if (session != null) {
            LOG.info("SSH tunnel {} dropped; opening it again", describe());
        }
        disconnect();
        try {
            connect();
        } catch (RuntimeException e) {
            disconnect();
            throw e;
        }
        return localPort;
    }

    /** Whether the session and its forward are up. */
    public synchronized boolean isOpen() {
        return !closed && session != null && session.isOpen() && !session.isClosing() && forward != null && forward.isOpen();
    }

    /** The local port of the last session (0 before the first); {@link #ensureOpen()} before connecting to it. */
    public synchronized int localPort() {
        return localPort;
    }

    /**
     * Runs {@code action} when an open session drops (not when the tunnel is closed), on an SSH I/O thread: a pool evicts its
     * connections then, since they went through the old forward.
     */
    public SshTunnel onDrop(Runnable action) {
        this.onDrop = requireNonNull(action, "action is null");
        return this;
    }

    /** How many sessions this tunnel opened (1, and one more per re-opening after a drop). */
    public synchronized int sessionsOpened() {
        return opened;
    }

    /** Closes the forward, the session and the client; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // stop accepting, then let connections just closed flush their last bytes (a driver's goodbye) before the session goes
        closeQuietly(forward);
        forward = null;
        drainChannels(Duration.ofSeconds(1));
        disconnect();
        LOG.info("closed SSH tunnel {}", describe());
    }

    private void connect() {
        SshClient fresh = SshClient.setUpDefaultClient();
        // Only what the registration gives: never ~/.ssh/config, ~/.ssh/id_*, known_hosts or an agent.
        fresh.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        fresh.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        fresh.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
        fresh.setUserAuthFactories(config.password().isPresent() ? List.of(UserAuthPasswordFactory.INSTANCE)
                : List.of(UserAuthPublicKeyFactory.INSTANCE));
        AtomicReference<String> refused = new AtomicReference<>();
        fresh.setServerKeyVerifier((clientSession, address, key) -> {
            if (pin.matches(key)) {
                return true;
            }
            refused.set(HostKeyPin.fingerprintOf(key));
            return false;
        });
        // a keep-alive, so that a dead server or network shows as a closed session and the next borrow re-opens it
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(fresh, Duration.ofSeconds(15));
        client = fresh;
        fresh.start();
        String where = config.host() + ":" + config.port();
        ClientSession connected;
        try {
            connected = fresh.connect(config.user(), stripBrackets(config.host()), config.port()).verify(timeout).getSession();
        } catch (IOException | RuntimeException e) {
            throw new SshTunnelException(SshTunnelException.Reason.UNREACHABLE, "cannot reach the SSH server " + where + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        session = connected;
        try {
            if (config.password().isPresent()) {
                connected.addPasswordIdentity(config.password().get());
            } else {
                connected.addPublicKeyIdentity(keyPair());
            }
            connected.auth().verify(timeout);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SshTunnelException tunnel) {
                throw tunnel;
            }
            String presented = refused.get();
            if (presented != null) {
                throw new SshTunnelException(SshTunnelException.Reason.HOST_KEY_MISMATCH, "the SSH server " + where + " presented the host key "
                        + presented + ", not the pinned " + pin.fingerprint() + "; refused (nothing was sent to it)");
            }
            throw new SshTunnelException(SshTunnelException.Reason.AUTHENTICATION_FAILED, "the SSH server " + where + " refused user '"
                    + config.user() + "' with the given " + (config.password().isPresent() ? "password" : "private key")
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            forward = connected.createLocalPortForwardingTracker(new SshdSocketAddress(LOOPBACK, 0),
                    new SshdSocketAddress(targetHost, targetPort));
        } catch (IOException | RuntimeException e) {
            throw new SshTunnelException(SshTunnelException.Reason.FORWARDING_REFUSED, "cannot forward a local port through " + where
                    + " to " + targetHost + ":" + targetPort + " (" + e.getClass().getSimpleName() + ")");
        }
        localPort = forward.getBoundAddress().getPort();
        opened++;
        connected.addSessionListener(new SessionListener() {
            @Override
            public void sessionClosed(Session closedSession) {
                if (!isClosedByUs()) {
                    LOG.info("SSH tunnel {} lost its session", describe());
                    try {
                        onDrop.run();
                    } catch (RuntimeException e) {
                        LOG.debug("the drop action of {} failed: {}", describe(), e.getClass().getSimpleName());
                    }
                }
            }
        });
        LOG.info("opened SSH tunnel {} on {}:{}", describe(), LOOPBACK, localPort);
    }

    private KeyPair keyPair() {
        FilePasswordProvider passphrase = config.passphrase().map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY);
        try {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("sshTunnel.privateKey"),
                    new ByteArrayInputStream(config.privateKey().orElseThrow().getBytes(StandardCharsets.UTF_8)), passphrase);
            if (keys != null) {
                for (KeyPair key : keys) {
                    return key;
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new SshTunnelException(SshTunnelException.Reason.BAD_PRIVATE_KEY, "sshTunnel.privateKey cannot be read"
                    + (config.passphrase().isPresent() ? " with the given passphrase" : "") + " (" + e.getClass().getSimpleName() + ")");
        }
        throw new SshTunnelException(SshTunnelException.Reason.BAD_PRIVATE_KEY, "sshTunnel.privateKey holds no key (PEM expected)");
    }

    private synchronized boolean isClosedByUs() {
        return closed;
    }

    /** Waits up to {@code limit} for the session's forwarded channels to close. */
    private void drainChannels(Duration limit) {
        ClientSession current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            if (current.getService(ConnectionService.class) instanceof AbstractConnectionService service) {
                long deadline = System.nanoTime() + limit.toNanos();
                while (!service.getChannels().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // closing anyway
        }
    }

    private void disconnect() {
        closeQuietly(forward);
        forward = null;
        closeQuietly(session);
        session = null;
        if (client != null) {
            try {
                client.stop();
            } catch (RuntimeException e) {
                LOG.debug("stopping the SSH client of {}: {}", describe(), e.getClass().getSimpleName());
            }
            client = null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    private String describe() {
        return config.user() + "@" + config.host() + ":" + config.port() + " -> " + targetHost + ":" + targetPort;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return "SshTunnel[" + describe() + "]";
    }
}
