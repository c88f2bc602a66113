package dev.dbspec.host.bench;

import dev.dbspec.host.databases.Database;
import dev.dbspec.host.execution.QueryExecutor;
import dev.dbspec.host.execution.QueryRequest;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Benchmark harness, not a test (run by {@code bench/query-postgresql.sh}, never by Maven): N rows (default 1,000,000)
 * from the local PostgreSQL through the host's {@link QueryExecutor} (JSON to a null output) and through REST
 * ({@code POST /api/query}, the body read and discarded by a client in the same JVM), next to raw JDBC on the same
 * query in the same run: a connection of the same pool, the same fetch size in a transaction (so pgjdbc streams), every
 * value read with {@code getObject}. The three are timed alternately, round after round, so that load from other
 * processes hits them alike; the medians and the ratios to raw JDBC are printed.
 *
 * <p>Usage: {@code PostgresStreamBench PLUGINS_DIR [ROWS] [ROUNDS]}; {@code -Dbench.fetchSize=N} sets {@code query.fetch-size}
 * (default 500) for both the host and raw JDBC.
 */
public final class PostgresStreamBench {
    private PostgresStreamBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PostgresStreamBench PLUGINS_DIR [ROWS] [ROUNDS]");
            System.exit(2);
        }
        Path plugins = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String sql = "SELECT g AS id, 'row ' || g AS label, g * 0.25 AS amount, timestamp '2024-01-01' + g * interval '1 second' AS at"
                + " FROM generate_series(1, " + rows + ") g";
        try (BenchSupport.Server server = new BenchSupport.Server(plugins,
                Map.of("query.max-limit", rows + 1, "query.max-rows", rows + 1,
                        "query.fetch-size", Integer.getInteger("bench.fetchSize", 500)))) {
            server.registerPostgres("bench");
            QueryExecutor executor = server.runtime.queries().executor();
            Database database = server.runtime.databases().database("bench", Optional.empty());
            int fetchSize = executor.settings().fetchSize();
            String limited = executor.plan(request(sql, rows)).limited().sql();
            String body = "{\"database\":\"bench\",\"sql\":" + BenchSupport.json(sql) + ",\"limit\":" + rows + ",\"cache\":false}";

            int rawFetchSize = Integer.getInteger("bench.rawFetchSize", fetchSize); // to see what the fetch size is worth
            Run jdbc = () -> rawJdbc(database, limited, rawFetchSize);
            Run host = () -> {
                Counting out = new Counting();
                QueryExecutor.Outcome outcome = executor.execute(request(sql, rows), () -> out);
                if (!outcome.completed() || outcome.rowCount() != rows) {
                    throw new IllegalStateException("QueryExecutor: " + outcome);
                }
                return out.bytes;
            };
            Run rest = () -> {
                long[] answer = server.discard(server.postJson("/api/query", body));
                if (answer[0] != 200) {
                    throw new IllegalStateException("REST answered " + answer[0]);
                }
                return answer[1];
            };
            // warm-up: JIT, pool, PostgreSQL's caches
            for (int i = 0; i < 2; i++) {
                jdbc.run();
                host.run();
                rest.run();
            }
            System.out.println(BenchSupport.machine());
            System.out.printf(Locale.ROOT, "PostgreSQL %s, pgjdbc fetch size %d, %,d rows (id bigint, label text, amount numeric, at timestamp), "
                    + "%d rounds after a warm-up, timed alternately%n", version(database), fetchSize, rows, rounds);
            System.out.println("raw JDBC (the limited SQL the executor runs): " + limited);
            double[] jdbcMs = new double[rounds];
            double[] hostMs = new double[rounds];
            double[] restMs = new double[rounds];
            double[] jdbcCpu = new double[rounds];
            double[] hostCpu = new double[rounds];
            long hostBytes = 0;
            long restBytes = 0;
            double[] hostRatios = new double[rounds];
            double[] restRatios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                // the order turns every round (JDBC first, then QueryExecutor first, then REST first), so no path always
                // runs after the same other one (its garbage, the database's buffers); each run starts after a full GC
                for (int k = 0; k < 3; k++) {
                    int path = (round + k) % 3;
                    System.gc();
                    if (path == 0) {
                        double[] t = time(jdbc);
                        jdbcMs[round] = t[0];
                        jdbcCpu[round] = t[2];
                    } else if (path == 1) {
                        double[] h = time(host);
                        hostMs[round] = h[0];
                        hostCpu[round] = h[2];
                        hostBytes = (long) h[1];
                    } else {
                        double[] r = time(rest);
                        restMs[round] = r[0];
                        restBytes = (long) r[1];
                    }
                }
                hostRatios[round] = jdbcMs[round] / hostMs[round];
                restRatios[round] = jdbcMs[round] / restMs[round];
                System.out.printf(Locale.ROOT, "round %d: raw JDBC %,7.0f ms   QueryExecutor %,7.0f ms (%.2fx)   REST %,7.0f ms (%.2fx)   (load %s)%n",
                        round + 1, jdbcMs[round], hostMs[round], hostRatios[round], restMs[round], restRatios[round], BenchSupport.load());
            }
            double j = BenchSupport.median(jdbcMs);
            double h = BenchSupport.median(hostMs);
            double r = BenchSupport.median(restMs);
            System.out.printf(Locale.ROOT, "best:   raw JDBC %,.0f ms   QueryExecutor %,.0f ms (%.2fx)   REST %,.0f ms (%.2fx)%n", min(jdbcMs),
                    min(hostMs), min(jdbcMs) / min(hostMs), min(restMs), min(jdbcMs) / min(restMs));
            System.out.printf(Locale.ROOT, "client CPU of the calling thread, median: raw JDBC %,.0f ms   QueryExecutor %,.0f ms%n",
                    BenchSupport.median(jdbcCpu), BenchSupport.median(hostCpu));
            System.out.printf(Locale.ROOT, "median: raw JDBC %,.0f ms (%,.0f rows/s)%n", j, rows * 1000 / j);
            System.out.printf(Locale.ROOT, "        QueryExecutor %,.0f ms (%,.0f rows/s, %.1f MB JSON): %.2fx raw JDBC throughput (target 0.9x)%n",
                    h, rows * 1000 / h, hostBytes / 1e6, j / h);
            System.out.printf(Locale.ROOT, "        REST %,.0f ms (%,.0f rows/s, %.1f MB): %.2fx raw JDBC throughput%n", r, rows * 1000 / r,
                    restBytes / 1e6, j / r);
            System.out.printf(Locale.ROOT, "median of the rounds' ratios (each round's paths ran back to back): QueryExecutor %.2fx, REST %.2fx%n",
                    BenchSupport.median(hostRatios), BenchSupport.median(restRatios));
        }
    }

    @FunctionalInterface
    private interface Run {
        long run() throws Exception;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Wall ms, bytes, and the CPU ms of this thread (the client's own work, whatever the load of other processes). */
    private static double[] time(Run run) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long bytes = run.run();
        return new double[] {(System.nanoTime() - started) / 1e6, bytes, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6};
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** What any JDBC client does at the least: the rows streamed in a transaction, every value read as an object. */
    private static long rawJdbc(Database database, String sql, int fetchSize) throws Exception {
        long hash = 0;
        long count = 0;
        try (Connection connection = database.pool().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(fetchSize);
                try (ResultSet rs = statement.executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            hash += value == null ? 0 : value.hashCode();
                        }
                        count++;
                    }
                }
            } finally {
                connection.commit();
            }
        }
        if (hash == 42) {
            System.out.print(""); // keeps the values read
        }
        return count;
    }

    private static QueryRequest request(String sql, long rows) {
        return new QueryRequest("bench", Optional.empty(), sql, rows, Optional.empty(), "bench-" + UUID.randomUUID());
    }

    private static String version(Database database) throws Exception {
        try (Connection connection = database.pool().getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }

    /** A null output counting bytes. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            bytes += length;
        }
    }
}
