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
     * Runs one task, reporting progress. Task services call this one; by default it ignores {@code progress} and
     * calls {@link #run(String, java.util.function.BooleanSupplier)}.
     */
    default String run(String payload, java.util.function.BooleanSupplier cancelled, TaskProgress progress) throws Exception {
        return run(payload, cancelled);
    }
}
