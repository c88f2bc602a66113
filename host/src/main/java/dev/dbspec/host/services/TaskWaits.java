package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.TaskService;
import dev.dbspec.api.TaskStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waiting for a task to end without a thread per waiter, for {@code GET /api/tasks/{id}?wait=seconds} (a long poll: one
 * request instead of a client polling every few milliseconds). The in-process service completes a future the moment a task
 * ends ({@link InProcessTaskService#onEnded}); any other service (the broker's states live in Redis, written by workers in
 * other processes) is read every {@link #POLL_EVERY}, once per task however many wait for it, on a pool of its own. At most
 * {@link #MAX_WAITING} waits run at once:
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
    /** Status reads of the broker's tasks and the callers' continuations. */
    private final java.util.concurrent.ExecutorService answers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dbspec-task-answers");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.Map<String, SharedPoll> polls = new ConcurrentHashMap<>();

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
        // the scheduler only times the wait: the read (a Redis call for the broker's tasks) runs on the pool
        ScheduledFuture<?> deadline = scheduler.schedule(() -> answers.execute(() -> result.complete(current(taskId))), max.toNanos(),
                TimeUnit.NANOSECONDS);
        Runnable forget;
        if (tasks instanceof InProcessTaskService inProcess) {
            // a waiter the task forgets when the wait ends (a dependent of the task's end would stay until the task ends)
            forget = inProcess.onEnded(taskId, result);
        } else {
            forget = pollFor(taskId, result);
        }
        result.whenComplete((status, failure) -> {
            waiting.decrementAndGet();
            forget.run();
            deadline.cancel(false);
        });
        // the caller's continuation (writing the HTTP answer) runs on a thread of its own, never on the task's worker or
        // on the scheduler that times every wait
        return result.thenApplyAsync(status -> status, answers);
    }

    /** One read of a task's state every {@link #POLL_EVERY} however many wait for it, off the scheduler thread. */
    private final class SharedPoll {
        final java.util.Set<CompletableFuture<Optional<TaskStatus>>> waiters = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean();
        volatile ScheduledFuture<?> schedule;

        void tick(String taskId) {
            if (!reading.compareAndSet(false, true)) {
                return; // the last read has not come back: one at a time per task
            }
            answers.execute(() -> {
                try {
                    Optional<TaskStatus> status = current(taskId);
                    if (status.isEmpty() || status.get().state().isFinal()) {
                        waiters.forEach(waiter -> waiter.complete(status));
                    }
                } finally {
                    reading.set(false);
                }
            });
        }
    }

    /** Adds {@code waiter} to the task's shared poll (started by its first waiter); returns how to take it off again. */
    private Runnable pollFor(String taskId, CompletableFuture<Optional<TaskStatus>> waiter) {
        polls.compute(taskId, (id, poll) -> {
            SharedPoll shared = poll != null ? poll : new SharedPoll();
            shared.waiters.add(waiter);
            if (poll == null) {
                shared.schedule = scheduler.scheduleWithFixedDelay(() -> shared.tick(id), 0, POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
            return shared;
        });
        return () -> polls.computeIfPresent(taskId, (id, shared) -> {
            shared.waiters.remove(waiter);
            if (!shared.waiters.isEmpty()) {
                return shared;
            }
            shared.schedule.cancel(false); // the last waiter is gone: stop reading
            return null;
        });
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
        answers.shutdownNow();
    }
}
