package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** A user already has as many queries in flight as {@code query.max-concurrent-per-user} allows; HTTP 429. */
public final class TooManyRequestsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final int limit;
    private final Duration retryAfter;

    public TooManyRequestsException(String key, int limit, Duration retryAfter) {
        super("user '" + requireNonNull(key, "key is null") + "' already has " + limit + " queries running or queued, the most "
                + "query.max-concurrent-per-user allows; retry when one has finished");
        this.key = key;
        this.limit = limit;
        this.retryAfter = requireNonNull(retryAfter, "retryAfter is null");
    }

    /** The user whose queries are counted. */
    public String key() {
        return key;
    }

    /** How many queries the user may have in flight. */
    public int limit() {
        return limit;
    }

    /** How long the client should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
