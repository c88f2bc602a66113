package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CacheService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Synchronous queries with the result cache: read-only results are cached by (database registration,
 * normalised SQL, limit) for a time-to-live. A cache that cannot be reached is a miss (the query runs),
 * never a wrong answer; results larger than the cache's entry bound are streamed and not cached.
 */
public final class QueryService {
    /** Where an answer came from. */
    public enum CacheUse { HIT, MISS, BYPASS }

    private final QueryExecutor executor;
    private final CacheService cache;
    private final Duration ttl;
    private final int maxCachedBytes;

    public QueryService(QueryExecutor executor, CacheService cache, Duration ttl, int maxCachedBytes) {
        this.executor = requireNonNull(executor, "executor is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.maxCachedBytes = maxCachedBytes;
    }

    public QueryExecutor executor() {
        return executor;
    }

    /**
     * Runs {@code request}, or answers from the cache when {@code useCache} and a fresh result is there.
     * The sink is opened once, with the whole answer or its stream.
     */
    public CacheUse run(QueryRequest request, boolean useCache, QueryExecutor.Sink sink) {
        return run(request, useCache, use -> sink.open());
    }

    /** Opens the output knowing whether the answer comes from the cache. */
    @FunctionalInterface
    public interface CacheAwareSink {
        OutputStream open(CacheUse use) throws IOException;
    }

    /**
     * What an answer was: from the cache or not, and how many rows the query returned (or changed) when
     * it ran now (empty for an answer from the cache).
     */
    public record Answer(CacheUse use, java.util.OptionalLong rows) {
    }

    /** Like {@link #run(QueryRequest, boolean, QueryExecutor.Sink)}, telling the sink where the answer comes from. */
    public CacheUse run(QueryRequest request, boolean useCache, CacheAwareSink sink) {
        return answer(request, useCache, sink).use();
    }

    /** Like {@link #run(QueryRequest, boolean, CacheAwareSink)}, also telling how many rows (for the audit log). */
    public Answer answer(QueryRequest request, boolean useCache, CacheAwareSink sink) {
        QueryExecutor.Plan plan = executor.plan(request);
        boolean cacheable = useCache && plan.readOnly() && !ttl.isZero();
        // The key holds the row cap in force, so an answer cached under a larger query.max-rows (a shared Redis
        // cache outlives a configuration) is never served past the current one.
        // A request run as a database user gets that user's answer only: the key holds the user (another may not read the table).
        // An expanded answer has another shape than the plain one: its own key.
        String key = cacheable ? key(plan.database().registration().id() + request.runAs().map(user -> "\nrunAs " + user.length() + ":" + user)
                        .orElse("") + (request.expandData() ? "\nexpandData" : ""), request.catalog(), request.schema(), request.sql(),
                request.limit(), executor.settings().rowLimit(request.limit())) : null;
        if (cacheable) {
            Optional<String> hit = cache.get(key);
            if (hit.isPresent()) {
                try (OutputStream out = sink.open(CacheUse.HIT)) {
                    out.write(hit.get().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new Answer(CacheUse.HIT, java.util.OptionalLong.empty());
            }
        }
        if (!cacheable) {
            QueryExecutor.Outcome outcome = executor.execute(request, () -> sink.open(CacheUse.BYPASS));
            return new Answer(CacheUse.BYPASS, java.util.OptionalLong.of(outcome.rowCount()));
        }
        CappedCopy copy = new CappedCopy(maxCachedBytes);
        QueryExecutor.Outcome outcome = executor.execute(request, () -> copy.tee(sink.open(CacheUse.MISS)));
        if (outcome.cacheable() && !copy.overflowed()) {
            cache.put(key, copy.text(), ttl);
        }
        return new Answer(CacheUse.MISS, java.util.OptionalLong.of(outcome.rowCount()));
    }

    /**
     * The cache key: database registration id, the limit asked for, the rows it gets under the server's cap, and
     * the SQL with outer blanks and final semicolons removed.
     */
    static String key(String databaseId, String sql, long limit, long rows) {
        return key(databaseId, Optional.empty(), Optional.empty(), sql, limit, rows);
    }

    /** The cache key, also holding the catalog and schema the query runs in (the same text reads other tables there). */
    static String key(String databaseId, Optional<String> catalog, Optional<String> schema, String sql, long limit, long rows) {
        String normalised = sql.strip();
        while (normalised.endsWith(";")) {
            normalised = normalised.substring(0, normalised.length() - 1).stripTrailing();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((databaseId + "\n" + limit + "\n" + rows + "\n").getBytes(StandardCharsets.UTF_8));
            if (catalog.isPresent() || schema.isPresent()) {
                // Length-prefixed, so no pair of names can collide with another pair.
                String namespace = catalog.map(c -> "c" + c.length() + ":" + c).orElse("-") + schema.map(s -> "s" + s.length() + ":" + s).orElse("-");
                digest.update(("namespace " + namespace + "\n").getBytes(StandardCharsets.UTF_8));
            }
            digest.update(normalised.getBytes(StandardCharsets.UTF_8));
            return "result." + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies what is written up to a bound, then stops copying. */
    private static final class CappedCopy {
        private final int cap;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean overflowed;

        CappedCopy(int cap) {
            this.cap = cap;
        }

        OutputStream tee(OutputStream target) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    target.write(b);
                    copy(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    target.write(bytes, offset, length);
                    copy(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    target.flush();
                }

                @Override
                public void close() throws IOException {
                    target.close();
                }
            };
        }

        private void copy(byte[] bytes, int offset, int length) {
            if (overflowed) {
                return;
            }
            if (buffer.size() + length > cap) {
                overflowed = true;
                buffer.reset();
                return;
            }
            buffer.write(bytes, offset, length);
        }

        boolean overflowed() {
            return overflowed;
        }

        String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
