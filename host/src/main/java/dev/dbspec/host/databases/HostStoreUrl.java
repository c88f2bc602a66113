package dev.dbspec.host.databases;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.DbspecHost;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The host's own metadata store in its data directory: an H2 file that a server and its workers (other
 * processes on this machine) share through H2's AUTO_SERVER mode. The URL is the host's, never a user's,
 * so it is opened with the driver directly: the user-facing allow-list refuses AUTO_SERVER, whose TCP
 * listener is bound to loopback here and served only to clients holding the random key H2 writes into the
 * lock file beside the database (a 0600 file in a 0700 directory).
 */
final class HostStoreUrl {
    /**
     * H2's {@code async:} file system (an AsynchronousFileChannel), not {@code file:}: a FileChannel is closed for good when a
     * thread using it is interrupted, and H2 then closes the whole database ("The database has been closed"). The host
     * interrupts threads as a matter of course (a cancelled task's thread, a request whose client went away), and such a
     * thread may be writing an audit entry or reading a registration: found by the soak benchmark, where every request
     * failed seconds after the first cancelled task.
     */
    static final String FILE_SYSTEM = "async:";

    private HostStoreUrl() {
    }

    /** The URL of the store file {@code <dir>/metadata.mv.db}. */
    static String h2File(Path dir) {
        // H2 reads the bind address when its first TCP server starts; workers on other machines use a jdbc: store.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        return "jdbc:h2:" + FILE_SYSTEM + dir.toAbsolutePath().resolve("metadata") + ";AUTO_SERVER=TRUE";
    }

    /** A connection to the host's store through the plugin's driver, without the user-facing vetting. */
    static Connection open(EngineSpec spec, String jdbcUrl, Properties properties) throws SQLException {
        try {
            return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                Connection connection = spec.loadDriver().connect(spec.driverUrl(jdbcUrl), properties);
                if (connection == null) {
                    throw new SQLException(spec.id() + ": the driver does not accept the store's URL");
                }
                return connection;
            });
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
    }
}
