package dev.dbspec.host;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections through an engine's plugin: the URL is vetted by the spec, and the driver is
 * instantiated from the plugin's class loader and called directly, never through
 * {@link java.sql.DriverManager}, which cannot see drivers of other class loaders.
 */
public final class Connections {
    private Connections() {
    }

    /**
     * Connects to {@code jdbcUrl} with {@code spec}'s driver.
     *
     * @throws dev.dbspec.api.UnsafeUrlException when the URL or the properties carry an option the spec refuses
     * @throws SQLException when the driver is missing, refuses the URL, or the connection fails
     */
    public static Connection open(EngineSpec spec, String jdbcUrl, Properties properties) throws SQLException {
        requireNonNull(spec, "spec is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        try {
            return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> spec.connect(jdbcUrl, properties));
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
    }
}
