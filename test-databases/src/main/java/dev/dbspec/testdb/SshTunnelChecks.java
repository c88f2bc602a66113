package dev.dbspec.testdb;

import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.notCheckable;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.timed;
import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionUrl;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.tunnel.HostKeyPin;
import dev.dbspec.tunnel.SshTunnel;
import dev.dbspec.tunnel.SshTunnelConfig;
import dev.dbspec.tunnel.SshTunnelException;
import dev.dbspec.tunnel.SshTunnels;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * The live check of SSH tunneling ({@code ssh-tunneling}, Superset's {@code ssh_tunneling}): an in-process MINA SSHD
 * server is started on loopback (a generated host key, password authentication, TCP forwarding allowed only to the
 * database's host and port as the URL under test names them), and the database is reached through a tunnel opened the
 * way the host opens it ({@link SshTunnel}, the URL rebuilt for the tunnel's local end by {@link SshTunnels#through}),
 * with {@code SELECT 1}. A tunnel pinning another host key must be refused before anything is forwarded, and the local
 * port must stop accepting once the tunnel is closed.
 *
 * <p>Claimed ({@link SshTunnels#claimed}) for every engine whose connection parameters have a host and a port, or that
 * names its network server's URL form ({@link EngineSpec#serverUrlTemplate}); for any other, the check passes only when a
 * tunnel is refused, and fails a spec that declares {@link Capability#SSH_TUNNELING} without them. Not checkable (never
 * passed) when the URL under test does not follow that template: an embedded URL of H2, HSQLDB or Derby.
 */
public final class SshTunnelChecks {
    /** The check's id in reports. */
    public static final String ID = "ssh-tunneling";
    private static final String TITLE = "connect through an SSH tunnel (pinned host key) to the database's host and port";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final EngineSpec spec;
    private final LiveChecks.Target target;

    /** @param target the database under test, opened as {@code dbspec test-db} opens it */
    public SshTunnelChecks(EngineSpec spec, LiveChecks.Target target) {
        this.spec = requireNonNull(spec, "spec is null");
        this.target = requireNonNull(target, "target is null");
    }

    /** Runs the check; plugin code runs on the caller's thread (set its context class loader as for {@link LiveChecks}). */
    public CheckResult run() {
        return timed(ID, TITLE, this::check);
    }

    private Checks.Outcome check() throws Exception {
        Properties properties = target.properties();
        Optional<String> unsupported = SshTunnels.unsupportedReason(spec);
        if (unsupported.isPresent()) {
            if (spec.has(Capability.SSH_TUNNELING)) {
                return fail("SSH_TUNNELING is declared, but " + unsupported.get());
            }
            try {
                SshTunnels.target(spec, target.jdbcUrl(), properties);
                return fail("not claimed, yet a tunnel target was read from the URL");
            } catch (IllegalArgumentException expected) {
                return pass("not claimed, and a tunnel is refused: " + unsupported.get());
            }
        }
        if (!SshTunnels.follows(spec, target.jdbcUrl(), properties)) {
            String template = SshTunnels.template(spec).orElseThrow();
            return notCheckable("the URL under test does not follow the template " + template + ", so no tunnel can replace its host and port"
                    + (template.equals(spec.urlTemplate()) ? "" : " (an embedded database has none: run test-db on the engine's server)"));
        }
        SshTunnels.Target database = SshTunnels.target(spec, target.jdbcUrl(), properties);
        String password = "kit-" + UUID.randomUUID();
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        AtomicInteger forwarded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(SshTunnel.LOOPBACK);
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, given, session) -> user.equals("dbspec") && given.equals(password));
        server.setForwardingFilter(onlyTo(database, forwarded, refused));
        server.start();
        try {
            // another pinned key: refused, nothing forwarded
            KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
            try (SshTunnel wrong = SshTunnel.open(config(server, password, HostKeyPin.fingerprintOf(other.getPublic())),
                    database.host(), database.port(), TIMEOUT)) {
                return fail("a tunnel pinning another host key was opened (local port " + wrong.localPort() + ")");
            } catch (SshTunnelException e) {
                if (e.reason() != SshTunnelException.Reason.HOST_KEY_MISMATCH) {
                    return fail("a tunnel pinning another host key failed for another reason: " + e.getMessage());
                }
            }
            int port;
            String url;
            try (SshTunnel tunnel = SshTunnel.open(config(server, password, PublicKeyEntry.toString(hostKey.getPublic())),
                    database.host(), database.port(), TIMEOUT)) {
                port = tunnel.localPort();
                ConnectionUrl through = SshTunnels.through(spec, target.jdbcUrl(), properties, port);
                url = through.url();
                try (Connection connection = target.opener().open(through.url(), through.toProperties());
                     Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(spec.selectExpressionSql("1"))) {
                    if (!rows.next() || rows.getInt(1) != 1) {
                        return fail("SELECT 1 through the tunnel did not answer 1");
                    }
                }
            }
            if (forwarded.get() == 0) {
                return fail("SELECT 1 answered, but nothing went through the SSH server's forward to " + database.host() + ":" + database.port());
            }
            if (refused.get() > 0) {
                return fail("the tunnel asked the SSH server for another destination than " + database.host() + ":" + database.port());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(SshTunnel.LOOPBACK, port), 2_000);
                return fail("the tunnel's local port " + port + " still accepts connections after it was closed");
            } catch (ConnectException expected) {
                // closed with the tunnel
            }
            return pass("SELECT 1 through 127.0.0.1:" + port + " -> SSH " + SshTunnel.LOOPBACK + ":" + server.getPort() + " -> "
                    + database.host() + ":" + database.port() + " (" + forwarded.get() + " forwarded connection(s), URL " + url
                    + "); another pinned host key refused; the port closed with the tunnel");
        } finally {
            server.stop(true);
        }
    }

    private static SshTunnelConfig config(SshServer server, String password, String hostKey) {
        return new SshTunnelConfig(SshTunnel.LOOPBACK, server.getPort(), "dbspec", Optional.of(password), Optional.empty(), Optional.empty(), hostKey);
    }

    /** Direct TCP forwarding to {@code database} only; nothing else (no remote forwards, agent, X11). */
    private static ForwardingFilter onlyTo(SshTunnels.Target database, AtomicInteger forwarded, AtomicInteger refused) {
        return new ForwardingFilter() {
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
                String host = database.host().startsWith("[") ? database.host().substring(1, database.host().length() - 1) : database.host();
                boolean allowed = type == Type.Direct && address.getHostName().equalsIgnoreCase(host) && address.getPort() == database.port();
                (allowed ? forwarded : refused).incrementAndGet();
                return allowed;
            }
        };
    }
}
