package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dbspec.api.TaskState;
import dev.dbspec.api.TaskStatus;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A task's state as kept in the shared cache.
 *
 * @param id          the task id
 * @param type        the task type
 * @param state       the state
 * @param error       the failure, or null
 * @param attempts    how many times a worker started it
 * @param worker      the worker that ran it last, or null
 * @param progress    what its handler last reported ({@link dev.dbspec.api.TaskHandler.Progress}), empty for none
 */
public record TaskRecord(String id, String type, TaskState state, String error, int attempts, String worker, Map<String, Object> progress) {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    public TaskRecord {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(state, "state is null");
        progress = Map.copyOf(requireNonNull(progress, "progress is null"));
    }

    /** A record without progress. */
    public TaskRecord(String id, String type, TaskState state, String error, int attempts, String worker) {
        this(id, type, state, error, attempts, worker, Map.of());
    }

    TaskRecord with(TaskState newState, String newError) {
        return new TaskRecord(id, type, newState, newError, attempts, worker, progress);
    }

    TaskRecord withProgress(Map<String, Object> values) {
        return new TaskRecord(id, type, state, error, attempts, worker, values);
    }

    /** A new attempt starts without the previous attempt's progress. */
    TaskRecord started(String workerId) {
        return new TaskRecord(id, type, TaskState.RUNNING, null, attempts + 1, workerId, Map.of());
    }

    public TaskStatus status() {
        return new TaskStatus(id, type, state, Optional.ofNullable(error), progress);
    }

    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", type);
        json.put("state", state.name());
        json.put("error", error);
        json.put("attempts", attempts);
        json.put("worker", worker);
        if (!progress.isEmpty()) {
            json.put("progress", progress);
        }
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TaskRecord fromJson(String text) {
        try {
            Map<?, ?> json = MAPPER.readValue(text, Map.class);
            Map<String, Object> progress = new LinkedHashMap<>();
            if (json.get("progress") instanceof Map<?, ?> stored) {
                stored.forEach((key, value) -> {
                    if (value != null) {
                        progress.put(String.valueOf(key), value);
                    }
                });
            }
            return new TaskRecord((String) json.get("id"), (String) json.get("type"), TaskState.valueOf((String) json.get("state")),
                    (String) json.get("error"), ((Number) json.get("attempts")).intValue(), (String) json.get("worker"), progress);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
