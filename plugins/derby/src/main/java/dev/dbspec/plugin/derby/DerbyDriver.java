package dev.dbspec.plugin.derby;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Derby's two drivers behind one: {@code jdbc:derby://host:port/...} goes to the network client
 * ({@code org.apache.derby.jdbc.ClientDriver}, derbytools with derbyclient), every other Derby URL to the embedded
 * driver. Each of Derby's drivers refuses the other's URLs, so a URL can never reach both.
 */
final class DerbyDriver implements Driver {
    /** The prefix of the network client's URLs ({@code jdbc:derby://server[:port]/databaseName[;attributes]}). */
    static final String CLIENT_PREFIX = "jdbc:derby://";

    private final Driver embedded;
    private final Driver client;

    DerbyDriver(Driver embedded, Driver client) {
        this.embedded = requireNonNull(embedded, "embedded is null");
        this.client = requireNonNull(client, "client is null");
    }

    static boolean isClientUrl(String url) {
        return url != null && url.regionMatches(true, 0, CLIENT_PREFIX, 0, CLIENT_PREFIX.length());
    }

    private Driver driverFor(String url) {
        return isClientUrl(url) ? client : embedded;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:derby:") ? null : driverFor(url).connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return url != null && driverFor(url).acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return driverFor(url).getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return embedded.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return embedded.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return embedded.jdbcCompliant() && client.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return embedded.getParentLogger();
    }
}
