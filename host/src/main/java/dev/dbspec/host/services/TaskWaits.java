package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.TaskService;
import dev.dbspec.api.TaskStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waiting for a task to end without a thread per waiter, for {@code GET /api/tasks/{id}?wait=seconds} (a long poll: one
 * request instead of a client polling every few milliseconds). The in-process service completes a future the moment a task
 * ends ({@link InProcessTaskService#onEnded}); any other service (the broker's states live in Redis, written by workers in
 * other processes) is read every {@link #POLL_EVERY} on one scheduler thread. At most {@link #MAX_WAITING} waits run at once:
 * past that a wait answers at once with the current status, which a client handles as it handles a timeout.
 */
public final class TaskWaits implements AutoCloseable {
    /** How often a task of a service without completion futures is read while someone waits for it. */
    public static final Duration POLL_EVERY = Duration.ofMillis(50);
    /** The most waits running at once. */
    public static final int MAX_WAITING = 1_000;

    private final TaskService tasks;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger waiting = new AtomicInteger();

    public TaskWaits(TaskService tasks) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dbspec-task-waits");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The task's status once it has ended, or after {@code max} whatever it is then; empty when the task is unknown (or was
     * forgotten meanwhile). Never completes exceptionally for a slow task: a timeout is an answer, not an error.
     */
    public CompletableFuture<Optional<TaskStatus>> untilEnded(String taskId, Duration max) {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(max, "max is null");
        if (waiting.incrementAndGet() > MAX_WAITING || max.isZero() || max.isNegative()) {
            waiting.decrementAndGet();
            return CompletableFuture.completedFuture(current(taskId));
        }
        CompletableFuture<Optional<TaskStatus>> result = new CompletableFuture<>();
        ScheduledFuture<?> deadline = scheduler.schedule(() -> result.complete(current(taskId)), max.toNanos(), TimeUnit.NANOSECONDS);
        ScheduledFuture<?> poll = null;
        Runnable forget = () -> { };
        if (tasks instanceof InProcessTaskService inProcess) {
            // a waiter the task forgets when the wait ends (a dependent of whenEnded would stay until the task ends)
            forget = inProcess.onEnded(taskId, result);
        } else {
            poll = scheduler.scheduleWithFixedDelay(() -> {
                Optional<TaskStatus> status = current(taskId);
                if (status.isEmpty() || status.get().state().isFinal()) {
                    result.complete(status);
                }
            }, 0, POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        ScheduledFuture<?> polling = poll;
        Runnable forgetWaiter = forget;
        result.whenComplete((status, failure) -> {
            waiting.decrementAndGet();
            forgetWaiter.run();
            deadline.cancel(false);
            if (polling != null) {
                polling.cancel(false);
            }
        });
        return result;
    }

    /** The task's status now; empty when unknown or when the service cannot say (the caller answers what it has). */
    private Optional<TaskStatus> current(String taskId) {
        try {
            return tasks.status(taskId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
