package dev.dbspec.api;

import java.util.Optional;

/**
 * Asynchronous tasks: submit, poll, fetch the result, cancel. Work is routed by task type to the
 * {@link TaskHandler} registered for it, possibly in another process.
 */
public interface TaskService {
    /** Registers the handler for {@code type}, replacing any earlier one. */
    void registerHandler(String type, TaskHandler handler);

    /**
     * Queues a task.
     *
     * @return the task id
     * @throws IllegalArgumentException when no handler is registered for {@code type} and the service
     *                                  cannot route it elsewhere
     */
    String submit(String type, String payload);

    /** The task's current status, or empty for an unknown id. */
    Optional<TaskStatus> status(String taskId);

    /** The result of a {@link TaskState#SUCCEEDED} task, or empty. */
    Optional<String> result(String taskId);

    /**
     * Requests cancellation. A queued task never runs; a running task sees its cancellation flag.
     *
     * @return false when the task is unknown or already final
     */
    boolean cancel(String taskId);

}
