package dev.dbspec.plugin.derby;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.apache.derby.iapi.sql.conn.StatementContext;
import org.apache.derby.impl.jdbc.EmbedConnection;

/**
 * Stops the statement running on an embedded Derby connection, from another thread. Derby keeps one statement context per
 * statement in flight on a connection; cancelling it ({@code StatementContext.cancel}, what
 * {@code EmbedConnection.cancelRunningStatement()} does) raises the flag a query timeout raises, which Derby's scans check
 * as they step (XCL52 "cancelled or timed out", within 20 ms on the long query, measured). A class of its own so that
 * Derby's classes load only when a statement is cancelled.
 *
 * <p>The flag lives only as long as the context: a cancel that comes while the statement is still being compiled is lost
 * when execution pushes a new context, and one that comes before the statement started finds no context at all. So the
 * flag is raised again every {@value #POLL_MILLIS} ms while a context is in flight, until none is after one was cancelled
 * (the statement stopped), the statement is closed, nothing came in flight to cancel for {@value #IDLE_MILLIS} ms, or
 * {@value #MAX_MILLIS} ms passed (a statement that does not stop is for the caller to see).
 */
final class DerbyCancel {
    private static final long POLL_MILLIS = 10;
    private static final long IDLE_MILLIS = 1_000;
    private static final long MAX_MILLIS = 5_000;

    private DerbyCancel() {
    }

    static void cancel(Statement statement) throws SQLException {
        requireNonNull(statement, "statement is null");
        // Through the statement's connection: a pool's proxy (HikariCP) unwraps to the driver's.
        Connection connection = statement.getConnection();
        if (!connection.isWrapperFor(EmbedConnection.class)) {
            throw new SQLFeatureNotSupportedException("Derby's network client cannot cancel a running statement"
                    + " (the Network Server does not support cancel)", "0A000");
        }
        EmbedConnection embedded = connection.unwrap(EmbedConnection.class);
        boolean cancelledOne = false;
        long start = System.nanoTime();
        while (!statement.isClosed() && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS)) {
            StatementContext running = embedded.getLanguageConnection().getStatementContext();
            if (running != null) {
                running.cancel();
                cancelledOne = true;
            } else if (cancelledOne || System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
                return; // stopped, or nothing ran to stop
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
