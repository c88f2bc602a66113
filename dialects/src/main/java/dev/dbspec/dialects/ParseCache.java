package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * A bounded cache of analysed scripts ({@link ScriptAnalysis}, or {@link KqlScript} for KQL) keyed by
 * dialect configuration (engine) and exact script text.
 * Its bound is a total number of script characters; entries are weighed by their length. Shared by
 * pipelines; thread-safe.
 */
public final class ParseCache {
    /** Default bound: four million characters of cached scripts. */
    public static final long DEFAULT_MAX_CHARACTERS = 4_000_000;

    private static final ParseCache SHARED = new ParseCache(DEFAULT_MAX_CHARACTERS);

    private final Cache<Key, Object> cache;

    private ParseCache(long maxCharacters) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxCharacters)
                .weigher((Key key, Object value) -> key.script().length() + 64)
                .build();
    }

    /** A new cache holding at most {@code maxCharacters} characters of scripts; 0 disables caching. */
    public static ParseCache create(long maxCharacters) {
        if (maxCharacters < 0) {
            throw new IllegalArgumentException("maxCharacters is negative: " + maxCharacters);
        }
        return new ParseCache(maxCharacters);
    }

    /** The process-wide cache used by pipelines built without one. */
    public static ParseCache shared() {
        return SHARED;
    }

    /** The number of cached scripts (approximate). */
    public long size() {
        return cache.estimatedSize();
    }

    /** Drops every entry. */
    public void clear() {
        cache.invalidateAll();
    }

    /** The cached analysis of {@code script}; one configuration always caches one {@code type}. */
    <T> T get(DialectConfig config, String script, Class<T> type, Function<String, T> analyzer) {
        Key key = new Key(config, script);
        Object cached = cache.getIfPresent(key);
        if (cached != null) {
            return type.cast(cached);
        }
        T analysis = analyzer.apply(script);
        cache.put(key, analysis);
        return analysis;
    }

    private record Key(DialectConfig config, String script) {
        Key {
            requireNonNull(config, "config is null");
            requireNonNull(script, "script is null");
        }
    }
}
