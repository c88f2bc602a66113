package dev.dbspec.api;

/**
 * Runs tasks of one type. Payloads and results are strings (usually JSON) so tasks can cross a broker.
 */
@FunctionalInterface
public interface TaskHandler {
    /**
     * Runs one task.
     *
     * @param payload   what {@link TaskService#submit(String, String)} was given
     * @param cancelled tells whether cancellation was requested; long work should poll it
     * @return the result stored for {@link TaskService#result(String)}
     * @throws Exception a failure, recorded as {@link TaskState#FAILED} with its message
     */
    String run(String payload, java.util.function.BooleanSupplier cancelled) throws Exception;

    /**
     * Runs one task, telling {@code progress} how far it is; task services call this one. By default
     * {@link #run(String, java.util.function.BooleanSupplier)}, reporting nothing.
     */
    default String run(String payload, java.util.function.BooleanSupplier cancelled, Progress progress) throws Exception {
        return run(payload, cancelled);
    }

    /**
     * Where a running task reports its progress: each report replaces the previous one in the task's status
     * ({@link TaskStatus#progress()}). Values are JSON-friendly (numbers, strings, booleans); a query reports
     * {@code {"fraction": 0.42}}. Must be cheap and must not throw.
     */
    @FunctionalInterface
    interface Progress {
        /** Reports nothing. */
        Progress NONE = values -> {
        };

        void report(java.util.Map<String, Object> values);
    }
}
