package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import dev.dbspec.api.TaskState;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import dev.dbspec.host.services.RabbitTaskService;
import dev.dbspec.host.services.TaskRecord;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local RabbitMQ stopped ({@code rabbitmqctl stop_app}) under a running server and its worker:
 * new async queries are refused with a clear 503, health says the broker is down, sync queries and task
 * states still answer; tasks queued before the outage are not lost and, once the broker is back
 * ({@code rabbitmqctl start_app}, always run), complete exactly once with the right results; new
 * submissions work again without restarting the server.
 */
class BrokerOutageTest {
    private static final Duration BROKER_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private String queue;
    private Path plugins;

    @BeforeEach
    void setUp() throws Exception {
        LocalServices.requireRedis();
        LocalServices.requireRabbit();
        Assumptions.assumeTrue(rabbitmqctl().isPresent(), "no rabbitmqctl to stop and start the local RabbitMQ");
        queue = "dbspec.test.outage." + UUID.randomUUID();
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (queue == null) {
            return; // skipped: no RabbitMQ, Redis or rabbitmqctl here
        }
        startBroker(); // a no-op unless the test died between stop and its own restart
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(LocalServices.AMQP);
        try (com.rabbitmq.client.Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
            channel.queueDelete(queue + ".dead");
        }
    }

