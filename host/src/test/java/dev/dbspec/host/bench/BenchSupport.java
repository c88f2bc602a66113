package dev.dbspec.host.bench;

import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the benchmark harnesses under {@code bench/} share (never run by Maven): the machine line printed above every
 * figure, a runtime with its REST server and an admin token, the PostgreSQL registration, and small statistics.
 */
final class BenchSupport {
    /** The local PostgreSQL, overridable with -Dbench.pg.url / -Dbench.pg.user. */
    static final String PG_URL = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("bench.pg.user", "postgres");

    private BenchSupport() {
    }

    /** Date, cores, CPU model, RAM, load average and Java: the line every figure is reported with. */
    static String machine() {
        String cpu = "?";
        String ram = "?";
        String load = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("?");
            ram = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                    .findFirst().map(line -> String.format(Locale.ROOT, "%.0f GB RAM",
                            Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
            load = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException | RuntimeException e) {
            // not Linux: the figures still print, without these details
        }
        return String.format(Locale.ROOT, "%s UTC, %d cores (%s), %s, load average %s, Java %s",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0), Runtime.getRuntime().availableProcessors(), cpu,
                ram, load, System.getProperty("java.version"));
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** A runtime and its REST server on a free port, with an admin token; the data directory is deleted on close. */
    static final class Server implements AutoCloseable {
        final ServerRuntime runtime;
        final RestServer rest;
        final String token;
        final HttpClient http;
        private final Path data;

        Server(Path plugins, Map<String, Object> settings) {
            try {
                data = Files.createTempDirectory("dbspec-bench-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the default metadata store (an H2 file: the plugins directory holds the h2 plugin), as a server runs by default
            DbspecConfig config = DbspecConfig.defaults().with("data.dir", data);
            for (Map.Entry<String, Object> setting : settings.entrySet()) {
                config = config.with(setting.getKey(), setting.getValue());
            }
            runtime = ServerRuntime.start(config, Optional.of(plugins));
            rest = RestServer.start(runtime, "127.0.0.1", 0);
            token = runtime.security().addUser("bench", "bench-admin", Role.ADMIN).token();
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
        }

        /** Registers the local PostgreSQL as {@code name}, read-write (the harness's own tables), without a test connection. */
        void registerPostgres(String name) {
            runtime.databases().register(name, PG_URL, Optional.of(PG_USER), Secret.none(), Map.of(), false);
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest.port() + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofMinutes(5));
        }

        HttpRequest postJson(String path, String json) {
            return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        }

        /** Sends and reads the whole body, discarding it; returns the status and the bytes read. */
        long[] discard(HttpRequest request) throws IOException, InterruptedException {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = body.read(buffer)) >= 0) {
                    bytes += read;
                }
            }
            return new long[] {response.statusCode(), bytes};
        }

        @Override
        public void close() {
            rest.close();
            runtime.close();
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind
            }
        }
    }

    /** A JSON string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static double median(double[] values) {
        return percentile(values, 50);
    }

    /** The nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
