package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.TaskHandler;
import dev.dbspec.api.TaskService;
import dev.dbspec.api.TaskState;
import dev.dbspec.api.TaskStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded task service: a bounded pool of daemon threads in this process. A task that ended is kept (status, result)
 * for {@code retention}, and at most {@link #MAX_ENDED} ended tasks holding at most {@link #MAX_RESULT_CHARS} characters of
 * results are kept at all, the oldest forgotten first: a server running tasks for weeks must not keep every result it ever
 * made (the broker-backed service gives its states a TTL in Redis alike). {@link #onEnded} lets a waiting request answer the moment a task ends, without polling.
 */
public final class InProcessTaskService implements TaskService, AutoCloseable {
    /** The most ended tasks kept; past it the oldest are forgotten (their ids then answer 404, as after the retention). */
    public static final int MAX_ENDED = 10_000;
    /** The most characters of results kept (about 64 MB); past it the oldest ended tasks are forgotten. */
    public static final long MAX_RESULT_CHARS = 32L << 20;

    private static final class Task {
        final String id;
        final String type;
        final AtomicReference<TaskState> state = new AtomicReference<>(TaskState.QUEUED);
        volatile boolean cancelRequested;
        volatile String result;
        volatile String error;
        volatile Future<?> future;
        /** What the handler last reported ({@link TaskHandler.Progress}); kept once the task ends. */
        volatile Map<String, Object> progress = Map.of();
        /** Completed with the final status when the task ends. */
        final CompletableFuture<TaskStatus> ended = new CompletableFuture<>();
        /** Long polls waiting for the end ({@link #onEnded}); each leaves when its wait ends, so none outlives its request. */
        final java.util.Set<CompletableFuture<Optional<TaskStatus>>> waiters = ConcurrentHashMap.newKeySet();
        volatile long endedAtNanos;

        Task(String id, String type) {
            this.id = id;
            this.type = type;
        }

        TaskStatus status() {
            return new TaskStatus(id, type, state.get(), Optional.ofNullable(error), progress);
        }
    }

    private final Map<String, TaskHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    /** Ended tasks, oldest first: what {@link #forgetEnded} drops. */
    private final ConcurrentLinkedQueue<Task> endedOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger endedCount = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong endedChars = new java.util.concurrent.atomic.AtomicLong();
    private final ExecutorService executor;
    private final long retentionNanos;

    /** A service keeping ended tasks for a day. */
    public InProcessTaskService(int threads) {
        this(threads, Duration.ofDays(1));
    }

    /** A service keeping an ended task's status and result for {@code retention} (at most {@link #MAX_ENDED} of them). */
    public InProcessTaskService(int threads, Duration retention) {
        requireNonNull(retention, "retention is null");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention is negative");
        }
        this.retentionNanos = retention.toNanos();
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
        forgetEnded();
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
            execute(task, handler, payload);
        } finally {
            ended(task);
        }
    }

    private void execute(Task task, TaskHandler handler, String payload) {
        try {
            String result = handler.run(payload, () -> task.cancelRequested || Thread.currentThread().isInterrupted(), values -> {
                if (task.state.get() == TaskState.RUNNING) {
                    task.progress = Map.copyOf(values);
                }
            });
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
            ended(task);
            return true;
        }
        Future<?> future = task.future;
        if (future != null) {
            future.cancel(true);
        }
        return true;
    }


    /**
     * Completes {@code waiter} with the task's status once it has ended (at once for an ended one), or with
     * {@link Optional#empty()} for an unknown id; the answer forgets the waiter. Unlike a dependent of the task's own end (which
     * would stay attached until the task ends), a forgotten waiter is gone: a client long-polling a task that runs for hours
     * leaves nothing behind per poll.
     *
     * @return what forgets {@code waiter} (idempotent)
     */
    public Runnable onEnded(String taskId, CompletableFuture<Optional<TaskStatus>> waiter) {
        requireNonNull(waiter, "waiter is null");
        Task task = tasks.get(requireNonNull(taskId, "taskId is null"));
        if (task == null) {
            waiter.complete(Optional.empty());
            return () -> { };
        }
        task.waiters.add(waiter);
        if (task.ended.isDone()) { // ended meanwhile: ended() may have run before the add
            task.waiters.remove(waiter);
            waiter.complete(Optional.of(task.ended.join()));
        }
        return () -> task.waiters.remove(waiter);
    }

    /** How many long polls wait for {@code taskId} now (0 for an unknown id): what a test watches stay flat. */
    int waiters(String taskId) {
        Task task = tasks.get(taskId);
        return task == null ? 0 : task.waiters.size();
    }

    /** How many tasks are kept (queued, running, and ended within the retention): what a soak watches stay flat. */
    public int size() {
        return tasks.size();
    }

    private void ended(Task task) {
        task.endedAtNanos = System.nanoTime();
        endedOrder.add(task);
        endedCount.incrementAndGet();
        endedChars.addAndGet(chars(task));
        TaskStatus status = task.status();
        task.ended.complete(status);
        for (CompletableFuture<Optional<TaskStatus>> waiter : task.waiters) {
            waiter.complete(Optional.of(status));
        }
        task.waiters.clear();
    }

    private static long chars(Task task) {
        String result = task.result;
        String error = task.error;
        return (result == null ? 0 : result.length()) + (error == null ? 0 : error.length());
    }

    /** Forgets ended tasks past the retention, and the oldest past {@link #MAX_ENDED} tasks or {@link #MAX_RESULT_CHARS}. */
    private void forgetEnded() {
        long now = System.nanoTime();
        for (Task oldest = endedOrder.peek(); oldest != null; oldest = endedOrder.peek()) {
            boolean expired = now - oldest.endedAtNanos > retentionNanos;
            if (!expired && endedCount.get() <= MAX_ENDED && endedChars.get() <= MAX_RESULT_CHARS) {
                break;
            }
            if (endedOrder.remove(oldest)) {
                endedCount.decrementAndGet();
                endedChars.addAndGet(-chars(oldest));
                tasks.remove(oldest.id, oldest);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
