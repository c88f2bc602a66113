package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.Connections;
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
 * {@link Connections#open} (never {@link java.sql.DriverManager}). What HikariCP pools.
 */
final class PluginDataSource implements DataSource {
    private final EngineSpec spec;
    private final String jdbcUrl;
    private final Properties properties;
    private final Optional<Path> fileSandbox;
    private final boolean readOnly;
    private final boolean hostOwned;
    private volatile int loginTimeout;

    /** @param readOnly whether connections are opened read-only the engine's way ({@link Connections#openReadOnly}) */
    PluginDataSource(EngineSpec spec, String jdbcUrl, Properties properties, Optional<Path> fileSandbox, boolean readOnly) {
        this(spec, jdbcUrl, properties, fileSandbox, readOnly, false);
    }

    private PluginDataSource(EngineSpec spec, String jdbcUrl, Properties properties, Optional<Path> fileSandbox, boolean readOnly,
                             boolean hostOwned) {
        this.hostOwned = hostOwned;
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
        if (hostOwned) {
            return HostStoreUrl.open(spec, jdbcUrl, properties);
        }
        return readOnly ? Connections.openReadOnly(spec, jdbcUrl, properties, fileSandbox) : Connections.open(spec, jdbcUrl, properties, fileSandbox);
    }

    /** Connections to the host's own store ({@link HostStoreUrl}), outside the user-facing allow-list. */
    static PluginDataSource hostOwned(EngineSpec spec, String jdbcUrl, Properties properties) {
        return new PluginDataSource(spec, jdbcUrl, properties, Optional.empty(), false, true);
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
        return "PluginDataSource[" + spec.id() + " " + EngineRegistry.redactUrl(jdbcUrl) + "]";
    }
}
