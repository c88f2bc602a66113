package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool whose every connection stays busy past {@code pool.max-wait-ms} is back-pressure: 503 {@code pool_busy} with
 * {@code Retry-After}, never the 502 {@code unreachable_host} of a database that cannot be reached (found by
 * bench/rest-concurrency.sh: 1,000 concurrent queries on 10 connections answered 502 to some); a database that really
 * cannot be reached keeps its 502.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolBusyTest {
    @TempDir
    static Path dir;

    private ServerRuntime runtime;
    private RestServer server;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        DbspecConfig config = DbspecConfig.defaults().with("data.dir", dir.resolve("data")).with("pool.max-size", 1)
                .with("pool.max-wait-ms", 250);
        runtime = ServerRuntime.start(config, Optional.of(plugins));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        http = new Http(server.port(), runtime.security().addUser("test", "pool-admin", dev.dbspec.host.security.Role.ADMIN).token());
        runtime.databases().register("busy", "jdbc:h2:mem:pool_busy_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", Optional.empty(),
                Secret.none(), Map.of(), false);
        // nothing listens on port 9 of this machine (discard): connections are refused
        runtime.databases().register("gone", "jdbc:postgresql://127.0.0.1:9/test", Optional.of("postgres"), Secret.none(), Map.of(), false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aPoolBusyPastItsWaitIs503WithRetryAfterAndTheNextQueryRuns() throws Exception {
        Map<String, Object> query = Map.of("database", "busy", "sql", "SELECT 1 AS one", "cache", false);
        assertThat(http.post("/api/query", query).status()).isEqualTo(200);
        HikariDataSource pool = (HikariDataSource) runtime.databases().database("busy", Optional.empty()).pool();
        try (Connection held = pool.getConnection()) { // the pool's only connection
            assertThat(held.isValid(1)).isTrue();
            Http.Response busy = http.post("/api/query", query);
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.json().path("error").asText()).isEqualTo("pool_busy");
            assertThat(busy.json().path("message").asText()).contains("'busy'", "pool.max-size");
            assertThat(busy.headers().firstValue("Retry-After")).contains("1");
        }
        Http.Response after = http.post("/api/query", query);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().path("rows").get(0).get(0).asInt()).isEqualTo(1);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsStill502() {
        Http.Response answer = http.post("/api/query", Map.of("database", "gone", "sql", "SELECT 1 AS one"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(502);
        assertThat(answer.json().path("error").asText()).isEqualTo("unreachable_host");
        assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
    }
}
