package dev.dbspec.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.execution.QueryExecutor;
import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Benchmark harness, not a test (run by {@code bench/query-memory.sh}, never by Maven): does the host's
 * {@link QueryExecutor} keep memory flat in the number of rows? It streams H2 results of N rows
 * ({@code SELECT X, 'row' || X FROM SYSTEM_RANGE(1, N)}, limit N + 1, through the real h2 plugin and pool)
 * to a null output and measures the live heap, next to a naive peer in the same run: the same statement
 * on the same pool, every row collected into a {@code List<Object[]>}, then serialized with Jackson.
 *
 * <p>Live heap: the output stream forces a full GC every N bytes written (about 20 times per run) and
 * samples the heap used after it; the figure is the largest sample minus the heap used (after a GC)
 * just before the run. Times come from separate runs without sampling (best of three, after a warm-up).
 * H2 is opened with {@code LAZY_QUERY_EXECUTION=TRUE} so the driver itself does not materialise the
 * result; both sides get the same driver behaviour.
 *
 * <p>Usage: {@code QueryMemoryBench PLUGINS_DIR [N...]} (default N: 10000 100000 1000000).
 */
public final class QueryMemoryBench {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double MB = 1024.0 * 1024.0;
    /** -Dbench.engine=postgresql: the local PostgreSQL (generate_series) instead of H2 in memory. */
    private static final boolean POSTGRESQL = "postgresql".equals(System.getProperty("bench.engine", "h2"));

    private QueryMemoryBench() {
    }

    /** A null output that counts bytes and, when sampling, forces a GC every {@code interval} bytes to record the live heap. */
    private static final class NullOutput extends OutputStream {
        private final long interval;
        private long bytes;
        private long nextSample;
        private long peakUsed;

        NullOutput(long interval) {
            this.interval = interval;
            this.nextSample = interval;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            bytes += length;
            if (interval > 0 && bytes >= nextSample) {
                sample();
                while (nextSample <= bytes) {
                    nextSample += interval;
                }
            }
        }

        void sample() {
            peakUsed = Math.max(peakUsed, liveHeap());
        }
    }

    private record Measure(double millis, long bytes, long rows, double liveMb, String failure) {
        static Measure failed(String failure) {
            return new Measure(Double.NaN, 0, 0, Double.NaN, failure);
        }
    }