    @Test
    void aBrokerOutageRefusesNewTasksClearlyLosesNoQueuedTaskAndRecovers() throws Exception {
        DbspecConfig config = DbspecConfig.defaults().with("cache", LocalServices.REDIS).with("broker", LocalServices.AMQP)
                .with("tasks.queue", queue).with("data.dir", dir.resolve("data")).with("tasks.max-attempts", 2)
                // Five tasks of one (anonymous) user wait in the queue here: the per-user limit is not what this test is about.
                .with("query.max-concurrent-per-user", 100);
        try (ServerRuntime runtime = ServerRuntime.start(config, Optional.of(plugins));
             RestServer server = RestServer.start(runtime, "127.0.0.1", 0)) {
            RabbitTaskService tasks = runtime.rabbit().orElseThrow();
            // A task type that holds the worker's only slot until released, so later tasks wait in the broker's queue.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger holdRuns = new AtomicInteger();
            tasks.registerHandler("hold", (payload, cancelled) -> {
                holdRuns.incrementAndGet();
                holding.countDown();
                if (!release.await(45, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                return "{\"held\":" + payload + "}";
            });
            tasks.startWorkers(1);
            Http http = new Http(server.port(), runtime.security().addUser("test", "outage-admin", Role.ADMIN).token());
            String url = "jdbc:h2:mem:broker_outage_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
            assertThat(http.post("/api/databases", Map.of("name", "h2", "url", url)).status()).isEqualTo(201);
            assertThat(http.post("/api/query", Map.of("database", "h2", "sql", "CREATE TABLE marks(task VARCHAR(10))")).status()).isEqualTo(200);

            String first = submit(http, "SELECT SUM(X) AS s FROM SYSTEM_RANGE(1, 1000)");
            assertThat(awaitFinal(tasks, first, Duration.ofSeconds(15)).state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(http.get("/api/tasks/" + first + "/result").body()).contains("\"rows\":[[500500]]");

            String held = tasks.submit("hold", "7");
            assertThat(holding.await(15, TimeUnit.SECONDS)).as("the worker took the holding task").isTrue();
            List<String> inserts = new ArrayList<>();
            for (String mark : List.of("a", "b", "c")) {
                inserts.add(submit(http, "INSERT INTO marks VALUES ('" + mark + "')"));
            }
            String select = submit(http, "SELECT SUM(X) AS s FROM SYSTEM_RANGE(1, 10)");
            List<String> queued = new ArrayList<>(inserts);
            queued.add(select);
            for (String id : queued) {
                assertThat(tasks.record(id).orElseThrow().state()).isEqualTo(TaskState.QUEUED);
            }

            try {
                stopBroker();

                Http.Response refused = http.post("/api/query/async", Map.of("database", "h2", "sql", "SELECT 1 AS one"));
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.json().path("error").asText()).isEqualTo("unavailable");
                assertThat(refused.json().path("message").asText()).contains("broker amqp://127.0.0.1:5672").doesNotContain("guest");
                assertThat(refused.json().has("taskId")).isFalse();

                Http.Response health = http.get("/api/health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().path("status").asText()).isEqualTo("degraded");
                assertThat(health.json().path("broker").path("up").asBoolean()).isFalse();
                assertThat(health.json().path("cache").path("up").asBoolean()).isTrue();

                // Degraded, not down: sync queries run, task states answer, the queued tasks have not run.
                Http.Response count = http.post("/api/query", Map.of("database", "h2", "sql", "SELECT COUNT(*) AS n FROM marks", "cache", false));
                assertThat(count.status()).isEqualTo(200);
                assertThat(count.body()).contains("\"rows\":[[0]]");
                Http.Response state = http.get("/api/tasks/" + inserts.get(0));
                assertThat(state.status()).isEqualTo(200);
                assertThat(state.json().path("state").asText()).isEqualTo("QUEUED");

                // The holding task ends during the outage: its state is stored, its ack cannot reach the broker.
                release.countDown();
                assertThat(awaitFinal(tasks, held, Duration.ofSeconds(15)).state()).isEqualTo(TaskState.SUCCEEDED);
            } finally {
                release.countDown();
                startBroker();
            }

            awaitHealthy(http, Duration.ofSeconds(30));
            for (String id : queued) {
                TaskRecord done = awaitFinal(tasks, id, Duration.ofSeconds(30));
                assertThat(done.state()).as(id + ": " + done.error()).isEqualTo(TaskState.SUCCEEDED);
                assertThat(done.attempts()).as("run once").isEqualTo(1);
            }
            for (String id : inserts) {
                assertThat(http.get("/api/tasks/" + id + "/result").json().path("updateCount").asLong()).isEqualTo(1);
            }
            assertThat(http.get("/api/tasks/" + select + "/result").body()).contains("\"rows\":[[55]]");
            TaskRecord heldRecord = tasks.record(held).orElseThrow();
            assertThat(heldRecord.state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(heldRecord.attempts()).isEqualTo(1);
            assertThat(holdRuns.get()).as("the redelivered holding task is skipped, not run again").isEqualTo(1);
            assertThat(tasks.result(held)).contains("{\"held\":7}");
            Http.Response marks = http.post("/api/query", Map.of("database", "h2",
                    "sql", "SELECT task, COUNT(*) AS n FROM marks GROUP BY task ORDER BY task", "cache", false));
            assertThat(marks.body()).as("each queued insert ran exactly once").contains("\"rows\":[[\"a\",1],[\"b\",1],[\"c\",1]]");

            String after = submit(http, "SELECT 40 + 2 AS answer");
            assertThat(awaitFinal(tasks, after, Duration.ofSeconds(15)).state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(http.get("/api/tasks/" + after + "/result").body()).contains("\"rows\":[[42]]");
        }
    }

    private static String submit(Http http, String sql) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("database", "h2");
        body.put("sql", sql);
        body.put("limit", 10);
        Http.Response response = http.post("/api/query/async", body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("taskId").asText();
    }

    private static TaskRecord awaitFinal(RabbitTaskService tasks, String id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        TaskRecord seen = null;
        while (System.nanoTime() < deadline) {
            seen = tasks.record(id).orElse(null);
            if (seen != null && seen.state().isFinal()) {
                return seen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + id + " not final after " + within + "; last " + seen);
    }

    private static void awaitHealthy(Http http, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Http.Response health = http.get("/api/health");
        while (health.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            health = http.get("/api/health");
        }
        JsonNode json = health.json();
        assertThat(health.status()).as("the broker connection recovered: " + json).isEqualTo(200);
        assertThat(json.path("broker").path("up").asBoolean()).isTrue();
    }

    private static void stopBroker() throws Exception {
        rabbitmqctl("stop_app");
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (LocalServices.listening(5672) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(LocalServices.listening(5672)).as("RabbitMQ stopped").isFalse();
    }

    /** Starts the RabbitMQ application again and waits, bounded, until it accepts AMQP connections. */
    private static void startBroker() throws Exception {
        if (acceptsAmqp()) {
            return;
        }
        rabbitmqctl("start_app");
        long deadline = System.nanoTime() + BROKER_WAIT.toNanos();
        while (!acceptsAmqp() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(acceptsAmqp()).as("RabbitMQ accepts AMQP connections again within " + BROKER_WAIT).isTrue();
    }

    private static boolean acceptsAmqp() {
        if (!LocalServices.listening(5672)) {
            return false;
        }
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(LocalServices.AMQP);
            factory.setConnectionTimeout(2_000);
            factory.setAutomaticRecoveryEnabled(false);
            try (com.rabbitmq.client.Connection connection = factory.newConnection("dbspec-outage-probe")) {
                return connection.isOpen();
            }
        } catch (Exception e) {
            return false;
        }
    }

    /** The {@code rabbitmqctl} on the PATH or in /usr/sbin (often not on a test's PATH), if any. */
    private static Optional<Path> rabbitmqctl() {
        List<String> dirs = new ArrayList<>(List.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "rabbitmqctl")).filter(Files::isExecutable).findFirst();
    }

    private static void rabbitmqctl(String command) throws Exception {
        Process process = new ProcessBuilder(rabbitmqctl().orElseThrow().toString(), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(BROKER_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("rabbitmqctl " + command + " did not finish in " + BROKER_WAIT);
        }
    }
}
