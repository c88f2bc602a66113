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
 */
public record TaskStatus(String id, String type, TaskState state, Optional<String> error) {
    public TaskStatus {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(state, "state is null");
        requireNonNull(error, "error is null");
    }
}
