package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import dev.dbspec.api.CsvFormat;
import dev.dbspec.api.TaskState;
import dev.dbspec.api.UploadMode;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.runtime.UploadTaskHandler;
import dev.dbspec.host.services.RabbitTaskService;
import dev.dbspec.host.services.TaskRecord;
import dev.dbspec.host.upload.UploadRequest;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed (SIGKILL) in the middle of an upload, through RabbitMQ: the broker redelivers the task to a second
 * worker, which loads the file once: exactly N rows, no staging table left, the file deleted. On PostgreSQL (one transaction:
 * the killed worker's COPY is rolled back by the server) and MariaDB (staging table: the killed worker's half-filled stage is
 * dropped and refilled). A third delivery of the same upload (its work committed, as when a worker dies between the commit and
 * the ack) finds its marker and loads nothing.
 */
class UploadRedeliveryTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private String queue;
    private Path plugins;

    @BeforeEach
    void setUp() throws Exception {
        LocalServices.requireRedis();
        LocalServices.requireRabbit();
        queue = "dbspec.test.upload." + UUID.randomUUID();
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
        java.util.Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(LocalServices.AMQP);
        try (com.rabbitmq.client.Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
            channel.queueDelete(queue + ".dead");
        }
    }

    @Test
    void postgresqlWorkerKilledMidCopy() throws Exception {
        killedMidUploadThenRedelivered("postgresql", 1_000_000, "\"");
    }

    @Test
    void mariadbWorkerKilledMidStaging() throws Exception {
        killedMidUploadThenRedelivered("mariadb", 150_000, "`");
    }

    private void killedMidUploadThenRedelivered(String engine, int rows, String quote) throws Exception {
        TestDatabase database = TestDatabases.require(engine);
        ServerRuntime runtime = ServerRuntime.start(DbspecConfig.defaults().with("cache", LocalServices.REDIS).with("broker", LocalServices.AMQP)
                .with("tasks.queue", queue).with("data.dir", dir.resolve("data")).with("tasks.max-attempts", 3), Optional.of(plugins));
        toClose.add(runtime);
        RabbitTaskService tasks = runtime.rabbit().orElseThrow();
        String registration = runtime.databases().register("db", database.jdbcUrl(), database.user(),
                Secret.of(database.password().orElse(null)), Map.of(), false).id();
        String table = "up_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path csv = dir.resolve("rows.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("id,label,amount,day\n");
            for (int i = 1; i <= rows; i++) {
                out.write(i + ",\"row " + i + ", quoted\"," + (i % 1000) + ".5,2024-01-" + (10 + i % 20) + "\n");
            }
        }
        String uploadId;
        try (InputStream in = Files.newInputStream(csv)) {
            uploadId = runtime.uploads().receive(in, Long.MAX_VALUE);
        }
        String payload = new UploadRequest("db", Optional.of(registration), Optional.empty(), table, UploadMode.CREATE, CsvFormat.DEFAULT,
                Map.of(), uploadId, Optional.of("tester")).toJson();
        try {
            String id = tasks.submit(UploadTaskHandler.TYPE, payload);
            Process first = startWorker();
            await(tasks, id, record -> record.state() == TaskState.RUNNING && rowsDone(tasks, id) > 0,
                    Duration.ofSeconds(60));
            first.destroyForcibly().waitFor();
            long seen = rowsDone(tasks, id);
            assertThat(seen).as("killed mid-upload").isLessThan(rows);
            assertThat(countOrMissing(runtime, quote + table + quote)).as("the killed worker left no rows in the target").isIn(-1L, 0L);
            Process second = startWorker();
            TaskRecord done = await(tasks, id, record -> record.state().isFinal(), Duration.ofSeconds(180));
            assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(TaskState.SUCCEEDED);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(second.isAlive()).isTrue();
            assertThat(countOrMissing(runtime, quote + table + quote)).as("exactly the file's rows, once").isEqualTo(rows);
            assertThat(rowsDone(tasks, id)).isEqualTo(rows);
            assertThat(countOrMissing(runtime, quote + "dbspec_stage_" + uploadId.replace("-", "") + quote)).as("no staging table left").isEqualTo(-1L);
            assertThat(Files.exists(runtime.uploads().file(uploadId))).as("the file is deleted once loaded").isFalse();
            // delivered once more (the ack lost after the commit): the marker says done, nothing is loaded again
            String again = tasks.submit(UploadTaskHandler.TYPE, payload);
            TaskRecord twice = await(tasks, again, record -> record.state().isFinal(), Duration.ofSeconds(60));
            assertThat(twice.state()).as(String.valueOf(twice.error())).isEqualTo(TaskState.SUCCEEDED);
            assertThat(tasks.result(again).orElseThrow()).contains("\"alreadyDone\":true").contains("\"rows\":" + rows);
            assertThat(countOrMissing(runtime, quote + table + quote)).isEqualTo(rows);
        } finally {
            query(runtime, "DROP TABLE IF EXISTS " + quote + table + quote);
            query(runtime, "DROP TABLE IF EXISTS " + quote + "dbspec_stage_" + uploadId.replace("-", "") + quote);
            query(runtime, "DELETE FROM dbspec_uploads WHERE table_name = '" + table + "'");
            if (countOrMissing(runtime, "dbspec_uploads") == 0) {
                query(runtime, "DROP TABLE dbspec_uploads");
            }
        }
    }

    /** The table's row count, or -1 when it does not exist. */
    private static long countOrMissing(ServerRuntime runtime, String tableSql) {
        try {
            String json = runtime.queries().executor().executeToString(new QueryRequest("db", Optional.empty(),
                    "SELECT COUNT(*) FROM " + tableSql, 10, Optional.empty(), "count-" + UUID.randomUUID()));
            return Http.MAPPER.readTree(json).path("rows").get(0).get(0).asLong();
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return -1;
        }
    }

    private static void query(ServerRuntime runtime, String sql) {
        try {
            runtime.queries().executor().executeToString(new QueryRequest("db", Optional.empty(), sql, 10, Optional.empty(), "cleanup-" + UUID.randomUUID()));
        } catch (RuntimeException ignored) {
            // best effort
        }
    }

    private static TaskRecord await(RabbitTaskService tasks, String id, Predicate<TaskRecord> condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        TaskRecord seen = null;
        while (System.nanoTime() < deadline) {
            seen = tasks.record(id).orElse(null);
            if (seen != null && condition.test(seen)) {
                return seen;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("task " + id + " did not reach the condition in " + within + "; last " + seen + ", progress " + tasks.status(id).map(status -> status.progress()).orElse(Map.of()));
    }

    private Process startWorker() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), "dev.dbspec.host.cli.Main",
                "--plugins-dir", plugins.toString(), "worker", "--cache", LocalServices.REDIS, "--broker", LocalServices.AMQP,
                "--queue", queue, "--data-dir", dir.resolve("data").toString(), "--slots", "1");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker-" + processes.size() + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    /** The rows the task reported done ({@code "rowsDone"} of its progress), 0 before any report. */
    private static long rowsDone(dev.dbspec.api.TaskService tasks, String id) {
        Object value = tasks.status(id).map(status -> status.progress().get("rowsDone")).orElse(null);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
