package dev.dbspec.host.bench;

import dev.dbspec.host.databases.Database;
import dev.dbspec.host.services.InProcessTaskService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark harness, not a test (run by {@code bench/soak.sh}, never by Maven): a soak of mixed load on one server for a
 * number of minutes (default 10), with the local PostgreSQL registered. {@code CLIENTS} threads (default 8) each loop over a
 * random mix of the core server's requests: synchronous queries (small, 10,000 rows, cached and not, one with an error),
 * asynchronous queries waited for with the long poll and their results fetched, queries cancelled while they run, CSV
 * uploads into a table of their own, metadata reads (tables, columns), validation and estimation. Every
 * {@code SAMPLE_SECONDS} (default 30) the harness prints one line of the series: requests done and failed since the last line,
 * heap used after a full GC, live threads, open file descriptors, the database's connections from this process (PostgreSQL's
 * {@code pg_stat_activity}, the pool's and the uploads'), Hikari's active count, and the tasks the in-process task service keeps.
 *
 * <p>At the end it judges flatness over the second half of the run (the first half warms caches, JIT and pools): heap after
 * GC within 25 % (and 16 MB) of the half's first sample, threads within 10, file descriptors within 20, database connections
 * at most the pool's size plus 2, and no request answered with a status other than those the mix expects. Exits 1 when a
 * check fails.
 *
 * <p>Usage: {@code SoakBench PLUGINS_DIR [MINUTES] [CLIENTS] [SAMPLE_SECONDS]}.
 */
public final class SoakBench {
    private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");
    private static final int POOL = 10;
    private static final java.util.concurrent.atomic.AtomicReference<String> APPLICATION = new java.util.concurrent.atomic.AtomicReference<>("");

    private SoakBench() {
    }

