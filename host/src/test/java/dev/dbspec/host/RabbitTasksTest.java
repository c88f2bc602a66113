package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import dev.dbspec.api.TaskState;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.QueryTaskHandler;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.services.RabbitTaskService;
import dev.dbspec.host.services.TaskRecord;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.io.File;
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

/** Async tasks through the real local RabbitMQ, with states in the real local Redis. */
class RabbitTasksTest {
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
        queue = "dbspec.test." + UUID.randomUUID();
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

    private DbspecConfig config() {
        return DbspecConfig.defaults().with("cache", LocalServices.REDIS).with("broker", LocalServices.AMQP)
                .with("tasks.queue", queue).with("data.dir", dir.resolve("data")).with("tasks.max-attempts", 2);
    }

    private ServerRuntime runtime() {
        ServerRuntime runtime = ServerRuntime.start(config(), Optional.of(plugins));
        toClose.add(runtime);
        return runtime;
    }

    private static TaskRecord await(RabbitTaskService tasks, String id, Predicate<TaskRecord> condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        TaskRecord seen = null;
        while (System.nanoTime() < deadline) {
            seen = tasks.record(id).orElse(null);
            if (seen != null && condition.test(seen)) {
                return seen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + id + " did not reach the condition in " + within + "; last " + seen);
    }

    /**
     * A handler's progress reaches the shared task record while it runs (a worker writes it, any server reads it), and the
     * final state is not overwritten by it.
     */
    @Test
    void progressReachesTheSharedRecordWhileTheTaskRuns() throws Exception {
        ServerRuntime runtime = runtime();
        RabbitTaskService tasks = runtime.rabbit().orElseThrow();
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        tasks.registerHandler("slow", new dev.dbspec.api.TaskHandler() {
            @Override
            public String run(String payload, java.util.function.BooleanSupplier cancelled) {
                throw new AssertionError("the service calls the progress-aware run");
            }

            @Override
            public String run(String payload, java.util.function.BooleanSupplier cancelled, Progress progress) throws Exception {
                progress.report(Map.of("fraction", 0.25));
                if (!seen.await(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the progress was never seen");
                }
                progress.report(Map.of("fraction", 0.5)); // possibly throttled now: the final state keeps it anyway
                return "done";
            }
        });
        tasks.startWorkers(1);
        String id = tasks.submit("slow", "x");
        TaskRecord running = await(tasks, id, r -> !r.progress().isEmpty(), Duration.ofSeconds(15));
        assertThat(running.state()).isEqualTo(TaskState.RUNNING);
        assertThat(tasks.status(id).orElseThrow().progress()).isEqualTo(Map.of("fraction", 0.25));
        seen.countDown();
        TaskRecord done = await(tasks, id, r -> r.state().isFinal(), Duration.ofSeconds(15));
        assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(done.progress()).as("the last report stays, as in process").isEqualTo(Map.of("fraction", 0.5));
        assertThat(tasks.result(id)).hasValue("done");
    }

    /**
     * Long polls of a broker task ({@code GET /api/tasks/{id}?wait=}, TaskWaits): 50 waiters of one task are all answered
     * SUCCEEDED once a worker ends it, through one shared read of the task's state per 50 ms (not one per waiter), and a
     * wait that runs out answers the state then.
     */
    @Test
    void longPollsOfABrokerTaskShareOneReadAndAreAnsweredAtTheEnd() throws Exception {
        ServerRuntime runtime = runtime();
        RabbitTaskService rabbit = runtime.rabbit().orElseThrow();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        rabbit.registerHandler("gate", (payload, cancelled) -> {
            release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            return "released";
        });
        rabbit.startWorkers(1);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        dev.dbspec.api.TaskService counting = new dev.dbspec.api.TaskService() { // the real service, its reads counted
            @Override
            public void registerHandler(String type, dev.dbspec.api.TaskHandler handler) {
                rabbit.registerHandler(type, handler);
            }

            @Override
            public String submit(String type, String payload) {
                return rabbit.submit(type, payload);
            }

            @Override
            public Optional<dev.dbspec.api.TaskStatus> status(String taskId) {
                reads.incrementAndGet();
                return rabbit.status(taskId);
            }

            @Override
            public Optional<String> result(String taskId) {
                return rabbit.result(taskId);
            }

            @Override
            public boolean cancel(String taskId) {
                return rabbit.cancel(taskId);
            }
        };
        try (dev.dbspec.host.services.TaskWaits waits = new dev.dbspec.host.services.TaskWaits(counting)) {
            String id = rabbit.submit("gate", "");
            assertThat(waits.untilEnded(id, Duration.ofMillis(300)).get(5, java.util.concurrent.TimeUnit.SECONDS)).get()
                    .extracting(dev.dbspec.api.TaskStatus::state).isIn(TaskState.QUEUED, TaskState.RUNNING);
            List<java.util.concurrent.CompletableFuture<Optional<dev.dbspec.api.TaskStatus>>> waiting = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                waiting.add(waits.untilEnded(id, Duration.ofSeconds(20)));
            }
            reads.set(0);
            Thread.sleep(1_000);
            int readsInASecond = reads.get();
            assertThat(readsInASecond).as("reads of the state in one second with 50 waiters").isBetween(1, 40);
            assertThat(waiting).noneMatch(java.util.concurrent.CompletableFuture::isDone);
            release.countDown();
            for (java.util.concurrent.CompletableFuture<Optional<dev.dbspec.api.TaskStatus>> waiter : waiting) {
                assertThat(waiter.get(10, java.util.concurrent.TimeUnit.SECONDS)).get()
                        .extracting(dev.dbspec.api.TaskStatus::state).isEqualTo(TaskState.SUCCEEDED);
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void asyncQueryRunsInAWorkerRetriesThenDeadLettersAndCancelsQueuedTasks() throws Exception {
        ServerRuntime runtime = runtime();
        RabbitTaskService tasks = runtime.rabbit().orElseThrow();
        String url = "jdbc:h2:mem:rabbit_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        runtime.databases().register("h2", url, Optional.empty(), Secret.none(), Map.of(), true);
        String queued = tasks.submit(QueryTaskHandler.TYPE, QueryTaskHandler.payload(
                new QueryRequest("h2", Optional.empty(), "SELECT 1", 10, Optional.empty(), "q")));
        assertThat(tasks.status(queued).orElseThrow().state()).isEqualTo(TaskState.QUEUED);
        assertThat(tasks.cancel(queued)).isTrue();
        assertThat(tasks.status(queued).orElseThrow().state()).isEqualTo(TaskState.CANCELLED);

        tasks.registerHandler("boom", (payload, cancelled) -> {
            throw new IllegalStateException("boom " + payload);
        });
        tasks.startWorkers(1);
        String id = tasks.submit(QueryTaskHandler.TYPE, QueryTaskHandler.payload(
                new QueryRequest("h2", Optional.empty(), "SELECT X AS n FROM SYSTEM_RANGE(1, 100)", 7, Optional.empty(), "q")));
        TaskRecord done = await(tasks, id, r -> r.state().isFinal(), Duration.ofSeconds(15));
        assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(TaskState.SUCCEEDED);
        assertThat(tasks.result(id).orElseThrow()).contains("\"rowCount\":7");
        assertThat(tasks.status(queued).orElseThrow().state()).as("a cancelled queued task never runs").isEqualTo(TaskState.CANCELLED);

        String failing = tasks.submit("boom", "x");
        TaskRecord failed = await(tasks, failing, r -> r.state().isFinal(), Duration.ofSeconds(15));
        assertThat(failed.state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.error()).isEqualTo("boom x");
        assertThat(failed.attempts()).isEqualTo(2);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(LocalServices.AMQP);
        try (com.rabbitmq.client.Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (channel.messageCount(queue + ".dead") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(channel.messageCount(queue + ".dead")).as("dead-lettered after the retries").isEqualTo(1);
        }
        String badSql = tasks.submit(QueryTaskHandler.TYPE, QueryTaskHandler.payload(
                new QueryRequest("h2", Optional.empty(), "SELECT * FROM nowhere", 7, Optional.empty(), "q")));
        TaskRecord bad = await(tasks, badSql, r -> r.state().isFinal(), Duration.ofSeconds(15));
        assertThat(bad.state()).isEqualTo(TaskState.FAILED);
        assertThat(bad.attempts()).as("a wrong statement is not retried").isEqualTo(1);
        assertThat(bad.error()).startsWith("MISSING_TABLE");
    }

    @Test
    void aWorkerKilledMidTaskIsReplacedAndTheTaskCompletesExactlyOnce() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        ServerRuntime runtime = runtime();
        RabbitTaskService tasks = runtime.rabbit().orElseThrow();
        String table = "dbspec_once_" + UUID.randomUUID().toString().replace("-", "");
        runtime.databases().register("pg", database.jdbcUrl(), database.user(), Secret.of(database.password().orElse(null)), Map.of(), false);
        runtime.queries().executor().executeToString(new QueryRequest("pg", Optional.empty(),
                "CREATE TABLE " + table + " (marker text)", 10, Optional.empty(), "setup"));
        try {
            String id = tasks.submit(QueryTaskHandler.TYPE, QueryTaskHandler.payload(new QueryRequest("pg", Optional.empty(),
                    "INSERT INTO " + table + " SELECT 'done' FROM pg_sleep(4)", 10, Optional.empty(), "q")));
            Process first = startWorker();
            TaskRecord running = await(tasks, id, r -> r.state() == TaskState.RUNNING, Duration.ofSeconds(30));
            Thread.sleep(500);
            first.destroyForcibly().waitFor();
            Process second = startWorker();
            TaskRecord done = await(tasks, id, r -> r.state().isFinal(), Duration.ofSeconds(40));
            assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(TaskState.SUCCEEDED);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.worker()).isNotEqualTo(running.worker());
            assertThat(second.isAlive()).isTrue();
            String count = runtime.queries().executor().executeToString(new QueryRequest("pg", Optional.empty(),
                    "SELECT count(*) AS n FROM " + table, 10, Optional.empty(), "check"));
            assertThat(count).as("the killed worker's insert was rolled back; the task's effect happened once").contains("\"rows\":[[1]]");
        } finally {
            runtime.queries().executor().executeToString(new QueryRequest("pg", Optional.empty(),
                    "DROP TABLE " + table, 10, Optional.empty(), "cleanup"));
        }
    }

    /**
     * A worker killed after its write began to commit, before it stored the task's final state: the broker delivers the task
     * again, and a second run would write twice. A deferred constraint trigger that sleeps holds the commit open for 3 s
     * (PostgreSQL finishes a commit whose client is gone); the worker is killed while COMMIT sleeps. The second worker
     * finds that the first was committing and reports the outcome unknown instead of running the INSERT again.
     */
    @Test
    void aWorkerKilledWhileItsWriteCommitsIsNotFollowedByASecondWrite() throws Exception {
        killedWorkerWritesOnce(table -> "INSERT INTO " + table + " VALUES ('done')", WHILE_COMMITTING, false);
    }

    /** The same for a write the statement classifier takes for a query: {@code SELECT f()} where {@code f} inserts. */
    @Test
    void aQueryWhoseFunctionWritesIsFencedToo() throws Exception {
        killedWorkerWritesOnce(table -> "SELECT " + table + "_insert()", WHILE_COMMITTING, false);
    }

    /**
     * A script that commits part-way makes its write permanent before the request's own commit: its fence is told before
     * it runs, so a worker killed while the rest of the script runs is not followed by a second write either.
     */
    @Test
    void aScriptThatCommitsOnItsOwnIsFencedBeforeItRuns() throws Exception {
        killedWorkerWritesOnce(table -> "INSERT INTO " + table + " VALUES ('done'); COMMIT; SELECT pg_sleep(4)",
                // pgjdbc sends the script's statements one by one: its COMMIT sleeps in the trigger, then " SELECT pg_sleep(4)
                // LIMIT 11" runs (the limit added by the executor)
                table -> "SELECT least(count(*), 1) AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep'"
                        + " AND (trim(query) = 'COMMIT' OR query LIKE '%pg_sleep(4)%')", false);
    }

    /** A cancel that comes after the worker died while committing does not hide that the write may have happened. */
    @Test
    void aCancelAfterAWorkerDiedWhileCommittingStillReportsTheOutcomeUnknown() throws Exception {
        killedWorkerWritesOnce(table -> "INSERT INTO " + table + " VALUES ('done')", WHILE_COMMITTING, true);
    }

    /** A session of this server's PostgreSQL whose COMMIT sleeps in the table's deferred trigger. */
    private static final java.util.function.UnaryOperator<String> WHILE_COMMITTING =
            table -> "SELECT least(count(*), 1) AS n FROM pg_stat_activity WHERE query = 'COMMIT' AND wait_event = 'PgSleep'";

    /**
     * Runs the task {@code taskSql} on a table whose commits take 3 s (a deferred constraint trigger that sleeps), kills its
     * worker once {@code killWhen} finds the moment, checks the write committed without its client, starts a second worker
     * and checks the task reports the outcome unknown and the write happened once.
     */
    private void killedWorkerWritesOnce(java.util.function.UnaryOperator<String> taskSql, java.util.function.UnaryOperator<String> killWhen,
                                        boolean cancelAfterKill) throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        ServerRuntime runtime = runtime();
        RabbitTaskService tasks = runtime.rabbit().orElseThrow();
        String table = "dbspec_commit_" + UUID.randomUUID().toString().replace("-", "");
        runtime.databases().register("pg", database.jdbcUrl(), database.user(), Secret.of(database.password().orElse(null)), Map.of(), false);
        java.util.function.Function<String, String> sql = text -> runtime.queries().executor().executeToString(
                new QueryRequest("pg", Optional.empty(), text, 10, Optional.empty(), "setup-" + UUID.randomUUID()));
        sql.apply("CREATE TABLE " + table + " (marker text)");
        sql.apply("CREATE FUNCTION " + table + "_slow() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN PERFORM pg_sleep(3); RETURN NULL; END'");
        sql.apply("CREATE CONSTRAINT TRIGGER " + table + "_at_commit AFTER INSERT ON " + table
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + table + "_slow()");
        sql.apply("CREATE FUNCTION " + table + "_insert() RETURNS int LANGUAGE sql AS 'INSERT INTO " + table + " VALUES (''done'') RETURNING 1'");
        try {
            String id = tasks.submit(QueryTaskHandler.TYPE, QueryTaskHandler.payload(new QueryRequest("pg", Optional.empty(),
                    taskSql.apply(table), 10, Optional.empty(), "q")));
            Process first = startWorker();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!sql.apply(killWhen.apply(table)).contains("\"rows\":[[1]]")) {
                assertThat(System.nanoTime()).as("the moment to kill the worker never came; task " + tasks.record(id)).isLessThan(deadline);
                Thread.sleep(20);
            }
            first.destroyForcibly().waitFor();
            Thread.sleep(4_500); // PostgreSQL completes the commit (or the script) without its client
            assertThat(sql.apply("SELECT count(*) AS n FROM " + table)).as("the write committed").contains("\"rows\":[[1]]");
            if (cancelAfterKill) {
                tasks.cancel(id);
            }
            startWorker();
            TaskRecord done = await(tasks, id, r -> r.state().isFinal(), Duration.ofSeconds(40));
            assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(TaskState.FAILED);
            assertThat(done.error()).startsWith("outcome unknown: worker ").contains("stopped while committing this task's write");
            Thread.sleep(4_000); // a second run would have committed by now
            assertThat(sql.apply("SELECT count(*) AS n FROM " + table)).as("the write happened once").contains("\"rows\":[[1]]");
        } finally {
            sql.apply("DROP TABLE " + table);
            sql.apply("DROP FUNCTION " + table + "_slow()");
            sql.apply("DROP FUNCTION " + table + "_insert()");
        }
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

    static String classPathSeparator() {
        return File.pathSeparator;
    }
}
