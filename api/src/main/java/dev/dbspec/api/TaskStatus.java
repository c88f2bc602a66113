package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A snapshot of a task.
 *
 * @param id     the task id returned by {@link TaskService#submit(String, String)}
 * @param type   the task type, which selects its {@link TaskHandler}
 * @param state  the current state
 * @param error  for {@link TaskState#FAILED}, what went wrong
 * @param progress what the task last reported of its progress ({@link TaskHandler.Progress}), by name: {@code fraction}
 *                 (0 to 1) for a query whose engine reports it; empty when it reported none
 */
public record TaskStatus(String id, String type, TaskState state, Optional<String> error, java.util.Map<String, Object> progress) {
    public TaskStatus {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(state, "state is null");
        requireNonNull(error, "error is null");
        progress = java.util.Map.copyOf(requireNonNull(progress, "progress is null"));
    }

    /** A status without progress. */
    public TaskStatus(String id, String type, TaskState state, Optional<String> error) {
        this(id, type, state, error, java.util.Map.of());
    }
}
