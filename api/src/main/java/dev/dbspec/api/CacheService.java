package dev.dbspec.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A shared string cache with per-entry time-to-live. Keys are scoped by {@link #namespace(String)} so
 * plugins cannot read or overwrite each other's entries.
 *
 * <p>A cache may lose entries at any time (eviction, TTL, server restart); callers treat a miss as
 * "compute again", never as an error.
 */
public interface CacheService {
    /** The value stored under {@code key}, or empty when absent or expired. */
    Optional<String> get(String key);

    /** Stores {@code value} under {@code key} for at most {@code ttl}. */
    void put(String key, String value, Duration ttl);

    /** Removes {@code key}; no effect when absent. */
    void invalidate(String key);

    /** A view of this cache whose keys live under {@code namespace}. */
    CacheService namespace(String namespace);
}
