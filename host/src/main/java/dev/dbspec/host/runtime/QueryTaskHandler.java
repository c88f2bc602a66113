package dev.dbspec.host.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbspec.api.TaskHandler;
import dev.dbspec.dialects.SqlTooComplexException;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.execution.QueryExecutor;
import dev.dbspec.host.execution.QueryFailedException;
import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.security.AuditAction;
import dev.dbspec.host.security.AuditEntry;
import dev.dbspec.host.services.RetryableFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Task type {@value #TYPE}: runs an asynchronous query. The payload is
 * {@code {"database","databaseId","sql","limit","timeoutSeconds","owner"}}; the result is the query's JSON. A
 * cancellation request stops the running statement through the engine spec. The owner (who submitted
 * it) travels with the task to whichever worker runs it, which records the run in the audit log.
 */
public final class QueryTaskHandler implements TaskHandler {
    /** The task type. */
    public static final String TYPE = "query";
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dbspec-cancel-watcher");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Where the cancels run: a cancel is a network call (pgjdbc opens a connection to send it and waits up to 10 s for the
     * server to close it), which on the one watcher thread would hold up every other task's cancel behind a slow one.
     */
    private static final java.util.concurrent.ExecutorService CANCELLERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dbspec-task-cancel");
        thread.setDaemon(true);
        return thread;
    });

    /** A failure that is final (the statement is wrong) or not (the database was unreachable). */
    static final class Failure extends Exception implements RetryableFailure {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        Failure(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        @Override
        public boolean retryable() {
            return retryable;
        }
    }

    private final QueryExecutor executor;
    private final Consumer<AuditEntry> audit;

    public QueryTaskHandler(QueryExecutor executor) {
        this(executor, entry -> {
        });
    }

    /** A handler that records every run with {@code audit} (which must not throw). */
    public QueryTaskHandler(QueryExecutor executor, Consumer<AuditEntry> audit) {
        this.executor = requireNonNull(executor, "executor is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    /** The payload of a query task. */
    public static String payload(QueryRequest request) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("database", request.database());
        request.databaseId().ifPresent(id -> json.put("databaseId", id));
        json.put("sql", request.sql());
        json.put("limit", request.limit());
        request.timeout().ifPresent(timeout -> json.put("timeoutSeconds", timeout.toSeconds()));
        request.owner().ifPresent(owner -> json.put("owner", owner));
        request.catalog().ifPresent(catalog -> json.put("catalog", catalog));
        request.schema().ifPresent(schema -> json.put("schema", schema));
        request.runAs().ifPresent(user -> json.put("runAs", user));
        if (request.expandData()) {
            json.put("expandData", true);
        }
        return json.toString();
    }

    @Override
    public String run(String payload, BooleanSupplier cancelled) throws Exception {
        return run(payload, cancelled, dev.dbspec.api.TaskHandler.Progress.NONE);
    }

    /** Runs the query, reporting {@code {"fraction": f}} where its engine reports progress ({@link QueryExecutor#execute(QueryRequest, QueryExecutor.Sink, dev.dbspec.api.TaskHandler.Progress)}). */
    @Override
    public String run(String payload, BooleanSupplier cancelled, dev.dbspec.api.TaskHandler.Progress progress) throws Exception {
        JsonNode json = MAPPER.readTree(payload);
        String queryId = "task-" + UUID.randomUUID();
        QueryRequest request = new QueryRequest(json.path("database").asText(),
                Optional.ofNullable(json.get("databaseId")).map(JsonNode::asText),
                json.path("sql").asText(), json.path("limit").asLong(executor.settings().defaultLimit()),
                Optional.ofNullable(json.get("timeoutSeconds")).map(node -> Duration.ofSeconds(node.asLong())), queryId,
                Optional.ofNullable(json.get("owner")).map(JsonNode::asText),
                Optional.ofNullable(json.get("catalog")).map(JsonNode::asText),
                Optional.ofNullable(json.get("schema")).map(JsonNode::asText),
                Optional.ofNullable(json.get("runAs")).map(JsonNode::asText), json.path("expandData").asBoolean(false));
        java.util.concurrent.atomic.AtomicBoolean cancelling = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> watcher = WATCHER.scheduleWithFixedDelay(() -> {
            // asked again every 100 ms until the query ends: a cancel that came before the statement ran stops nothing
            if (cancelled.getAsBoolean() && cancelling.compareAndSet(false, true)) {
                CANCELLERS.execute(() -> {
                    try {
                        executor.cancel(queryId);
                    } finally {
                        cancelling.set(false);
                    }
                });
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
            QueryExecutor.Outcome outcome = executor.execute(request, () -> buffer, progress);
            String result = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
            if (!outcome.completed()) { // as executeToString: rows cut by an error are a failure
                throw new QueryFailedException(dev.dbspec.api.ErrorCategory.OTHER, null, "the query failed while reading rows: " + result);
            }
            record(request, OptionalLong.of(outcome.rowCount()), started, "ok");
            return result;
        } catch (QueryFailedException e) {
            record(request, OptionalLong.empty(), started, e.category().name().toLowerCase(java.util.Locale.ROOT));
            throw new Failure(e.category() + ": " + e.getMessage(), e.retryable());
        } catch (RequestException e) {
            record(request, OptionalLong.empty(), started, e.kind().name().toLowerCase(java.util.Locale.ROOT));
            throw new Failure(e.kind() + ": " + e.getMessage(), e.kind() == RequestException.Kind.UNAVAILABLE);
        } catch (SqlTooComplexException e) {
            throw new Failure("TOO_COMPLEX: " + e.getMessage(), false); // as complex on the next attempt
        } catch (RuntimeException e) { // for example the task's commit fence could not reach the shared store
            record(request, OptionalLong.empty(), started, "error");
            throw e;
        } finally {
            watcher.cancel(false);
        }
    }

    private void record(QueryRequest request, OptionalLong rows, long started, String outcome) {
        audit.accept(AuditEntry.ofSql(request.owner().orElse("unknown"), AuditAction.QUERY_ASYNC_RUN, request.database(), request.sql(),
                rows, OptionalLong.of((System.nanoTime() - started) / 1_000_000), outcome, java.util.Map.of()));
    }
}
