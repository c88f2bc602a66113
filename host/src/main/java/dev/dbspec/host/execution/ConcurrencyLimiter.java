package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How many queries each user may have in flight at once ({@code query.max-concurrent-per-user}), keyed by
 * the user's name (the authenticated principal). A synchronous query holds a {@link Permit} while it runs and
 * closes it in {@code finally}; an asynchronous one counts from its submission until its task is final
 * (succeeded, failed, cancelled or forgotten), which the limiter asks the task service, so that tasks run by
 * in-process threads and by remote workers count alike and none is ever leaked. Thread-safe; one small entry
 * per user name seen.
 */
public final class ConcurrencyLimiter {
    /** What a refused client is told to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxPerKey;
    private final Predicate<String> taskActive;
    private final Map<String, Slots> slots = new ConcurrentHashMap<>();

    /**
     * @param maxPerKey  queries one key may have in flight
     * @param taskActive whether the task with this id is still queued or running (false once final or unknown);
     *                   it should answer true when it cannot tell, so that an outage never lifts the limit
     */
    public ConcurrencyLimiter(int maxPerKey, Predicate<String> taskActive) {
        if (maxPerKey < 1) {
            throw new IllegalArgumentException("maxPerKey must be positive: " + maxPerKey);
        }
        this.maxPerKey = maxPerKey;
        this.taskActive = requireNonNull(taskActive, "taskActive is null");
    }

    public int maxPerKey() {
        return maxPerKey;
    }

    /**
     * A permit for one synchronous query of {@code key}; close it when the query ends.
     *
     * @throws TooManyRequestsException when {@code key} already has {@link #maxPerKey()} queries in flight
     */
    public Permit acquire(String key) {
        return tryAcquire(key).orElseThrow(() -> new TooManyRequestsException(key, maxPerKey, RETRY_AFTER));
    }

    /** A permit for one synchronous query of {@code key}, or empty when it already has {@link #maxPerKey()} in flight. */
    public Optional<Permit> tryAcquire(String key) {
        requireNonNull(key, "key is null");
        Slots keySlots = slots.computeIfAbsent(key, k -> new Slots());
        synchronized (keySlots) {
            if (keySlots.inFlight() >= maxPerKey) {
                keySlots.tasks.removeIf(taskActive.negate()); // only when full: the task service may be remote
            }
            if (keySlots.inFlight() >= maxPerKey) {
                return Optional.empty();
            }
            keySlots.held++;
        }
        return Optional.of(new Permit(keySlots));
    }

    /**
     * Submits an asynchronous query of {@code key} with {@code submit} (which returns the task id); the task
     * counts against {@code key} until it is final.
     *
     * @throws TooManyRequestsException when {@code key} already has {@link #maxPerKey()} queries in flight;
     *                                  {@code submit} is then not called
     */
    public String submitTask(String key, Supplier<String> submit) {
        requireNonNull(submit, "submit is null");
        Permit permit = acquire(key);
        String taskId;
        try {
            taskId = requireNonNull(submit.get(), "task id is null");
        } catch (RuntimeException | Error e) {
            permit.close();
            throw e;
        }
        permit.becomeTask(taskId);
        return taskId;
    }

    /** The queries of {@code key} in flight now (running synchronous ones, and tasks not yet seen final). */
    public int inFlight(String key) {
        Slots keySlots = slots.get(requireNonNull(key, "key is null"));
        if (keySlots == null) {
            return 0;
        }
        synchronized (keySlots) {
            keySlots.tasks.removeIf(taskActive.negate());
            return keySlots.inFlight();
        }
    }

    /** One query's place among its key's; closing it (once, idempotent) frees the place. */
    public static final class Permit implements AutoCloseable {
        private final Slots slots;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Slots slots) {
            this.slots = slots;
        }

        /** Hands the place to the task {@code taskId}, which keeps it until it is final. */
        private void becomeTask(String taskId) {
            if (released.compareAndSet(false, true)) {
                synchronized (slots) {
                    slots.held--;
                    slots.tasks.add(taskId);
                }
            }
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                synchronized (slots) {
                    slots.held--;
                }
            }
        }
    }

    /** One key's places: permits held by running synchronous queries, and tasks not yet seen final. Guarded by itself. */
    private static final class Slots {
        int held;
        final Set<String> tasks = new LinkedHashSet<>();

        int inFlight() {
            return held + tasks.size();
        }
    }
}
