package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.dbspec.api.CacheService;
import java.time.Duration;
import java.util.Optional;

/** The embedded cache (Caffeine): bounded in entries, each entry with its own time-to-live. */
public final class InProcessCacheService implements CacheService {
    private record Entry(String value, long ttlNanos) {
    }

    private final Cache<String, Entry> cache;
    private final String prefix;

    /** A cache holding at most {@code maximumEntries} entries. */
    public InProcessCacheService(long maximumEntries) {
        this(Caffeine.newBuilder()
                .maximumSize(maximumEntries)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long currentTime) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build(), "");
    }

    private InProcessCacheService(Cache<String, Entry> cache, String prefix) {
        this.cache = cache;
        this.prefix = prefix;
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = cache.getIfPresent(prefix + requireNonNull(key, "key is null"));
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        cache.put(prefix + key, new Entry(value, ttl.toNanos()));
    }

    @Override
    public void invalidate(String key) {
        cache.invalidate(prefix + requireNonNull(key, "key is null"));
    }

    @Override
    public CacheService namespace(String namespace) {
        requireNonNull(namespace, "namespace is null");
        if (namespace.isEmpty() || namespace.contains(":")) {
            throw new IllegalArgumentException("namespace must be non-empty and without ':': " + namespace);
        }
        return new InProcessCacheService(cache, prefix + namespace + ":");
    }
}
