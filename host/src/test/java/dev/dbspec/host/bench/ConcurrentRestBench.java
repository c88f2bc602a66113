package dev.dbspec.host.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbspec.host.databases.Database;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark harness, not a test (run by {@code bench/rest-concurrency.sh}, never by Maven): N (default 1,000) REST
 * queries sent at once ({@code POST /api/query} on the local PostgreSQL, each about 10 ms in the database) to a server
 * whose pool holds 10 connections, in three configurations: the default per-user limit (4 in flight: the rest is 429),
 * the per-user limit raised to N (everything reaches the pool, which queues for {@code pool.max-wait-ms}, 10 s), and
 * the same with a pool wait of 250 ms, HikariCP's least (the pool refuses). Checks and prints per configuration: the statuses, that
 * every answer other than 200 is typed back-pressure (429 or 503 with {@code Retry-After} and a JSON error), that
 * Hikari's active count is back to 0 afterwards, and p50/p99 latency (all answers, and 200s only). Exits 1 when a
 * check fails.
 *
 * <p>Usage: {@code ConcurrentRestBench PLUGINS_DIR [N]}.
 */
public final class ConcurrentRestBench {
    private static final String SQL = "SELECT g AS id, md5(g::text) AS hash FROM pg_sleep(0.01), generate_series(1, 100) g";

    private ConcurrentRestBench() {
    }

    private record Answer(int status, double millis, String retryAfter, String body) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ConcurrentRestBench PLUGINS_DIR [N]");
            System.exit(2);
        }
        Path plugins = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.out.println(BenchSupport.machine());
        System.out.printf(Locale.ROOT, "%,d concurrent POST /api/query from one admin, pool.max-size=10; query: %s%n", n, SQL);
        boolean ok = true;
        ok &= run(plugins, n, "default per-user limit (4)", Map.of("pool.max-size", 10));
        ok &= run(plugins, n, "per-user limit " + n + ", pool wait 10 s", Map.of("pool.max-size", 10, "query.max-concurrent-per-user", n));
        ok &= run(plugins, n, "per-user limit " + n + ", pool wait 250 ms", Map.of("pool.max-size", 10, "query.max-concurrent-per-user", n,
                "pool.max-wait-ms", 250));
        System.out.println(ok ? "all checks passed" : "CHECKS FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static boolean run(Path plugins, int n, String label, Map<String, Object> settings) throws Exception {
        try (BenchSupport.Server server = new BenchSupport.Server(plugins, settings)) {
            server.registerPostgres("bench");
            String body = "{\"database\":\"bench\",\"sql\":" + BenchSupport.json(SQL) + ",\"limit\":1000,\"cache\":false}";
            // warm-up, one at a time: JIT, pool
            for (int i = 0; i < 20; i++) {
                server.http.send(server.postJson("/api/query", body), HttpResponse.BodyHandlers.ofString());
            }
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long sent = System.nanoTime();
                answers.add(server.http.sendAsync(server.postJson("/api/query", body), HttpResponse.BodyHandlers.ofString())
                        .handle((response, error) -> error != null
                                ? new Answer(-1, (System.nanoTime() - sent) / 1e6, null, error.toString())
                                : new Answer(response.statusCode(), (System.nanoTime() - sent) / 1e6,
                                response.headers().firstValue("Retry-After").orElse(null), response.body())));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            double wall = (System.nanoTime() - started) / 1e6;
            Map<String, AtomicInteger> statuses = new TreeMap<>();
            ConcurrentMap<String, String> wrong = new ConcurrentHashMap<>();
            List<Double> all = new ArrayList<>();
            List<Double> ok = new ArrayList<>();
            for (CompletableFuture<Answer> future : answers) {
                Answer answer = future.get();
                String code = answer.status() + (answer.status() == 200 ? "" : " " + errorCode(answer.body()));
                statuses.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                all.add(answer.millis());
                if (answer.status() == 200) {
                    ok.add(answer.millis());
                    if (!answer.body().contains("\"rowCount\":100")) {
                        wrong.putIfAbsent("200 without the 100 rows", answer.body());
                    }
                } else if (answer.status() == 429 || answer.status() == 503) {
                    if (answer.retryAfter() == null) {
                        wrong.putIfAbsent(answer.status() + " without Retry-After", answer.body());
                    }
                } else {
                    wrong.putIfAbsent("status " + answer.status(), answer.body());
                }
            }
            Database database = server.runtime.databases().database("bench", Optional.empty());
            HikariDataSource pool = (HikariDataSource) database.pool();
            int active = -1;
            for (int i = 0; i < 50 && active != 0; i++) { // a connection is returned just after its answer is sent
                active = pool.getHikariPoolMXBean().getActiveConnections();
                if (active != 0) {
                    Thread.sleep(100);
                }
            }
            if (active != 0) {
                wrong.put("Hikari active connections", Integer.toString(active));
            }
            System.out.printf(Locale.ROOT, "%n%s (load %s): %,d requests in %,.0f ms%n", label, BenchSupport.load(), n, wall);
            System.out.println("  statuses: " + statuses);
            System.out.printf(Locale.ROOT, "  latency, all answers: p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms%n", pct(all, 50), pct(all, 99), pct(all, 100));
            if (!ok.isEmpty()) {
                System.out.printf(Locale.ROOT, "  latency, 200s (%d): p50 %,.0f ms, p99 %,.0f ms%n", ok.size(), pct(ok, 50), pct(ok, 99));
            }
            System.out.printf(Locale.ROOT, "  Hikari active connections afterwards: %d (idle %d, total %d)%n", active,
                    pool.getHikariPoolMXBean().getIdleConnections(), pool.getHikariPoolMXBean().getTotalConnections());
            wrong.forEach((what, example) -> System.out.println("  NOT BACK-PRESSURE: " + what + ": "
                    + example.substring(0, Math.min(300, example.length()))));
            return wrong.isEmpty();
        }
    }

    private static String errorCode(String body) {
        int at = body.indexOf("\"error\":\"");
        return at < 0 ? "(no JSON error)" : body.substring(at + 9, body.indexOf('"', at + 9));
    }

    private static double pct(List<Double> values, double p) {
        return BenchSupport.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }
}
