package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import dev.dbspec.api.TaskHandler;
import dev.dbspec.api.TaskService;
import dev.dbspec.api.TaskState;
import dev.dbspec.api.TaskStatus;
import dev.dbspec.host.execution.CommitFence;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks through RabbitMQ: a durable queue, persistent messages published with confirms, consumers with
 * manual acks and a prefetch of one per worker slot. Task state, result and the cancellation flag live
 * in the shared cache (Redis), so any process can poll, fetch and cancel.
 *
 * <p>Delivery is at least once, completion exactly once: a worker acks only after the final state is
 * stored; a redelivered task whose state is already final is acked and skipped. A worker that dies
 * mid-task leaves the message unacked, the broker redelivers it to another worker, which runs it again
 * (the attempt counter grows): its transaction died with its connection. A write is not run twice: the run
 * records that it is committing ({@link CommitFence}: before the commit, or before the statement runs when it may
 * commit on its own), and a delivery that finds that record under a task still RUNNING fails it as "outcome
 * unknown" rather than run it again. A retryable failure is retried up to {@code maxAttempts} runs, then the
 * task is FAILED and its message dead-lettered to {@code <queue>.dead}.
 */
public final class RabbitTaskService implements TaskService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitTaskService.class);
    private static final String TYPE_HEADER = "dbspec-task-type";

    private final Connection connection;
    private final Channel publisher;
    private final String queue;
    private final RedisCacheService store;
    private final Duration stateTtl;
    private final int maxAttempts;
    private final String display;
    private final String workerId = newWorkerId();
    private final Map<String, TaskHandler> handlers = new ConcurrentHashMap<>();
    private final List<Channel> consumers = new ArrayList<>();

    private RabbitTaskService(Connection connection, Channel publisher, String queue, RedisCacheService store,
                              Duration stateTtl, int maxAttempts, String display) {
        this.connection = connection;
        this.publisher = publisher;
        this.queue = queue;
        this.store = store;
        this.stateTtl = stateTtl;
        this.maxAttempts = maxAttempts;
        this.display = display;
    }

    /**
     * Connects to {@code amqp://user:password@host:port[/vhost]} and declares the queue and its dead-letter queue.
     *
     * @param store       where task states live; shared by every process
     * @throws TaskServiceUnavailableException when the broker cannot be reached
     */
    public static RabbitTaskService connect(URI uri, String queue, RedisCacheService store, Duration stateTtl, int maxAttempts) {
        requireNonNull(uri, "uri is null");
        requireNonNull(queue, "queue is null");
        requireNonNull(store, "store is null");
        requireNonNull(stateTtl, "stateTtl is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        String display = "amqp://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5672 : uri.getPort());
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid broker URI " + display + ": " + e.getClass().getSimpleName());
        }
        factory.setConnectionTimeout(3_000);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1_000);
        factory.setRequestedHeartbeat(10);
        try {
            Connection connection = factory.newConnection("dbspec-" + queue);
            Channel publisher = connection.createChannel();
            declare(publisher, queue);
            publisher.confirmSelect();
            return new RabbitTaskService(connection, publisher, queue, store.namespace("tasks"), stateTtl, maxAttempts, display);
        } catch (IOException | TimeoutException e) {
            throw new TaskServiceUnavailableException("cannot connect to the broker at " + display + ": "
                    + RedisCacheService.rootMessage(e), e);
        }
    }

    static void declare(Channel channel, String queue) throws IOException {
        channel.queueDeclare(queue + ".dead", true, false, false, null);
        channel.queueDeclare(queue, true, false, false, Map.of(
                "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", queue + ".dead"));
    }

    /** Where the broker is, without credentials. */
    public String display() {
        return display;
    }

    /** Whether the broker connection is open now. */
    public boolean isUp() {
        return connection.isOpen() && publisher.isOpen();
    }

    /** This process's worker id. */
    public String workerId() {
        return workerId;
    }

    public String queue() {
        return queue;
    }

    @Override
    public void registerHandler(String type, TaskHandler handler) {
        handlers.put(requireNonNull(type, "type is null"), requireNonNull(handler, "handler is null"));
    }

    /**
     * Queues a task: its state is stored as QUEUED, then the message is published and confirmed.
     *
     * @throws TaskServiceUnavailableException when the broker or the state store is unreachable (nothing is queued)
     */
    @Override
    public String submit(String type, String payload) {
        requireNonNull(type, "type is null");
        requireNonNull(payload, "payload is null");
        String id = UUID.randomUUID().toString();
        TaskRecord record = new TaskRecord(id, type, TaskState.QUEUED, null, 0, null);
        try {
            store.strictPut(id, record.toJson(), stateTtl);
        } catch (CacheUnavailableException e) {
            throw new TaskServiceUnavailableException("cannot queue the task: " + e.getMessage(), e);
        }
        try {
            publish(id, type, payload);
        } catch (IOException | TimeoutException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            try {
                store.strictInvalidate(id);
            } catch (CacheUnavailableException ignored) {
                // the state expires with its TTL
            }
            throw new TaskServiceUnavailableException("cannot queue the task: broker " + display + " unreachable ("
                    + RedisCacheService.rootMessage(e) + ")", e);
        }
        return id;
    }

    private void publish(String id, String type, String payload) throws IOException, InterruptedException, TimeoutException {
        AMQP.BasicProperties properties = MessageProperties.PERSISTENT_TEXT_PLAIN.builder()
                .messageId(id)
                .type(type)
                .headers(Map.of(TYPE_HEADER, type))
                .build();
        synchronized (publisher) {
            publisher.basicPublish("", queue, true, properties, payload.getBytes(StandardCharsets.UTF_8));
            publisher.waitForConfirmsOrDie(5_000);
        }
    }

    @Override
    public Optional<TaskStatus> status(String taskId) {
        return record(taskId).map(TaskRecord::status);
    }

    /** The stored record (attempts, worker), or empty for an unknown id; an unreachable store throws. */
    public Optional<TaskRecord> record(String taskId) {
        requireNonNull(taskId, "taskId is null");
        try {
            return store.strictGet(taskId).map(TaskRecord::fromJson);
        } catch (CacheUnavailableException e) {
            throw new TaskServiceUnavailableException("task state unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> result(String taskId) {
        Optional<TaskRecord> record = record(taskId);
        if (record.isEmpty() || record.get().state() != TaskState.SUCCEEDED) {
            return Optional.empty();
        }
        try {
            return store.strictGet(taskId + ".result");
        } catch (CacheUnavailableException e) {
            throw new TaskServiceUnavailableException("task result unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean cancel(String taskId) {
        Optional<TaskRecord> record = record(taskId);
        if (record.isEmpty() || record.get().state().isFinal()) {
            return false;
        }
        try {
            store.strictPut(taskId + ".cancel", "1", stateTtl);
            if (record.get().state() == TaskState.QUEUED) {
                store.strictPut(taskId, record.get().with(TaskState.CANCELLED, null).toJson(), stateTtl);
            }
        } catch (CacheUnavailableException e) {
            throw new TaskServiceUnavailableException("cannot cancel: " + e.getMessage(), e);
        }
        return true;
    }

    /** Starts {@code slots} consumers in this process, each running one task at a time. */
    public synchronized void startWorkers(int slots) {
        try {
            for (int i = 0; i < slots; i++) {
                Channel channel = connection.createChannel();
                declare(channel, queue);
                channel.basicQos(1);
                channel.basicConsume(queue, false, workerId + "-" + i, new Worker(channel));
                consumers.add(channel);
            }
            LOG.info("worker {} consuming {} on {} with {} slot(s)", workerId, queue, display, slots);
        } catch (IOException e) {
            throw new TaskServiceUnavailableException("cannot consume from " + display + ": " + RedisCacheService.rootMessage(e), e);
        }
    }

    /** Runs one delivery to its end; acks only once the final state is stored. */
    private final class Worker extends DefaultConsumer {
        Worker(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            long tag = envelope.getDeliveryTag();
            String id = properties.getMessageId();
            Disposition disposition;
            try {
                disposition = process(id, properties.getType(), new String(body, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.warn("task {}: {}; requeued", id, RedisCacheService.rootMessage(e));
                disposition = Disposition.REQUEUE;
            }
            if (disposition == Disposition.REQUEUE) {
                sleep(1_000);
            }
            settle(tag, id, disposition);
        }

        /** Acks, rejects or requeues; a channel closed meanwhile (broker outage) leaves the delivery to be redelivered. */
        private void settle(long tag, String id, Disposition disposition) throws IOException {
            try {
                switch (disposition) {
                    case ACK -> getChannel().basicAck(tag, false);
                    case DEAD_LETTER -> getChannel().basicReject(tag, false);
                    case REQUEUE -> getChannel().basicNack(tag, false, true);
                }
            } catch (com.rabbitmq.client.ShutdownSignalException e) {
                LOG.warn("task {}: the channel closed before the delivery was settled ({}); the broker delivers it again",
                        id, RedisCacheService.rootMessage(e));
            }
        }
    }

    private enum Disposition { ACK, DEAD_LETTER, REQUEUE }

    private Disposition process(String id, String type, String payload) {
        if (id == null) {
            LOG.warn("message without a task id: dead-lettered");
            return Disposition.DEAD_LETTER;
        }
        Optional<TaskRecord> stored;
        try {
            stored = store.strictGet(id).map(TaskRecord::fromJson);
        } catch (CacheUnavailableException e) {
            LOG.warn("task {}: state store unreachable, requeued", id);
            return Disposition.REQUEUE;
        }
        TaskRecord record = stored.orElseGet(() -> new TaskRecord(id, type == null ? "?" : type, TaskState.QUEUED, null, 0, null));
        if (record.state().isFinal()) {
            LOG.info("task {} is already {}: skipped", id, record.state());
            return Disposition.ACK;
        }
        Optional<String> committing = record.state() == TaskState.RUNNING ? store.strictGet(committingKey(id)) : Optional.empty();
        if (committing.isPresent()) {
            // The last run told its fence that its write was committing, then stopped before storing a final state.
            put(record.with(TaskState.FAILED, "outcome unknown: " + committing.get() + " stopped while committing this task's write,"
                    + " which may have committed (transaction resolution unknown), so it was not run again; check the database"
                    + " before submitting it again"));
            LOG.warn("task {}: {} stopped while committing; not run again", id, committing.get());
            return Disposition.ACK;
        }
        if (cancelRequested(id)) {
            put(record.with(TaskState.CANCELLED, null));
            return Disposition.ACK;
        }
        TaskHandler handler = handlers.get(record.type());
        if (handler == null) {
            put(record.with(TaskState.FAILED, "no handler for task type '" + record.type() + "' in worker " + workerId));
            return Disposition.DEAD_LETTER;
        }
        if (record.attempts() >= maxAttempts) {
            put(record.with(TaskState.FAILED, "gave up after " + record.attempts() + " attempt(s)"));
            return Disposition.DEAD_LETTER;
        }
        TaskRecord running = record.started(workerId);
        put(running);
        boolean[] commitBegan = {false};
        Runnable fence = () -> {
            store.strictPut(committingKey(id), "worker " + workerId + " (attempt " + running.attempts() + ")", stateTtl);
            commitBegan[0] = true;
        };
        String result;
        // Progress goes to the shared record at most every PROGRESS_WRITE_INTERVAL, and never after the run ended
        // (a late report would overwrite the final state); the final state keeps the last one reported, as in process.
        Object lock = new Object();
        boolean[] ended = {false};
        long[] lastWrite = {0};
        @SuppressWarnings("unchecked")
        Map<String, Object>[] latest = new Map[] {Map.of()};
        dev.dbspec.api.TaskHandler.Progress progress = values -> {
            synchronized (lock) {
                if (ended[0]) {
                    return;
                }
                latest[0] = Map.copyOf(values);
                long now = System.nanoTime();
                if (now - lastWrite[0] < PROGRESS_WRITE_INTERVAL_NANOS) {
                    return;
                }
                lastWrite[0] = now;
                try {
                    put(running.withProgress(values));
                } catch (RuntimeException e) {
                    LOG.debug("task {}: progress not stored: {}", id, e.getMessage());
                }
            }
        };
        try {
            result = CommitFence.around(fence, () -> handler.run(payload, throttled(() -> cancelRequested(id)), progress));
        } catch (Exception e) {
            TaskRecord last;
            synchronized (lock) {
                ended[0] = true;
                last = running.withProgress(latest[0]);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (commitBegan[0]) { // failed at or after its commit: run again, the write might happen twice
                put(last.with(TaskState.FAILED, message + " (raised once its write had begun to commit: whether it committed is"
                        + " unknown, so it is not run again)"));
                return Disposition.ACK;
            }
            if (cancelRequested(id)) {
                put(last.with(TaskState.CANCELLED, null));
                return Disposition.ACK;
            }
            boolean retryable = !(e instanceof RetryableFailure failure) || failure.retryable();
            if (retryable && running.attempts() < maxAttempts) {
                LOG.warn("task {} attempt {} failed ({}); retrying", id, running.attempts(), message);
                put(running.with(TaskState.QUEUED, message));
                return Disposition.REQUEUE;
            }
            put(last.with(TaskState.FAILED, message));
            return retryable ? Disposition.DEAD_LETTER : Disposition.ACK;
        }
        TaskRecord last;
        synchronized (lock) {
            ended[0] = true;
            last = running.withProgress(latest[0]);
        }
        if (!commitBegan[0] && cancelRequested(id)) { // a cancel that came after the commit is too late: the task succeeded
            put(last.with(TaskState.CANCELLED, null));
            return Disposition.ACK;
        }
        store.strictPut(id + ".result", result, stateTtl);
        put(last.with(TaskState.SUCCEEDED, null));
        LOG.info("task {} succeeded in worker {} (attempt {})", id, workerId, running.attempts());
        return Disposition.ACK;
    }

    /** Where a run records that its write is committing ({@link CommitFence}), read by the next delivery. */
    private static String committingKey(String id) {
        return id + ".committing";
    }

    /** The shortest time between two progress writes of one task to the shared store. */
    private static final long PROGRESS_WRITE_INTERVAL_NANOS = 500_000_000L;

    private void put(TaskRecord record) {
        store.strictPut(record.id(), record.toJson(), stateTtl);
    }

    private boolean cancelRequested(String id) {
        try {
            return store.strictGet(id + ".cancel").isPresent();
        } catch (CacheUnavailableException e) {
            return false;
        }
    }

    private static BooleanSupplier throttled(BooleanSupplier check) {
        long[] last = {0};
        boolean[] value = {false};
        return () -> {
            long now = System.nanoTime();
            if (!value[0] && now - last[0] > 200_000_000L) {
                last[0] = now;
                value[0] = check.getAsBoolean();
            }
            return value[0];
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newWorkerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        try {
            connection.close(2_000);
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the broker connection: {}", e.getMessage());
        }
    }
}
