package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Bounds of each database's connection pool.
 *
 * @param maximumSize most connections open at once
 * @param maximumWait longest wait for a free connection before the query fails
 */
public record PoolSettings(int maximumSize, Duration maximumWait) {
    public PoolSettings {
        requireNonNull(maximumWait, "maximumWait is null");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1: " + maximumSize);
        }
        if (maximumWait.toMillis() < 250) {
            throw new IllegalArgumentException("maximumWait must be at least 250 ms (HikariCP's minimum): " + maximumWait);
        }
    }

    public static PoolSettings defaults() {
        return new PoolSettings(8, Duration.ofSeconds(10));
    }
}
