package dev.dbspec.host.bench;

import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.execution.QueryService;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Benchmark harness, not a test (run by {@code bench/result-cache.sh}, never by Maven): a cached result next to
 * re-executing the query, with the embedded cache (Caffeine) and with Redis, through {@link QueryService} (what the
 * REST route calls) and through REST ({@code POST /api/query} with {@code "cache": true} and {@code false}). Two
 * queries on the local PostgreSQL: an aggregate over a million generated rows (100 rows answered) and 1,000 cheap rows.
 * Timed in rounds (one re-execution, then ten answers from the cache) after a warm-up (five of each, then 2,000 cached
 * answers), medians printed with their ratio.
 *
 * <p>Usage: {@code ResultCacheBench PLUGINS_DIR [ROUNDS] [REDIS_URI]} (default 15, redis://127.0.0.1:6379).
 */
public final class ResultCacheBench {
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("aggregate of 10^6 rows (100 rows)",
                "SELECT g % 100 AS bucket, count(*) AS n, sum(g) AS total FROM generate_series(1, 1000000) g GROUP BY 1 ORDER BY 1");
        QUERIES.put("1,000 cheap rows", "SELECT g AS id, md5(g::text) AS hash FROM generate_series(1, 1000) g");
    }

    private ResultCacheBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ResultCacheBench PLUGINS_DIR [ROUNDS] [REDIS_URI]");
            System.exit(2);
        }
        Path plugins = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String redis = args.length > 2 ? args[2] : "redis://127.0.0.1:6379";
        System.out.println(BenchSupport.machine());
        System.out.printf(Locale.ROOT, "re-execution vs cached answer, medians of %d re-executions and %d cached answers%n", rounds, rounds * 10);
        System.out.printf(Locale.ROOT, "%-8s | %-34s | %-13s | %14s | %12s | %7s%n", "cache", "query", "path", "re-execution", "cached", "ratio");
        for (String cache : new String[] {"embedded", redis}) {
            try (BenchSupport.Server server = new BenchSupport.Server(plugins, Map.of("cache", cache))) {
                server.registerPostgres("bench");
                QueryService queries = server.runtime.queries();
                for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                    String sql = query.getValue();
                    Run service = (useCache, mustHit) -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        QueryService.CacheUse use = queries.run(new QueryRequest("bench", Optional.empty(), sql, 1000, Optional.empty(),
                                "bench-" + UUID.randomUUID()), useCache, () -> out);
                        if (mustHit && use != QueryService.CacheUse.HIT) {
                            throw new IllegalStateException("expected a cache hit, got " + use);
                        }
                        return out.size();
                    };
                    Run rest = (useCache, mustHit) -> {
                        HttpResponse<byte[]> response = server.http.send(server.postJson("/api/query", "{\"database\":\"bench\",\"sql\":"
                                + BenchSupport.json(sql) + ",\"limit\":1000,\"cache\":" + useCache + "}"), HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("REST answered " + response.statusCode());
                        }
                        if (mustHit && !response.headers().firstValue("X-Dbspec-Cache").orElse("").equals("hit")) {
                            throw new IllegalStateException("expected a cache hit, got " + response.headers().firstValue("X-Dbspec-Cache"));
                        }
                        return response.body().length;
                    };
                    report(cache.startsWith("redis") ? "Redis" : "Caffeine", query.getKey(), "QueryService", service, rounds);
                    report(cache.startsWith("redis") ? "Redis" : "Caffeine", query.getKey(), "REST", rest, rounds);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Run {
        int run(boolean useCache, boolean mustHit) throws Exception;
    }

    /** Cached answers run before timing, so that the JIT has compiled their path. */
    private static final int CACHED_WARM_UP = 2_000;

    private static void report(String cache, String query, String path, Run run, int rounds) throws Exception {
        for (int i = 0; i < 5; i++) { // warm-up; the first cached run fills the cache
            run.run(false, false);
            run.run(true, i > 0);
        }
        // The cached path is cheap enough that 5 runs leave it interpreted (REST: 5 ms then, 1.5 ms once compiled); a
        // server answers it thousands of times, so it is timed compiled, as the re-execution's path is by its own cost.
        for (int i = 0; i < CACHED_WARM_UP; i++) {
            run.run(true, true);
        }
        double[] again = new double[rounds];
        double[] cached = new double[rounds * 10];
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            run.run(false, false);
            again[round] = (System.nanoTime() - started) / 1e6;
            for (int i = 0; i < 10; i++) {
                started = System.nanoTime();
                run.run(true, true);
                cached[round * 10 + i] = (System.nanoTime() - started) / 1e6;
            }
        }
        double a = BenchSupport.median(again);
        double c = BenchSupport.median(cached);
        System.out.printf(Locale.ROOT, "%-8s | %-34s | %-13s | %11.2f ms | %9.3f ms | %6.0fx   (load %s)%n", cache, query, path, a, c, a / c,
                BenchSupport.load());
    }
}
