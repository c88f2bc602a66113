package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.TaskHandler;
import dev.dbspec.api.TaskService;
import dev.dbspec.api.TaskState;
import dev.dbspec.api.TaskStatus;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The embedded task service: a bounded pool of daemon threads in this process. */
public final class InProcessTaskService implements TaskService, AutoCloseable {
    private static final class Task {
        final String id;
        final String type;
        final AtomicReference<TaskState> state = new AtomicReference<>(TaskState.QUEUED);
        volatile boolean cancelRequested;
        volatile String result;
        volatile String error;
        volatile Future<?> future;
        final Map<String, Long> progress = new ConcurrentHashMap<>();

        Task(String id, String type) {
            this.id = id;
            this.type = type;
        }

        TaskStatus status() {
            return new TaskStatus(id, type, state.get(), Optional.ofNullable(error));
        }
    }

    private final Map<String, TaskHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public InProcessTaskService(int threads) {
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "dbspec-task-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void registerHandler(String type, TaskHandler handler) {
        handlers.put(requireNonNull(type, "type is null"), requireNonNull(handler, "handler is null"));
    }

    @Override
    public String submit(String type, String payload) {
        requireNonNull(type, "type is null");
        requireNonNull(payload, "payload is null");
        TaskHandler handler = handlers.get(type);
        if (handler == null) {
            throw new IllegalArgumentException("no handler for task type '" + type + "'; registered: " + handlers.keySet());
        }
        Task task = new Task(UUID.randomUUID().toString(), type);
        tasks.put(task.id, task);
        task.future = executor.submit(() -> run(task, handler, payload));
        return task.id;
    }

    private void run(Task task, TaskHandler handler, String payload) {
        if (!task.state.compareAndSet(TaskState.QUEUED, TaskState.RUNNING)) {
            return; // cancelled while queued
        }
        try {
            String result = handler.run(payload, () -> task.cancelRequested || Thread.currentThread().isInterrupted(),
                    (name, value) -> task.progress.put(name, value));
            if (task.cancelRequested) {
                task.state.set(TaskState.CANCELLED);
            } else {
                task.result = result;
                task.state.set(TaskState.SUCCEEDED);
            }
        } catch (Exception e) {
            task.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            task.state.set(task.cancelRequested ? TaskState.CANCELLED : TaskState.FAILED);
        }
    }

    @Override
    public Optional<TaskStatus> status(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).map(Task::status);
    }

    @Override
    public Map<String, Long> progress(String taskId) {
        Task task = tasks.get(taskId);
        return task == null ? Map.of() : Map.copyOf(task.progress);
    }

    @Override
    public Optional<String> result(String taskId) {
        Task task = tasks.get(taskId);
        return task == null || task.state.get() != TaskState.SUCCEEDED ? Optional.empty() : Optional.ofNullable(task.result);
    }

    @Override
    public boolean cancel(String taskId) {
        Task task = tasks.get(taskId);
        if (task == null || task.state.get().isFinal()) {
            return false;
        }
        task.cancelRequested = true;
        if (task.state.compareAndSet(TaskState.QUEUED, TaskState.CANCELLED)) {
            return true;
        }
        Future<?> future = task.future;
        if (future != null) {
            future.cancel(true);
        }
        return true;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
