package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time one caller may spend analysing a script ({@link SqlLimits#parseBudget()}), checked between
 * statements: Calcite's parser cannot be interrupted, so each statement is bounded by the lexer's counts and
 * the sum of them by this budget. Measures the CPU time of the thread that started it (wall time where the
 * JVM cannot measure thread CPU time), so that a busy machine does not refuse what an idle one accepts. Not
 * thread-safe: one per call and thread.
 */
public final class ParseBudget {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String engineId;
    private final long budgetNanos;
    private final boolean cpu;
    private final long start;

    private ParseBudget(String engineId, long budgetNanos) {
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.budgetNanos = budgetNanos;
        this.cpu = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        this.start = now();
    }

    /** A budget of {@code limits.parseBudget()} starting now on the current thread. */
    public static ParseBudget start(String engineId, SqlLimits limits) {
        return new ParseBudget(engineId, requireNonNull(limits, "limits is null").parseBudget().toNanos());
    }

    /**
     * @throws SqlTooComplexException when the budget is spent
     */
    public void check() {
        long spent = now() - start;
        if (spent > budgetNanos) {
            throw new SqlTooComplexException(engineId, SqlTooComplexException.Limit.PARSE_BUDGET, spent / 1_000_000,
                    budgetNanos / 1_000_000, "");
        }
    }

    private long now() {
        return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
