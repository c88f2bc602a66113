package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local Redis stopped under a running server: queries still answer correctly, without the cache; it recovers. */
class RedisOutageTest {
    @TempDir
    Path dir;

    @Test
    void aRedisOutageDegradesToNoCacheNeverToAWrongAnswer() throws Exception {
        LocalServices.requireRedis();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        DbspecConfig config = DbspecConfig.defaults().with("cache", LocalServices.REDIS).with("data.dir", dir.resolve("data"));
        try (ServerRuntime runtime = ServerRuntime.start(config, Optional.of(plugins));
             RestServer server = RestServer.start(runtime, "127.0.0.1", 0)) {
            Http http = new Http(server.port(), runtime.security().addUser("test", "outage-admin", Role.ADMIN).token());
            String url = "jdbc:h2:mem:outage_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
            assertThat(http.post("/api/databases", Map.of("name", "h2", "url", url)).status()).isEqualTo(201);
            http.post("/api/query", Map.of("database", "h2", "sql", "CREATE TABLE t(v INT)"));
            http.post("/api/query", Map.of("database", "h2", "sql", "INSERT INTO t VALUES (1)"));
            Map<String, Object> select = Map.of("database", "h2", "sql", "SELECT sum(v) AS s FROM t");
            assertThat(http.post("/api/query", select).headers().firstValue("X-Dbspec-Cache")).contains("miss");
            assertThat(http.post("/api/query", select).headers().firstValue("X-Dbspec-Cache")).contains("hit");
            try {
                stopRedis();
                http.post("/api/query", Map.of("database", "h2", "sql", "INSERT INTO t VALUES (41)"));
                Http.Response during = http.post("/api/query", Map.of("database", "h2", "sql", "SELECT sum(v) AS s FROM t", "limit", 5));
                assertThat(during.status()).isEqualTo(200);
                assertThat(during.body()).contains("\"rows\":[[42]]");
                Http.Response health = http.get("/api/health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().path("cache").path("up").asBoolean()).isFalse();
                assertThat(health.json().path("status").asText()).isEqualTo("degraded");
            } finally {
                startRedis();
            }
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (http.get("/api/health").status() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(http.get("/api/health").status()).as("recovered after Redis restarted").isEqualTo(200);
            assertThat(http.post("/api/query", Map.of("database", "h2", "sql", "SELECT sum(v) AS s FROM t", "limit", 5)).body())
                    .contains("\"rows\":[[42]]");
        }
    }

    private static void stopRedis() throws Exception {
        run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (LocalServices.listening(6379) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(LocalServices.listening(6379)).as("Redis stopped").isFalse();
    }

    /** Restarts Redis exactly as the machine's service is started. */
    static void startRedis() throws Exception {
        if (LocalServices.listening(6379)) {
            return;
        }
        run("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
                "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log");
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!LocalServices.listening(6379) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
