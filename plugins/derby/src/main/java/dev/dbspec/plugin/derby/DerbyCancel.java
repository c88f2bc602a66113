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
 * flag is raised again every {@value #POLL_MILLIS} ms while a context is in use, until none has been for
 * {@value #SETTLED_MILLIS} ms after one was cancelled (the statement stopped; compiling and executing are two contexts with
 * an instant between them), the statement is closed, nothing came in flight to cancel for {@value #IDLE_MILLIS} ms, or
 * {@value #MAX_MILLIS} ms passed (a statement that does not stop is for the caller to see).
 */
final class DerbyCancel {
    private static final long POLL_MILLIS = 10;
    private static final long IDLE_MILLIS = 1_000;
    /** How long no statement context may be in use after a cancel before the statement counts as stopped. */
    private static final long SETTLED_MILLIS = 100;
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
        long idleSince = start;
        while (!statement.isClosed() && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS)) {
            // Derby keeps a statement context pushed between statements, marked not in use: only one in use is running
            StatementContext running = embedded.getLanguageConnection().getStatementContext();
            long now = System.nanoTime();
            if (running != null && running.inUse()) {
                running.cancel();
                cancelledOne = true;
                idleSince = now;
            } else if (cancelledOne ? now - idleSince > TimeUnit.MILLISECONDS.toNanos(SETTLED_MILLIS)
                    : now - start > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
                // stopped (nothing in use for a while: not the instant between compiling and executing, when no context is
                // in use either), or nothing ran to stop
                return;
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
