package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Every pooled connection of a database stayed busy for {@code pool.max-wait-ms}: back-pressure, not a database error
 * (HTTP 503 {@code pool_busy} with {@code Retry-After}); the request ran nothing and may be sent again.
 */
public final class PoolBusyException extends RuntimeException implements dev.dbspec.host.services.RetryableFailure {
    private static final long serialVersionUID = 1L;

    /** How long a client is asked to wait: about one query's time on a busy pool. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public PoolBusyException(String database, String poolMessage) {
        super("database '" + requireNonNull(database, "database is null") + "': every pooled connection is busy ("
                + requireNonNull(poolMessage, "poolMessage is null") + "); retry later, or raise pool.max-size or pool.max-wait-ms");
    }

    public Duration retryAfter() {
        return RETRY_AFTER;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
