package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Callable;

/**
 * The moment a statement's write becomes permanent, told to whoever runs it as a task. A broker delivers a task at least
 * once: a worker that dies after its write committed, but before the task's final state was stored, leaves the message to
 * be delivered again, and a second run would write twice. Told just before the commit, the task service records it, so a
 * second delivery knows the first may have committed and reports the outcome unknown instead of running the write again
 * (as SQLSTATE 08007, "transaction resolution unknown", does for a connection lost during a commit).
 *
 * <p>A fence belongs to the thread that runs the task ({@link #around}); the {@link QueryExecutor} commits on that thread
 * and calls {@link #beforeWriteCommits()} for every request on a database not registered read-only (any statement may
 * write: {@code SELECT f()} where {@code f} inserts): just before the commit when the statement's effects stay in the
 * transaction, else just before it runs (no transaction, DDL, a procedure, a script with {@code COMMIT}). Not covered:
 * storage that ignores transactions (MySQL's MyISAM), where a write is permanent once it runs.
 */
public final class CommitFence {
    private static final ThreadLocal<Runnable> CURRENT = new ThreadLocal<>();

    private CommitFence() {
    }

    /** Runs {@code body} on this thread with {@code beforeCommit} told before any write of it commits. */
    public static <T> T around(Runnable beforeCommit, Callable<T> body) throws Exception {
        requireNonNull(beforeCommit, "beforeCommit is null");
        Runnable outer = CURRENT.get();
        CURRENT.set(beforeCommit);
        try {
            return body.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Tells this thread's fence that a write is about to commit (or, on a driver without transactions, about to run); an
     * exception from the fence stops the commit, the transaction being rolled back with its connection. Outside a task,
     * nothing happens.
     */
    static void beforeWriteCommits() {
        Runnable fence = CURRENT.get();
        if (fence != null) {
            fence.run();
        }
    }
}
