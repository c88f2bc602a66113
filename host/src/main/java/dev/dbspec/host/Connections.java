package dev.dbspec.host;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
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
        return open(spec, jdbcUrl, properties, Optional.empty());
    }

    /** {@link #open(EngineSpec, String, Properties)} with SQL's file access confined to {@code fileSandbox} when present. */
    public static Connection open(EngineSpec spec, String jdbcUrl, Properties properties, Optional<Path> fileSandbox) throws SQLException {
        requireNonNull(spec, "spec is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(fileSandbox, "fileSandbox is null");
        try {
            return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> spec.connect(jdbcUrl, properties, fileSandbox));
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    /**
     * {@link #open(EngineSpec, String, Properties, Optional)} for a read-only database: the engine's
     * {@link dev.dbspec.api.ReadOnlyMode#connectionProperties()} open it read-only ({@link EngineSpec#connectReadOnly}).
     */
    public static Connection openReadOnly(EngineSpec spec, String jdbcUrl, Properties properties, Optional<Path> fileSandbox)
            throws SQLException {
        requireNonNull(spec, "spec is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(fileSandbox, "fileSandbox is null");
        try {
            return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(),
                    () -> spec.connectReadOnly(jdbcUrl, properties, fileSandbox));
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
    }
}
