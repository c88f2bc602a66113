package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.ConnectionUrl;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.Connections;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.tunnel.SshTunnel;
import dev.dbspec.tunnel.SshTunnelException;
import dev.dbspec.tunnel.SshTunnels;
import dev.dbspec.host.EngineRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over an engine spec's own driver, opened like every other connection by
 * {@link Connections#open} (never {@link java.sql.DriverManager}). What HikariCP pools. Through an {@link SshTunnel}
 * when the registration has one: each new connection first asks the tunnel for its local port (re-opening a dropped
 * session) and goes to the URL the spec builds for {@code 127.0.0.1:<port>} ({@link SshTunnels#through}).
 */
final class PluginDataSource implements DataSource {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginDataSource.class);
    private final EngineSpec spec;
    private final String jdbcUrl;
    private final Properties properties;
    private final Optional<Path> fileSandbox;
    private final boolean readOnly;
    private final boolean hostOwned;
    private final Optional<SshTunnel> tunnel;
    private volatile int loginTimeout;
    private int tunnelPort;
    private ConnectionUrl tunnelled;

    /** @param readOnly whether connections are opened read-only the engine's way ({@link Connections#openReadOnly}) */
    PluginDataSource(EngineSpec spec, String jdbcUrl, Properties properties, Optional<Path> fileSandbox, boolean readOnly) {
        this(spec, jdbcUrl, properties, fileSandbox, readOnly, false, Optional.empty());
    }

    /** As {@link #PluginDataSource(EngineSpec, String, Properties, Optional, boolean)}, through {@code tunnel} when present. */
    PluginDataSource(EngineSpec spec, String jdbcUrl, Properties properties, Optional<Path> fileSandbox, boolean readOnly,
                     Optional<SshTunnel> tunnel) {
        this(spec, jdbcUrl, properties, fileSandbox, readOnly, false, tunnel);
    }

    private PluginDataSource(EngineSpec spec, String jdbcUrl, Properties properties, Optional<Path> fileSandbox, boolean readOnly,
                             boolean hostOwned, Optional<SshTunnel> tunnel) {
        this.hostOwned = hostOwned;
        this.tunnel = requireNonNull(tunnel, "tunnel is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.fileSandbox = requireNonNull(fileSandbox, "fileSandbox is null");
        this.readOnly = readOnly;
    }

    /**
     * A connection through {@link Connections#open}: URL vetted, enforced and sandbox properties applied, plugin driver;
     * for a read-only database through {@link Connections#openReadOnly}.
     */
    @Override
    public Connection getConnection() throws SQLException {
        RefusedLogin refused = lastRefusal;
        if (refused != null && System.nanoTime() - refused.atNanos() < LOGIN_REFUSAL_HOLD.toNanos()) {
            // HikariCP retries a failed connect with backoff until its connection timeout (about 7 tries in 10 s):
            // against a wrong password each try is one more failed login. The refusal is answered again instead.
            throw new SQLException(refused.message(), refused.sqlState(), refused.vendorCode());
        }
        try {
            Connection connection = connect();
            lastRefusal = null;
            return connection;
        } catch (SQLException e) {
            if (!hostOwned && spec.classifyError(e) == dev.dbspec.api.ErrorCategory.BAD_CREDENTIALS) {
                lastRefusal = new RefusedLogin(System.nanoTime(), e.getMessage(), e.getSQLState(), e.getErrorCode());
                LOG.warn("{}: the server refused the login; the refusal is answered again for {} s without connecting", this,
                        LOGIN_REFUSAL_HOLD.toSeconds());
            }
            throw e;
        }
    }

    /** How long a refused login is answered again without contacting the server: at most one failed login per period. */
    static final java.time.Duration LOGIN_REFUSAL_HOLD = java.time.Duration.ofSeconds(30);

    /** The last login the server refused (bad credentials), answered again until {@link #LOGIN_REFUSAL_HOLD} has passed. */
    private record RefusedLogin(long atNanos, String message, String sqlState, int vendorCode) {
    }

    private volatile RefusedLogin lastRefusal;

    private Connection connect() throws SQLException {
        if (hostOwned) {
            return HostStoreUrl.open(spec, jdbcUrl, properties);
        }
        if (tunnel.isPresent()) {
            ConnectionUrl through = through(tunnel.get(), spec, jdbcUrl, properties);
            Properties tunnelledProperties = through.toProperties();
            return readOnly ? Connections.openReadOnly(spec, through.url(), tunnelledProperties, fileSandbox)
                    : Connections.open(spec, through.url(), tunnelledProperties, fileSandbox);
        }
        return readOnly ? Connections.openReadOnly(spec, jdbcUrl, properties, fileSandbox) : Connections.open(spec, jdbcUrl, properties, fileSandbox);
    }

    /** The URL and properties through the tunnel's current local port (built again only when the port changed). */
    private ConnectionUrl through(SshTunnel open, EngineSpec engine, String url, Properties given) throws SQLException {
        int port;
        try {
            port = open.ensureOpen();
        } catch (SshTunnelException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        } catch (IllegalStateException e) {
            throw new SQLException("the SSH tunnel of this database is closed", "08003", e);
        }
        synchronized (this) {
            if (tunnelled == null || tunnelPort != port) {
                tunnelled = tunnelUrl(engine, url, given, port);
                tunnelPort = port;
            }
            return tunnelled;
        }
    }

    /** {@link SshTunnels#through} in the plugin's class loader. */
    static ConnectionUrl tunnelUrl(EngineSpec engine, String url, Properties given, int port) throws SQLException {
        try {
            return DbspecHost.withContextClassLoader(engine.getClass().getClassLoader(), () -> SshTunnels.through(engine, url, given, port));
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        } catch (Exception e) {
            throw new SQLException(engine.id() + ": the URL cannot be built through the SSH tunnel (" + e.getClass().getSimpleName() + ")", "08001", e);
        }
    }

    /** Connections to the host's own store ({@link HostStoreUrl}), outside the user-facing allow-list. */
    static PluginDataSource hostOwned(EngineSpec spec, String jdbcUrl, Properties properties) {
        return new PluginDataSource(spec, jdbcUrl, properties, Optional.empty(), false, true, Optional.empty());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the registration");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // unused
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "PluginDataSource[" + spec.id() + " " + EngineRegistry.redactUrl(jdbcUrl) + tunnel.map(t -> " via " + t).orElse("") + "]";
    }
}