    private record Sample(long second, long done, long failed, long heapBytes, int threads, long fds, int dbConnections, int active, int tasks) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SoakBench PLUGINS_DIR [MINUTES] [CLIENTS] [SAMPLE_SECONDS]");
            System.exit(2);
        }
        Path plugins = Path.of(args[0]);
        double minutes = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int sampleSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        System.out.println(BenchSupport.machine());
        System.out.printf(Locale.ROOT, "soak: %.1f min, %d clients, a sample every %d s, pool.max-size=%d, PostgreSQL %s%n", minutes, clients,
                sampleSeconds, POOL, BenchSupport.PG_URL);
        Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
        Map<String, String> unexpected = new ConcurrentHashMap<>();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Sample> samples = new ArrayList<>();
        boolean ok;
        try (BenchSupport.Server server = new BenchSupport.Server(plugins, Map.of("pool.max-size", POOL, "query.max-concurrent-per-user", 64))) {
            // the watcher's own connection, through a registration of its own (pgjdbc lives in the plugin, not on this class path)
            server.runtime.databases().register("soakwatch", BenchSupport.PG_URL, Optional.of(BenchSupport.PG_USER),
                    dev.dbspec.host.databases.Secret.none(), Map.of("ApplicationName", "dbspec-soak-watch-" + suffix), false);
            Connection watcher = server.runtime.databases().database("soakwatch", Optional.empty()).pool().getConnection();
            // a name of its own in pg_stat_activity: the connections counted are this server's, whatever else uses the database
            String application = "dbspec-soak-" + suffix;
            server.runtime.databases().register("soak", BenchSupport.PG_URL, Optional.of(BenchSupport.PG_USER), dev.dbspec.host.databases.Secret.none(),
                    Map.of("ApplicationName", application), false);
            String table = "soak_upload_" + suffix;
            try (Statement statement = watcher.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (id BIGINT, label TEXT, at TIMESTAMP)");
            }
            Database database = server.runtime.databases().database("soak", Optional.empty());
            APPLICATION.set(application);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (running.get()) {
                        String kind = null;
                        try {
                            kind = oneRequest(server, table);
                            byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                            done.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            unexpected.putIfAbsent(String.valueOf(e.getMessage()).split("\n", 2)[0], kind == null ? "?" : kind);
                        }
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            long end = start + (long) (minutes * 60e9);
            long lastDone = 0;
            long lastFailed = 0;
            System.out.println("  second  requests  failed  heap-after-gc  threads  fds  db-connections  hikari-active  tasks-kept");
            for (long next = start + sampleSeconds * 1_000_000_000L; ; next += sampleSeconds * 1_000_000_000L) {
                long wait = Math.min(next, end) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Sample sample = sample(server, database, watcher, (System.nanoTime() - start) / 1_000_000_000L, done.get() - lastDone,
                        failed.get() - lastFailed);
                lastDone = done.get();
                lastFailed = failed.get();
                samples.add(sample);
                System.out.printf(Locale.ROOT, "  %6d  %8d  %6d  %10.1f MB  %7d  %3d  %14d  %13d  %10d%n", sample.second(), sample.done(),
                        sample.failed(), sample.heapBytes() / 1e6, sample.threads(), sample.fds(), sample.dbConnections(), sample.active(),
                        sample.tasks());
                if (System.nanoTime() >= end) {
                    break;
                }
            }
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
            Thread.sleep(1_000);
            Sample after = sample(server, database, watcher, (System.nanoTime() - start) / 1_000_000_000L, 0, 0);
            System.out.printf(Locale.ROOT, "  after the load: heap %.1f MB, %d threads, %d fds, %d database connections, Hikari active %d%n",
                    after.heapBytes() / 1e6, after.threads(), after.fds(), after.dbConnections(), after.active());
            System.out.println("requests by kind: " + new TreeMap<>(byKind));
            ok = judge(samples, after, failed.get(), unexpected);
            try (Statement statement = watcher.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            watcher.close();
        }
        System.out.println(ok ? "flat: all checks passed" : "CHECKS FAILED");
        System.exit(ok ? 0 : 1);
    }

    /** One request of the mix; returns its kind. Throws on an answer the kind does not expect. */
    private static String oneRequest(BenchSupport.Server server, String table) throws Exception {
        int pick = ThreadLocalRandom.current().nextInt(100);
        if (pick < 30) {
            expect(server, post(server, "/api/query", "{\"database\":\"soak\",\"sql\":\"SELECT g, md5(g::text) FROM generate_series(1, 50) g\"}"), 200);
            return "query-small-cached";
        } else if (pick < 40) {
            expect(server, post(server, "/api/query", "{\"database\":\"soak\",\"sql\":\"SELECT g, md5(g::text) AS h, now() AS t FROM generate_series(1, 10000) g\","
                    + "\"limit\":10000,\"cache\":false}"), 200);
            return "query-10k-rows";
        } else if (pick < 45) {
            expect(server, post(server, "/api/query", "{\"database\":\"soak\",\"sql\":\"SELECT * FROM soak_no_such_table\",\"cache\":false}"), 400, 404, 422);
            return "query-error";
        } else if (pick < 60) {
            String submitted = expect(server, post(server, "/api/query/async",
                    "{\"database\":\"soak\",\"sql\":\"SELECT g FROM generate_series(1, 2000) g, pg_sleep(0.02)\",\"limit\":5000}"), 202);
            String id = match(TASK_ID, submitted);
            String state = "";
            for (int i = 0; i < 10 && !state.matches("SUCCEEDED|FAILED|CANCELLED"); i++) {
                state = match(STATE, expect(server, get(server, "/api/tasks/" + id + "?wait=30"), 200));
            }
            if (!state.equals("SUCCEEDED")) {
                throw new IllegalStateException("async query ended " + state);
            }
            expect(server, get(server, "/api/tasks/" + id + "/result"), 200);
            return "async-query";
        } else if (pick < 65) {
            String submitted = expect(server, post(server, "/api/query/async",
                    "{\"database\":\"soak\",\"sql\":\"SELECT pg_sleep(30) IS NULL\"}"), 202);
            String id = match(TASK_ID, submitted);
            Thread.sleep(100);
            expect(server, delete(server, "/api/tasks/" + id), 200, 202, 204, 409);
            String state = match(STATE, expect(server, get(server, "/api/tasks/" + id + "?wait=30"), 200));
            if (!state.equals("CANCELLED")) {
                throw new IllegalStateException("a cancelled query ended " + state);
            }
            return "async-cancelled";
        } else if (pick < 72) {
            StringBuilder csv = new StringBuilder("id,label,at\n");
            for (int i = 0; i < 200; i++) {
                csv.append(i).append(",\"row ").append(i).append(", \"\"quoted\"\"\",2024-02-0").append(1 + i % 9).append(" 12:00:00\n");
            }
            String submitted = expect(server, server.http.send(server.request("/api/databases/soak/upload?table=" + table + "&mode=append")
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                    HttpResponse.BodyHandlers.ofString()), 202);
            String id = match(TASK_ID, submitted);
            String state = "";
            for (int i = 0; i < 10 && !state.matches("SUCCEEDED|FAILED|CANCELLED"); i++) {
                state = match(STATE, expect(server, get(server, "/api/tasks/" + id + "?wait=30"), 200));
            }
            if (!state.equals("SUCCEEDED")) {
                throw new IllegalStateException("upload ended " + state);
            }
            return "upload";
        } else if (pick < 82) {
            expect(server, get(server, "/api/databases/soak/tables?schema=public"), 200);
            expect(server, get(server, "/api/databases/soak/tables/public/" + table + (pick % 2 == 0 ? "?refresh=true" : "")), 200);
            return "metadata";
        } else if (pick < 91) {
            expect(server, post(server, "/api/databases/soak/validate", "{\"sql\":\"SELECT id FROM " + table + " WHERE label = 'x'\"}"), 200);
            return "validate";
        } else {
            expect(server, post(server, "/api/databases/soak/estimate", "{\"sql\":\"SELECT * FROM " + table + " t1, " + table + " t2\"}"), 200);
            return "estimate";
        }
    }

    private static HttpResponse<String> post(BenchSupport.Server server, String path, String json) throws Exception {
        return server.http.send(server.postJson(path, json), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(BenchSupport.Server server, String path) throws Exception {
        return server.http.send(server.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> delete(BenchSupport.Server server, String path) throws Exception {
        return server.http.send(server.request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(BenchSupport.Server server, HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        String body = response.body();
        throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered " + response.statusCode() + ": "
                + (body.length() > 200 ? body.substring(0, 200) : body));
    }

    private static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + (body.length() > 200 ? body.substring(0, 200) : body));
        }
        return matcher.group(1);
    }

    private static Sample sample(BenchSupport.Server server, Database database, Connection watcher, long second, long done, long failed)
            throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        long heap = memory.getHeapMemoryUsage().getUsed();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fds;
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            fds = list.count();
        }
        int connections;
        try (Statement statement = watcher.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + APPLICATION.get() + "'")) {
            rs.next();
            connections = rs.getInt(1);
        }
        int active = database.pool() instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getHikariPoolMXBean() != null
                ? hikari.getHikariPoolMXBean().getActiveConnections() : -1;
        int tasks = server.runtime.tasks() instanceof InProcessTaskService inProcess ? inProcess.size() : -1;
        return new Sample(second, done, failed, heap, threads.getThreadCount(), fds, connections, active, tasks);
    }

    private static boolean judge(List<Sample> samples, Sample after, long failed, Map<String, String> unexpected) {
        boolean ok = true;
        if (failed > 0) {
            System.out.println("FAILED: " + failed + " requests got an answer their kind does not expect, e.g. " + unexpected);
            ok = false;
        }
        if (samples.size() < 4) {
            System.out.println("FAILED: fewer than 4 samples: run longer to judge flatness");
            return false;
        }
        List<Sample> half = samples.subList(samples.size() / 2, samples.size());
        Sample first = half.get(0);
        long heapMax = half.stream().mapToLong(Sample::heapBytes).max().orElseThrow();
        long heapAllowed = Math.max((long) (first.heapBytes() * 1.25), first.heapBytes() + 16_000_000L);
        int threadsMax = half.stream().mapToInt(Sample::threads).max().orElseThrow();
        long fdsMax = half.stream().mapToLong(Sample::fds).max().orElseThrow();
        int connectionsMax = samples.stream().mapToInt(Sample::dbConnections).max().orElseThrow();
        ok &= check(heapMax <= heapAllowed, String.format(Locale.ROOT, "heap after GC over the second half: %.1f MB at most, from %.1f MB (allowed %.1f MB)",
                heapMax / 1e6, first.heapBytes() / 1e6, heapAllowed / 1e6));
        ok &= check(threadsMax <= first.threads() + 10, "threads over the second half: " + threadsMax + " at most, from " + first.threads());
        ok &= check(fdsMax <= first.fds() + 20, "file descriptors over the second half: " + fdsMax + " at most, from " + first.fds());
        ok &= check(connectionsMax <= POOL + 2, "database connections: " + connectionsMax + " at most (pool " + POOL + ")");
        ok &= check(after.active() == 0, "Hikari active connections after the load: " + after.active());
        ok &= check(after.tasks() <= InProcessTaskService.MAX_ENDED + 1, "tasks kept after the load: " + after.tasks());
        return ok;
    }

    private static boolean check(boolean passed, String what) {
        System.out.println((passed ? "  ok      " : "  FAILED  ") + what);
        return passed;
    }
}