    @FunctionalInterface
    private interface Run {
        long rows(OutputStream out) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: QueryMemoryBench PLUGINS_DIR [N...]");
            System.exit(2);
        }
        Path plugins = Path.of(args[0]);
        List<Long> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Long.parseLong(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000L, 100_000L, 1_000_000L);
        }
        long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
        Path data = Files.createTempDirectory("dbspec-bench-");
        // query.max-rows too: the server's row cap (100,000 by default) would cut the largest sizes
        DbspecConfig config = DbspecConfig.defaults().with("data.dir", data).with("query.max-limit", largest + 1)
                .with("query.max-rows", largest + 1);
        try (ServerRuntime runtime = ServerRuntime.start(config, Optional.of(plugins))) {
            boolean lazy = Boolean.parseBoolean(System.getProperty("bench.h2Lazy", "true"));
            if (POSTGRESQL) {
                runtime.databases().register("bench", System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                        Optional.of(System.getProperty("bench.pg.user", "postgres")), Secret.none(), Map.of(), true);
            } else {
                runtime.databases().register("bench", "jdbc:h2:mem:bench_" + UUID.randomUUID().toString().replace("-", "")
                        + ";DB_CLOSE_DELAY=-1" + (lazy ? ";LAZY_QUERY_EXECUTION=TRUE" : ""), Optional.empty(), Secret.none(), Map.of(), true);
            }
            QueryExecutor executor = runtime.queries().executor();
            Database database = runtime.databases().database("bench", Optional.empty());

            // Warm-up: both paths, JIT and pool.
            for (int i = 0; i < 3; i++) {
                streaming(executor, 100_000).rows(new NullOutput(0));
                naive(executor, database, 100_000).rows(new NullOutput(0));
            }

            Runtime jvm = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "dbspec QueryExecutor streaming vs naive List<Object[]> + Jackson; %s %s%s; "
                            + "Java %s; -Xmx%dm; %d cores%n", POSTGRESQL ? "PostgreSQL" : "H2", version(database),
                    POSTGRESQL ? "" : lazy ? " in memory (LAZY_QUERY_EXECUTION)" : " in memory (not lazy)",
                    System.getProperty("java.version"), jvm.maxMemory() / (1024 * 1024),
                    jvm.availableProcessors());
            System.out.printf(Locale.ROOT, "live MB = largest heap used after a forced GC during the run, minus the same just before it "
                    + "(%.1f MB after start-up and warm-up)%n%n", liveHeap() / MB);
            System.out.printf(Locale.ROOT, "%10s | %9s | %13s | %18s | %10s | %14s%n", "rows", "output MB",
                    "streaming ms", "streaming live MB", "naive ms", "naive live MB");
            System.out.println("-".repeat(10) + "-+-" + "-".repeat(9) + "-+-" + "-".repeat(13) + "-+-" + "-".repeat(18)
                    + "-+-" + "-".repeat(10) + "-+-" + "-".repeat(14));
            for (long n : sizes) {
                Measure streaming = measure(streaming(executor, n), n);
                Measure naive = measure(naive(executor, database, n), n);
                System.out.printf(Locale.ROOT, "%,10d | %9.1f | %13s | %18s | %10s | %14s%n", n, streaming.bytes() / MB,
                        millis(streaming), live(streaming), millis(naive), live(naive));
            }
        } finally {
            try (var walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The host's path: the executor plans, limits and streams the rows to the sink. */
    private static Run streaming(QueryExecutor executor, long n) {
        return out -> {
            QueryExecutor.Outcome outcome = executor.execute(request(n), () -> out);
            if (!outcome.completed() || outcome.truncated()) {
                throw new IllegalStateException("streaming run incomplete: " + outcome);
            }
            return outcome.rowCount();
        };
    }

    /** The baseline: the same limited statement on the same pool, all rows in a List, then serialized. */
    private static Run naive(QueryExecutor executor, Database database, long n) {
        return out -> {
            String sql = executor.plan(request(n)).limited().sql();
            List<Object[]> rows = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            try (Connection connection = database.pool().getConnection(); Statement statement = connection.createStatement()) {
                statement.setFetchSize(500);
                try (ResultSet rs = statement.executeQuery(sql)) {
                    ResultSetMetaData metadata = rs.getMetaData();
                    int count = metadata.getColumnCount();
                    for (int i = 1; i <= count; i++) {
                        columns.add(metadata.getColumnLabel(i));
                    }
                    while (rs.next()) {
                        Object[] row = new Object[count];
                        for (int i = 0; i < count; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        rows.add(row);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", database.name());
            document.put("columns", columns);
            document.put("rows", rows);
            document.put("rowCount", rows.size());
            MAPPER.writeValue(out, document);
            return rows.size();
        };
    }

    private static QueryRequest request(long n) {
        return new QueryRequest("bench", Optional.empty(), POSTGRESQL
                ? "SELECT g AS id, 'row' || g AS label FROM generate_series(1, " + n + ") g"
                : "SELECT X AS id, 'row' || X AS label FROM SYSTEM_RANGE(1, " + n + ")",
                n + 1, Optional.empty(), "bench-" + UUID.randomUUID());
    }

    private static Measure measure(Run run, long n) {
        try {
            double best = Double.MAX_VALUE;
            long bytes = 0;
            long rows = 0;
            for (int i = 0; i < 3; i++) {
                liveHeap();
                NullOutput out = new NullOutput(0);
                long started = System.nanoTime();
                rows = run.rows(out);
                best = Math.min(best, (System.nanoTime() - started) / 1e6);
                bytes = out.bytes;
            }
            if (rows != n) {
                throw new IllegalStateException(rows + " rows instead of " + n);
            }
            long before = liveHeap();
            NullOutput sampled = new NullOutput(n);
            run.rows(sampled);
            sampled.sample();
            return new Measure(best, bytes, rows, Math.max(0, sampled.peakUsed - before) / MB, null);
        } catch (OutOfMemoryError e) {
            return Measure.failed("OOM");
        } catch (Exception e) {
            return Measure.failed(e.getClass().getSimpleName());
        }
    }

    private static String version(Database database) throws SQLException {
        try (Connection connection = database.pool().getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }

    private static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static String millis(Measure measure) {
        return measure.failure() != null ? measure.failure() : String.format(Locale.ROOT, "%,.0f", measure.millis());
    }

    private static String live(Measure measure) {
        return measure.failure() != null ? measure.failure() : String.format(Locale.ROOT, "%.2f", measure.liveMb());
    }
}
