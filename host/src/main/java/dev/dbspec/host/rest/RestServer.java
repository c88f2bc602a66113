package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TaskState;
import dev.dbspec.api.TaskStatus;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.dialects.LimitedSql;
import dev.dbspec.dialects.SqlParseException;
import dev.dbspec.dialects.SqlPipeline;
import dev.dbspec.dialects.SqlTooComplexException;
import dev.dbspec.dialects.Statement;
import dev.dbspec.dialects.StatementKind;
import dev.dbspec.dialects.TableRef;
import dev.dbspec.host.AmbiguousEngineException;
import dev.dbspec.host.EngineEntry;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.UnknownEngineException;
import dev.dbspec.host.databases.DatabaseRegistration;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.execution.QueryFailedException;
import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.execution.QueryService;
import dev.dbspec.host.execution.TooManyRequestsException;
import dev.dbspec.host.runtime.QueryTaskHandler;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.services.CacheUnavailableException;
import dev.dbspec.host.services.TaskServiceUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API ({@code dbspec serve}), JSON in and out:
 * <ul>
 *   <li>{@code GET /api/health}; {@code GET /api/engines}; {@code GET /api/engines/{id}/grains}</li>
 *   <li>{@code GET|POST /api/databases}; {@code GET|DELETE /api/databases/{name}}</li>
 *   <li>{@code POST /api/sql/limit} {@code {engine, sql, limit, force}}; {@code POST /api/sql/inspect} {@code {engine, sql}}</li>
 *   <li>{@code POST /api/query} {@code {database, sql, limit, timeoutSeconds, queryId, cache}} (rows streamed);
 *       {@code DELETE /api/queries/{queryId}} cancels it</li>
 *   <li>{@code POST /api/query/async} (202 with {@code taskId}); {@code GET /api/tasks/{id}},
 *       {@code GET /api/tasks/{id}/result}, {@code DELETE /api/tasks/{id}} cancels</li>
 * </ul>
 * Errors are {@code {"error": code, "message": text}} with a 4xx status for bad input and 5xx for
 * unreachable services; stack traces stay in the server log. SQL beyond the configured limits is 422
 * {@code too_complex}; a user with {@code query.max-concurrent-per-user} queries in flight gets 429
 * {@code too_many_requests} with {@code Retry-After}.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final String JSON = "application/json";
    /**
     * Whose queries the per-user concurrency limit counts. Until requests carry an authenticated principal,
     * every client is this one user, so the limit is server-wide.
     */
    static final String ANONYMOUS_OWNER = "anonymous";

    private final ServerRuntime runtime;
    private final Javalin app;

    private RestServer(ServerRuntime runtime, Javalin app) {
        this.runtime = runtime;
        this.app = app;
    }

    /** Starts listening on {@code host:port} (port 0 picks a free port). */
    public static RestServer start(ServerRuntime runtime, String host, int port) {
        requireNonNull(runtime, "runtime is null");
        Routes routes = new Routes(runtime);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 1_000_000;
            config.routes.get("/api/health", routes::health);
            config.routes.get("/api/engines", routes::engines);
            config.routes.get("/api/engines/{id}/grains", routes::grains);
            config.routes.get("/api/databases", routes::listDatabases);
            config.routes.post("/api/databases", routes::registerDatabase);
            config.routes.get("/api/databases/{name}", routes::getDatabase);
            config.routes.delete("/api/databases/{name}", routes::removeDatabase);
            config.routes.post("/api/sql/limit", routes::limit);
            config.routes.post("/api/sql/inspect", routes::inspect);
            config.routes.post("/api/query", routes::query);
            config.routes.delete("/api/queries/{queryId}", routes::cancelQuery);
            config.routes.post("/api/query/async", routes::submit);
            config.routes.get("/api/tasks/{id}", routes::taskStatus);
            config.routes.get("/api/tasks/{id}/result", routes::taskResult);
            config.routes.delete("/api/tasks/{id}", routes::cancelTask);
            config.routes.exception(Exception.class, RestServer::error);
            config.routes.error(404, "*", ctx -> {
                String current = ctx.result();
                if (current == null || !current.startsWith("{")) {
                    send(ctx, 404, Map.of("error", "not_found", "message", "no route " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, "*", ctx -> send(ctx, 405, Map.of("error", "method_not_allowed",
                    "message", ctx.method() + " is not allowed on " + ctx.path())));
        });
        app.start(host, port);
        LOG.info("dbspec REST API on http://{}:{}/api", host, app.port());
        return new RestServer(runtime, app);
    }

    public int port() {
        return app.port();
    }

    public ServerRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        app.stop();
    }

    static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON).result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void error(Exception e, Context ctx) {
        ApiError api = toApiError(e);
        if (api.status() >= 500) {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), api.getMessage(), e);
        } else {
            LOG.debug("{} {} refused: {}", ctx.method(), ctx.path(), api.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", api.code());
        body.put("message", api.getMessage());
        if (e instanceof QueryFailedException failure && failure.sqlState() != null) {
            body.put("sqlState", failure.sqlState());
        }
        if (e instanceof TooManyRequestsException tooMany) {
            ctx.header("Retry-After", Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
        }
        send(ctx, api.status(), body);
    }

    static ApiError toApiError(Exception e) {
        if (e instanceof ApiError api) {
            return api;
        }
        if (e instanceof RequestException request) {
            return switch (request.kind()) {
                case INVALID -> new ApiError(400, "invalid_request", request.getMessage());
                case NOT_FOUND -> new ApiError(404, "not_found", request.getMessage());
                case CONFLICT -> new ApiError(409, "conflict", request.getMessage());
                case FORBIDDEN -> new ApiError(403, "forbidden", request.getMessage());
                case UNAVAILABLE -> new ApiError(503, "unavailable", request.getMessage());
            };
        }
        if (e instanceof QueryFailedException failure) {
            int status = switch (failure.category()) {
                case SYNTAX, MISSING_TABLE -> 400;
                case PERMISSION, BAD_CREDENTIALS -> 403;
                case TIMEOUT -> 408;
                case CANCELLED -> 409;
                case UNREACHABLE_HOST, UNKNOWN_DATABASE -> 502;
                case OTHER -> 422;
            };
            return new ApiError(status, failure.category().name().toLowerCase(Locale.ROOT), failure.getMessage());
        }
        if (e instanceof UnknownEngineException || e instanceof AmbiguousEngineException) {
            return new ApiError(400, "unknown_engine", e.getMessage());
        }
        if (e instanceof SqlParseException parse) {
            return new ApiError(400, "sql_parse_error", parse.getMessage());
        }
        if (e instanceof SqlTooComplexException tooComplex) {
            return new ApiError(422, "too_complex", tooComplex.getMessage());
        }
        if (e instanceof TooManyRequestsException tooMany) {
            return new ApiError(429, "too_many_requests", tooMany.getMessage());
        }
        if (e instanceof TaskServiceUnavailableException || e instanceof CacheUnavailableException) {
            return new ApiError(503, "unavailable", e.getMessage());
        }
        if (e instanceof JsonProcessingException json) {
            return new ApiError(400, "invalid_json", "the body is not valid JSON: " + json.getOriginalMessage());
        }
        return new ApiError(500, "internal_error", "internal error (" + e.getClass().getSimpleName() + "); see the server log");
    }

    /** The route handlers. */
    private static final class Routes {
        private final ServerRuntime runtime;

        Routes(ServerRuntime runtime) {
            this.runtime = runtime;
        }

        void health(Context ctx) {
            Map<String, Object> health = runtime.health();
            send(ctx, "ok".equals(health.get("status")) ? 200 : 503, health);
        }

        void engines(Context ctx) {
            List<Map<String, Object>> engines = new ArrayList<>();
            for (EngineEntry entry : runtime.host().registry().entries()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", entry.id());
                json.put("plugin", entry.plugin());
                json.put("pluginVersion", entry.pluginVersion());
                json.put("state", entry.state().name());
                entry.reason().ifPresent(reason -> json.put("reason", reason));
                entry.spec().ifPresent(spec -> {
                    json.put("name", spec.displayName());
                    json.put("limitMethod", spec.limitMethod().name());
                    json.put("grains", spec.timeGrainExpressions().keySet().stream().map(TimeGrain::iso).sorted().toList());
                    json.put("urlPrefixes", spec.urlPrefixes());
                });
                engines.add(json);
            }
            send(ctx, 200, Map.of("engines", engines));
        }

        void grains(Context ctx) {
            EngineSpec spec = runtime.host().registry().resolve(ctx.pathParam("id"));
            Map<String, String> grains = new java.util.TreeMap<>();
            spec.timeGrainExpressions().forEach((grain, sql) -> grains.put(grain.iso(), sql));
            send(ctx, 200, Map.of("engine", spec.id(), "grains", grains));
        }

        void listDatabases(Context ctx) {
            send(ctx, 200, Map.of("databases", runtime.databases().list().stream().map(Routes::describe).toList()));
        }

        void getDatabase(Context ctx) {
            DatabaseRegistration registration = runtime.databases().registration(ctx.pathParam("name"))
                    .orElseThrow(() -> new ApiError(404, "not_found", "no database named '" + ctx.pathParam("name") + "'"));
            send(ctx, 200, describe(registration));
        }

        void registerDatabase(Context ctx) throws JsonProcessingException {
            JsonNode body = body(ctx);
            String name = text(body, "name", true);
            String url = text(body, "url", true);
            Optional<String> user = Optional.ofNullable(text(body, "user", false));
            Secret secret = Secret.of(text(body, "password", false));
            Map<String, String> options = new LinkedHashMap<>();
            JsonNode optionsNode = body.path("options");
            if (!optionsNode.isMissingNode() && !optionsNode.isNull()) {
                if (!optionsNode.isObject()) {
                    throw new ApiError(400, "invalid_request", "'options' must be an object of strings");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = optionsNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> option = it.next();
                    options.put(option.getKey(), option.getValue().asText());
                }
            }
            boolean readOnly = body.path("readOnly").asBoolean(false);
            DatabaseRegistration registration = runtime.databases().register(name, url, user, secret, options, readOnly);
            send(ctx, 201, describe(registration));
        }

        void removeDatabase(Context ctx) {
            if (!runtime.databases().remove(ctx.pathParam("name"))) {
                throw new ApiError(404, "not_found", "no database named '" + ctx.pathParam("name") + "'");
            }
            ctx.status(204);
        }

        void limit(Context ctx) throws JsonProcessingException {
            JsonNode body = body(ctx);
            EngineSpec spec = runtime.host().registry().resolve(text(body, "engine", true));
            String sql = text(body, "sql", true);
            long limit = positiveLong(body, "limit", Optional.empty());
            LimitedSql limited = pipeline(spec).applyLimit(sql, limit, body.path("force").asBoolean(false));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("engine", spec.id());
            json.put("sql", limited.sql());
            json.put("outcome", limited.outcome().name());
            json.put("limit", limited.limit());
            json.put("executorMustStopFetching", limited.executorMustStopFetching());
            json.put("note", limited.note());
            send(ctx, 200, json);
        }

        void inspect(Context ctx) throws JsonProcessingException {
            JsonNode body = body(ctx);
            EngineSpec spec = runtime.host().registry().resolve(text(body, "engine", true));
            SqlPipeline pipeline = pipeline(spec);
            String script = text(body, "sql", true);
            List<Map<String, Object>> statements = new ArrayList<>();
            boolean readOnly = true;
            var budget = pipeline.startBudget(); // one parse budget for the whole script, not one per statement
            for (Statement statement : pipeline.split(script)) {
                budget.check();
                StatementKind kind = pipeline.classify(statement.text()).get(0);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("kind", kind.name().toLowerCase(Locale.ROOT));
                var limit = kind == StatementKind.QUERY ? pipeline.getLimit(statement.text()) : java.util.OptionalLong.empty();
                json.put("limit", limit.isPresent() ? limit.getAsLong() : null);
                List<Map<String, String>> tables = new ArrayList<>();
                for (TableRef table : pipeline.tables(statement.text())) {
                    Map<String, String> ref = new LinkedHashMap<>();
                    ref.put("catalog", table.catalog());
                    ref.put("schema", table.schema());
                    ref.put("table", table.table());
                    tables.add(ref);
                }
                json.put("tables", tables);
                readOnly &= kind.isReadOnly();
                statements.add(json);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("engine", spec.id());
            json.put("statements", statements);
            json.put("readOnly", readOnly && !statements.isEmpty());
            send(ctx, 200, json);
        }

        void query(Context ctx) throws JsonProcessingException {
            JsonNode body = body(ctx);
            QueryRequest request = request(body, Optional.ofNullable(text(body, "queryId", false)).orElse(UUID.randomUUID().toString()));
            boolean useCache = body.path("cache").asBoolean(true);
            QueryService.CacheUse[] use = new QueryService.CacheUse[1];
            try (var permit = runtime.queryLimiter().acquire(ANONYMOUS_OWNER)) {
                use[0] = runtime.queries().run(request, useCache, (QueryService.CacheAwareSink) cacheUse -> {
                    ctx.status(200).contentType(JSON);
                    ctx.header("X-Dbspec-Query-Id", request.queryId());
                    ctx.header("X-Dbspec-Cache", cacheUse.name().toLowerCase(Locale.ROOT));
                    return ctx.outputStream();
                });
            }
            LOG.debug("query {} on {}: cache {}", request.queryId(), request.database(), use[0]);
        }

        void cancelQuery(Context ctx) {
            boolean cancelled = runtime.queries().executor().cancel(ctx.pathParam("queryId"));
            if (!cancelled) {
                throw new ApiError(404, "not_found", "no running query '" + ctx.pathParam("queryId") + "' that can be cancelled");
            }
            send(ctx, 202, Map.of("queryId", ctx.pathParam("queryId"), "cancelled", true));
        }

        void submit(Context ctx) throws JsonProcessingException {
            JsonNode body = body(ctx);
            QueryRequest request = request(body, "async");
            var plan = runtime.queries().executor().plan(request);
            QueryRequest pinned = new QueryRequest(request.database(), Optional.of(plan.database().registration().id()),
                    request.sql(), request.limit(), request.timeout(), request.queryId());
            String taskId = runtime.queryLimiter().submitTask(ANONYMOUS_OWNER,
                    () -> runtime.tasks().submit(QueryTaskHandler.TYPE, QueryTaskHandler.payload(pinned)));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("taskId", taskId);
            json.put("state", TaskState.QUEUED.name());
            ctx.header("Location", "/api/tasks/" + taskId);
            send(ctx, 202, json);
        }

        void taskStatus(Context ctx) {
            TaskStatus status = status(ctx.pathParam("id"));
            send(ctx, 200, describe(status));
        }

        void taskResult(Context ctx) {
            TaskStatus status = status(ctx.pathParam("id"));
            if (status.state() != TaskState.SUCCEEDED) {
                Map<String, Object> json = describe(status);
                json.put("error", "not_ready");
                json.put("message", "task " + status.id() + " is " + status.state() + status.error().map(e -> ": " + e).orElse(""));
                send(ctx, status.state().isFinal() ? 410 : 409, json);
                return;
            }
            String result = runtime.tasks().result(status.id())
                    .orElseThrow(() -> new ApiError(410, "gone", "the result of task " + status.id() + " has expired"));
            ctx.status(200).contentType(JSON).result(result);
        }

        void cancelTask(Context ctx) {
            TaskStatus status = status(ctx.pathParam("id"));
            boolean cancelled = runtime.tasks().cancel(status.id());
            if (!cancelled) {
                throw new ApiError(409, "conflict", "task " + status.id() + " is already " + status.state());
            }
            send(ctx, 202, Map.of("taskId", status.id(), "cancelRequested", true));
        }

        /** The engine's pipeline with the server's SQL limits. */
        private SqlPipeline pipeline(EngineSpec spec) {
            return SqlPipeline.of(spec, runtime.queries().executor().settings().sqlLimits());
        }

        private TaskStatus status(String id) {
            return runtime.tasks().status(id).orElseThrow(() -> new ApiError(404, "not_found", "no task '" + id + "'"));
        }

        private QueryRequest request(JsonNode body, String queryId) {
            long limit = positiveLong(body, "limit", Optional.of(runtime.queries().executor().settings().defaultLimit()));
            Optional<Duration> timeout = body.hasNonNull("timeoutSeconds")
                    ? Optional.of(Duration.ofSeconds(positiveLong(body, "timeoutSeconds", Optional.empty()))) : Optional.empty();
            return new QueryRequest(text(body, "database", true), Optional.empty(), text(body, "sql", true), limit, timeout, queryId);
        }

        private static Map<String, Object> describe(TaskStatus status) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("taskId", status.id());
            json.put("type", status.type());
            json.put("state", status.state().name());
            status.error().ifPresent(error -> json.put("taskError", error));
            return json;
        }

        private static Map<String, Object> describe(DatabaseRegistration registration) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", registration.name());
            json.put("engine", registration.engineId());
            json.put("url", EngineRegistry.redactUrl(registration.jdbcUrl()));
            json.put("user", registration.user().orElse(null));
            json.put("hasPassword", registration.secret().isPresent());
            json.put("options", registration.redactedOptions());
            json.put("readOnly", registration.readOnly());
            return json;
        }

        private static JsonNode body(Context ctx) throws JsonProcessingException {
            String text = ctx.body();
            if (text == null || text.isBlank()) {
                throw new ApiError(400, "invalid_request", "a JSON object body is required");
            }
            JsonNode body = MAPPER.readTree(text);
            if (body == null || !body.isObject()) {
                throw new ApiError(400, "invalid_request", "the body must be a JSON object");
            }
            return body;
        }

        private static String text(JsonNode body, String field, boolean required) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    throw new ApiError(400, "invalid_request", "'" + field + "' is required");
                }
                return null;
            }
            if (!node.isTextual()) {
                throw new ApiError(400, "invalid_request", "'" + field + "' must be a string");
            }
            return node.asText();
        }

        private static long positiveLong(JsonNode body, String field, Optional<Long> fallback) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                return fallback.orElseThrow(() -> new ApiError(400, "invalid_request", "'" + field + "' is required"));
            }
            if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0) {
                throw new ApiError(400, "invalid_request", "'" + field + "' must be a non-negative integer");
            }
            return node.asLong();
        }
    }
}
