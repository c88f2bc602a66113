package dev.dbspec.api;

/**
 * Where a running task reports how far it got, as named counters ({@code rowsDone} for an upload). The task
 * service keeps the latest value of each counter and shows them with the task's status; reports may be
 * dropped or throttled, so a counter says "at least this far", never more.
 */
@FunctionalInterface
public interface TaskProgress {
    /** Reports nothing (for callers that do not track progress). */
    TaskProgress NONE = (name, value) -> {
    };

    /** Sets counter {@code name} to {@code value}. */
    void report(String name, long value);
}
