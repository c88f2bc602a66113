package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.CostEstimate;
import dev.dbspec.api.SqlValidation;
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
import dev.dbspec.tunnel.SshTunnelConfig;
import dev.dbspec.tunnel.SshTunnelException;
import dev.dbspec.host.execution.QueryFailedException;
import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.execution.QueryService;
import dev.dbspec.host.execution.SqlAssistService;
import dev.dbspec.host.execution.TooManyRequestsException;
import dev.dbspec.host.metadata.MetadataService;
import dev.dbspec.api.TableName;
import dev.dbspec.host.runtime.QueryTaskHandler;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.services.CacheUnavailableException;
import dev.dbspec.host.services.TaskServiceUnavailableException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.dbspec.host.security.AccessControl;
import dev.dbspec.host.security.AuditAction;
import dev.dbspec.host.security.AuditEntry;
import dev.dbspec.host.security.AuditQuery;
import dev.dbspec.host.security.AuthenticationException;
import dev.dbspec.host.security.Grant;
import dev.dbspec.host.security.Principal;
import dev.dbspec.host.security.Role;
import dev.dbspec.host.security.UserAccount;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.concurrent.ConcurrentHashMap;
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
 * The REST API ({@code dbspec serve}), JSON in and out. Every route but {@code GET /api/health} needs a
 * bearer token (a dbspec token or, when configured, an OIDC JWT); the role it needs is in {@link #routes()}:
 * <ul>
 *   <li>anyone: {@code GET /api/health} (details only with a token); {@code GET /} and {@code GET /console/{file}} (the web
 *       console, {@link Console}: its page and files hold no data)</li>
 *   <li>viewer: {@code GET /api/me} (the token's user and role); {@code GET /api/openapi.json} (the OpenAPI 3 description of every route, {@link OpenApiDocument}); {@code GET /api/engines}; {@code GET /api/engines/{id}/grains}; {@code GET /api/engines/{id}/parameters}
 *       (the engine's connection parameters as a JSON Schema, 404 when it takes none); {@code GET /api/matrix} (engines x
 *       grains, capabilities and Superset features, with live verdicts of this server's test-db runs);
 *       {@code POST /api/sql/limit} {@code {engine, sql, limit, force}}; {@code POST /api/sql/inspect} {@code {engine, sql}}</li>
 *   <li>analyst (databases granted to them; admins all): {@code GET /api/databases}, {@code GET /api/databases/{name}},
 *       {@code POST /api/query} {@code {database, sql, limit, timeoutSeconds, queryId, cache, catalog, schema, runAs, expandData}} (rows
 *       streamed; with {@code expandData} nested values spread into rows and columns, plus {@code expandedColumns}),
 *       {@code DELETE /api/queries/{queryId}}, {@code POST /api/query/async} (202 with {@code taskId}),
 *       {@code GET /api/tasks/{id}}, {@code GET /api/tasks/{id}/result}, {@code DELETE /api/tasks/{id}}
 *       (their own queries and tasks; admins all; another user's answers 404),
 *       {@code GET /api/databases/{name}/functions[?refresh=true]}, {@code POST /api/databases/{name}/validate} {@code {sql}},
 *       {@code POST /api/databases/{name}/estimate} {@code {sql}} (422 {@code not_supported} for an engine without estimation),
 *       {@code POST /api/databases/{name}/upload?table=T[&schema=S][&mode=create|append|replace][&delimiter=,][&header=true][&null=][&encoding=UTF-8][&types=col:TYPE,...]}
 *       with a {@code text/csv} body (202 with {@code taskId}; 403 on a read-only database)</li>
 *   <li>admin: {@code POST /api/databases} (first ONE test connection, 5 s, no pool: 400 {@code connection_failed} with
 *       {@code "category"} and nothing registered when it fails; {@code "verify": false} skips it)
 *       {@code {name, url, user, password, options, readOnly, impersonate, catalogs, verify}} or
 *       {@code {name, engine, parameters, readOnly, impersonate, catalogs}} ({@code catalogs}: the other catalogs requests may
 *       name, {@code ["*"]} for all, none when absent) (400 {@code invalid_parameters} with {@code "fields"}: one message per
 *       refused parameter); either may carry {@code "sshTunnel": {host, port, user, password | privateKey [, passphrase], hostKey}} to
 *       connect through an SSH tunnel (400 for an engine without host and port, answers show it with its secrets masked, 502
 *       {@code ssh_tunnel_failed} when it cannot be opened: a host key other than the pinned one, a refused credential, an
 *       unreachable server); database descriptions carry {@code "parameters"} with every secret masked as {@code ********}
 *       when the engine reads the URL into parameters; {@code DELETE /api/databases/{name}},
 *       {@code GET|POST|DELETE /api/databases/{name}/grants} {@code {user}}, {@code GET /api/audit?limit=&user=&database=&action=},
 *       {@code POST /api/databases/{name}/test-db} (202 with {@code taskId}: test-db's live checks as a task, each finished check
 *       in its progress; 403 on a read-only or tunnelled registration), {@code GET /api/tasks/{id}/report} (its HTML report)</li>
 * </ul>
 * Task and upload progress is also pushed over the WebSocket {@link #EVENTS_PATH} ({@link TaskEvents}: the token in the
 * first message, each user their own events; Host and Origin checked before the upgrade).
 * Errors are {@code {"error": code, "message": text}}: 401 (with {@code WWW-Authenticate: Bearer}) without
 * valid credentials, 403 for a role that may not, 404, 405 (with {@code Allow}), 413, 415 (JSON bodies must
 * be {@code application/json}), 421 (a Host that is not this server), 4xx for bad input and 5xx for
 * unreachable services; stack traces stay in the server log. JSON bodies are read strictly (no trailing
 * content, no duplicate keys). SQL beyond the configured limits is 422 {@code too_complex}; a user with
 * {@code query.max-concurrent-per-user} queries in flight gets 429 {@code too_many_requests} with {@code Retry-After}.
 * A database registered with {@code "impersonate": true} (400 for an engine without user impersonation) runs every
 * query, task, metadata read, function list, validation and estimate as the requesting user's database user
 * ({@link Principal#databaseUser()}); admins may name another with {@code "runAs"} on {@code POST /api/query} and
 * {@code /api/query/async} (403 for anyone else, 400 on a database registered without impersonation); a user the engine
 * cannot assume is 403 {@code impersonation_failed}.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String JSON = "application/json";
    private static final String PRINCIPAL = "dbspec.principal";
    /** The largest request body read. */
    static final long MAX_BODY_BYTES = 1_000_000;

    private final ServerRuntime runtime;
    private final Javalin app;
    private final List<Route> routes;
    private final Routes handlers;

    /** The WebSocket of live task and upload progress ({@link TaskEvents}). */
    public static final String EVENTS_PATH = "/api/ws";

    private RestServer(ServerRuntime runtime, Javalin app, List<Route> routes, Routes handlers) {
        this.runtime = runtime;
        this.app = app;
        this.routes = routes;
        this.handlers = handlers;
    }

    /** A route with its handler. */
    private record Bound(Route route, Handler handler) {
    }

    /** The route table: the only place routes are registered, each with who may call it. */
    private static List<Bound> table(Routes r) {
        return List.of(
                bind("GET", "/", Route.Access.PUBLIC, false, r.console::page),
                bind("GET", "/console/{file}", Route.Access.PUBLIC, false, r.console::asset),
                bind("GET", "/api/health", Route.Access.PUBLIC, false, r::health),
                bind("GET", "/api/me", Route.Access.VIEWER, false, r::me),
                bind("GET", "/api/openapi.json", Route.Access.VIEWER, false, r::openApi),
                bind("GET", "/api/docs", Route.Access.PUBLIC, false, r.docs::page),
                bind("GET", "/api/docs/{file}", Route.Access.PUBLIC, false, r.docs::asset),
                bind("GET", "/api/engines", Route.Access.VIEWER, false, r::engines),
                bind("GET", "/api/engines/{id}/grains", Route.Access.VIEWER, false, r::grains),
                bind("GET", "/api/engines/{id}/parameters", Route.Access.VIEWER, false, r::parameters),
                bind("GET", "/api/matrix", Route.Access.VIEWER, false, r::matrix),
                bind("POST", "/api/sql/limit", Route.Access.VIEWER, true, r::limit),
                bind("POST", "/api/sql/inspect", Route.Access.VIEWER, true, r::inspect),
                bind("GET", "/api/databases", Route.Access.ANALYST, false, r::listDatabases),
                bind("POST", "/api/databases", Route.Access.ADMIN, true, r::registerDatabase),
                bind("GET", "/api/databases/{name}", Route.Access.ANALYST, false, r::getDatabase),
                bind("DELETE", "/api/databases/{name}", Route.Access.ADMIN, false, r::removeDatabase),
                bind("GET", "/api/databases/{name}/grants", Route.Access.ADMIN, false, r::listGrants),
                bind("POST", "/api/databases/{name}/grants", Route.Access.ADMIN, true, r::addGrant),
                bind("DELETE", "/api/databases/{name}/grants", Route.Access.ADMIN, true, r::removeGrant),
                // ---- test-db of a registered database ----
                bind("POST", "/api/databases/{name}/test-db", Route.Access.ADMIN, false, r::testDb),
                bind("GET", "/api/tasks/{id}/report", Route.Access.ADMIN, false, r::testDbReport),
                // ---- metadata ----
                bind("GET", "/api/databases/{name}/catalogs", Route.Access.ANALYST, false, r::catalogs),
                bind("GET", "/api/databases/{name}/schemas", Route.Access.ANALYST, false, r::schemas),
                bind("GET", "/api/databases/{name}/tables", Route.Access.ANALYST, false, r::tables),
                bind("GET", "/api/databases/{name}/tables/{schema}/{table}", Route.Access.ANALYST, false, r::table),
                bind("POST", "/api/query", Route.Access.ANALYST, true, r::query),
                bind("DELETE", "/api/queries/{queryId}", Route.Access.ANALYST, false, r::cancelQuery),
                bind("POST", "/api/query/async", Route.Access.ANALYST, true, r::submit),
                bind("GET", "/api/tasks/{id}", Route.Access.ANALYST, false, r::taskStatus),
                bind("GET", "/api/tasks/{id}/result", Route.Access.ANALYST, false, r::taskResult),
                bind("DELETE", "/api/tasks/{id}", Route.Access.ANALYST, false, r::cancelTask),
                bind("GET", "/api/audit", Route.Access.ADMIN, false, r::audit),
                // ---- functions and validation ----
                bind("GET", "/api/databases/{name}/functions", Route.Access.ANALYST, false, r::functions),
                bind("POST", "/api/databases/{name}/validate", Route.Access.ANALYST, true, r::validate),
                // ---- cost estimation ----
                bind("POST", "/api/databases/{name}/estimate", Route.Access.ANALYST, true, r::estimate),
                bind("POST", "/api/databases/{name}/upload", Route.Access.ANALYST, false, r::upload));
    }

    private static Bound bind(String method, String path, Route.Access access, boolean jsonBody, Handler handler) {
        return new Bound(new Route(method, path, access, jsonBody), handler);
    }

    /**
     * Starts listening on {@code host:port} (port 0 picks a free port). On a store without users, creates
     * the bootstrap admin from {@code bootstrap.admin-token} ({@code DBSPEC_BOOTSTRAP_ADMIN_TOKEN}), or
     * logs how to create a user (until then every route but health answers 401).
     *
     * @throws IllegalArgumentException for a weak bootstrap token or bad {@code http.*} settings
     */
    public static RestServer start(ServerRuntime runtime, String host, int port) {
        requireNonNull(runtime, "runtime is null");
        requireNonNull(host, "host is null");
        BrowserGuard guard = BrowserGuard.of(host, runtime.config().allowedHosts(), runtime.config().corsOrigins());
        runtime.security().bootstrap(runtime.config().bootstrapAdminToken());
        Routes handlers = new Routes(runtime);
        List<Bound> table = table(handlers);
        List<Route> routes = table.stream().map(Bound::route).toList();
        handlers.describe(routes);
        Gate gate = new Gate(runtime.security(), guard, routes);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.routes.before(gate::before);
            for (Bound bound : table) {
                config.routes.addHttpHandler(HandlerType.findOrCreate(bound.route().method()), bound.route().path(),
                        ctx -> gate.enter(ctx, bound.route(), bound.handler()));
            }
            // the upgrade passes the same Host and Origin checks; the token comes in the first message (TaskEvents)
            config.routes.addHttpHandler(HandlerType.WEBSOCKET_BEFORE_UPGRADE, EVENTS_PATH, ctx -> {
                guard.checkHost(ctx);
                guard.checkOrigin(ctx);
            });
            config.routes.addWsHandler(io.javalin.websocket.WsHandlerType.WEBSOCKET, EVENTS_PATH, handlers.events::configure);
            config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(e, ctx, routes));
            config.routes.exception(Exception.class, RestServer::error);
            config.routes.error(404, "*", ctx -> {
                String current = ctx.result();
                if (current == null || !current.startsWith("{")) { // not a handler's own 404
                    noRoute(ctx, routes);
                }
            });
            config.routes.error(405, "*", ctx -> noRoute(ctx, routes));
        });
        app.start(host, port);
        LOG.info("dbspec REST API on http://{}:{}/api (Host allowed: {})", host, app.port(), guard.describeHosts(app.port()));
        if ((host.equals("0.0.0.0") || host.equals("::")) && runtime.config().allowedHosts().isEmpty()) {
            LOG.warn("listening on all interfaces, but only localhost names are accepted in the Host header: "
                    + "list the names clients use in http.allowed-hosts");
        }
        return new RestServer(runtime, app, routes, handlers);
    }

    /** The methods of the routes whose template {@code path} matches, in table order. */
    static List<String> methodsOf(List<Route> routes, String path) {
        return routes.stream().filter(route -> route.matches(path)).map(Route::method).distinct().toList();
    }

    public int port() {
        return app.port();
    }

    public ServerRuntime runtime() {
        return runtime;
    }

    /** Every route with its access rule, as registered. */
    public List<Route> routes() {
        return routes;
    }

    /** The {@code METHOD path} of every endpoint Javalin serves, to prove nothing is registered outside {@link #routes()}. */
    public List<String> registeredEndpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                .filter(endpoint -> !endpoint.startsWith("BEFORE") && !endpoint.startsWith("AFTER")
                        && !endpoint.equals("WEBSOCKET_BEFORE_UPGRADE " + EVENTS_PATH))
                .toList();
    }

    /**
     * The authenticated principal of a request (set before any route handler runs).
     *
     * @throws ApiError 401 when there is none (a route that needs one never runs without)
     */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new ApiError(401, "unauthenticated", "a bearer token is required: Authorization: Bearer <token>");
        }
        return principal;
    }

    @Override
    public void close() {
        app.stop();
        handlers.events.close();
        handlers.waits.close();
    }

    /**
     * What every request passes: the Host and Origin checks, authentication (before routing, so unknown
     * paths answer 401 too), then per route the role and the JSON content type.
     */
    private static final class Gate {
        private final AccessControl security;
        private final BrowserGuard guard;
        private final List<Route> routes;

        Gate(AccessControl security, BrowserGuard guard, List<Route> routes) {
            this.security = security;
            this.guard = guard;
            this.routes = routes;
        }

        void before(Context ctx) {
            guard.checkHost(ctx);
            boolean crossOrigin = guard.checkOrigin(ctx);
            if (crossOrigin && HandlerType.OPTIONS.equals(ctx.method()) && ctx.header("Access-Control-Request-Method") != null) {
                List<String> methods = methodsOf(routes, ctx.path());
                if (methods.isEmpty()) {
                    throw new ApiError(404, "not_found", "no route " + ctx.path());
                }
                BrowserGuard.answerPreflight(ctx, methods);
                ctx.skipRemainingHandlers();
                return;
            }
            if (isPublic(ctx)) {
                optionalPrincipal(ctx);
                return;
            }
            try {
                ctx.attribute(PRINCIPAL, security.authenticate(Optional.ofNullable(ctx.header("Authorization"))));
            } catch (AuthenticationException e) {
                if (e.presented()) {
                    security.auditRefusal(AuditEntry.of("anonymous", AuditAction.AUTH_FAILED, Optional.empty(), "invalid_token",
                            Map.of("reason", e.getMessage(), "request", ctx.method() + " " + ctx.path(), "remote", ctx.ip())));
                    throw new ApiError(401, "invalid_token", e.getMessage());
                }
                throw new ApiError(401, "unauthenticated", e.getMessage());
            } catch (RequestException e) {
                if (e.kind() == RequestException.Kind.FORBIDDEN) {
                    security.auditRefusal(AuditEntry.of("anonymous", AuditAction.ACCESS_DENIED, Optional.empty(), "forbidden",
                            Map.of("reason", e.getMessage(), "request", ctx.method() + " " + ctx.path(), "remote", ctx.ip())));
                }
                throw e;
            }
        }

        private boolean isPublic(Context ctx) {
            return routes.stream().anyMatch(route -> route.access() == Route.Access.PUBLIC
                    && route.method().equals(ctx.method().name()) && route.matches(ctx.path()));
        }

        /** On a public route, a valid token shows more (health details); an invalid one is ignored there. */
        private void optionalPrincipal(Context ctx) {
            String header = ctx.header("Authorization");
            if (header == null) {
                return;
            }
            try {
                ctx.attribute(PRINCIPAL, security.authenticate(Optional.of(header)));
            } catch (RuntimeException e) {
                LOG.debug("{} {}: credentials ignored on a public route", ctx.method(), ctx.path());
            }
        }

        void enter(Context ctx, Route route, Handler handler) throws Exception {
            Optional<Role> needed = route.access().role();
            if (needed.isPresent()) {
                Principal principal = principal(ctx);
                if (!principal.has(needed.get())) {
                    security.auditRefusal(AuditEntry.of(principal.name(), AuditAction.ACCESS_DENIED, Optional.empty(), "forbidden",
                            Map.of("request", route.method() + " " + ctx.path(), "role", principal.role().id())));
                    throw new ApiError(403, "forbidden", "role " + principal.role().id() + " may not " + route.method() + " "
                            + route.path() + " (it needs " + needed.get().id() + ")");
                }
            }
            if (route.jsonBody()) {
                BrowserGuard.requireJson(ctx);
                long length = ctx.req().getContentLengthLong();
                if (length > MAX_BODY_BYTES) {
                    throw new ApiError(413, "payload_too_large", "the body has " + length + " bytes; at most " + MAX_BODY_BYTES + " are read");
                }
            }
            handler.handle(ctx);
        }
    }

    static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON).result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How much of a refused body is read and thrown away before the 413 is sent. A client that is still sending when
     * the server closes gets a TCP reset, and the reset can discard the 413 it had not read yet ("header parser
     * received no bytes"); reading the rest first (a lingering close, as nginx does) lets it see the answer. Past this
     * bound the connection is closed anyway: refusing must not cost more than this per request. Clients that send
     * {@code Expect: 100-continue} ({@code dbspec upload} does) never send a refused body at all.
     */
    static final long REFUSED_BODY_DRAIN_BYTES = 64L << 20;

    private static void drainRefusedBody(Context ctx) {
        ctx.header("Connection", "close");
        try (java.io.InputStream body = ctx.req().getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long left = REFUSED_BODY_DRAIN_BYTES;
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("{} {}: the refused body could not be drained: {}", ctx.method(), ctx.path(), e.toString());
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
        if (!api.fields().isEmpty()) {
            body.put("fields", api.fields());
        }
        if (e instanceof dev.dbspec.host.databases.ConnectionCheckException check) {
            body.put("category", check.category().code());
        }
        if (e instanceof QueryFailedException failure && failure.sqlState() != null) {
            body.put("sqlState", failure.sqlState());
        }
        if (api.status() == 413) {
            drainRefusedBody(ctx);
        }
        if (api.status() == 401) {
            ctx.header("WWW-Authenticate", api.code().equals("invalid_token")
                    ? "Bearer realm=\"dbspec\", error=\"invalid_token\"" : "Bearer realm=\"dbspec\"");
        }
        if (e instanceof TooManyRequestsException tooMany) {
            ctx.header("Retry-After", Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
        }
        if (e instanceof dev.dbspec.host.execution.PoolBusyException busy) {
            ctx.header("Retry-After", Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
        }
        send(ctx, api.status(), body);
    }

    /** 405 with {@code Allow} when the path has routes for other methods, else 404; JSON either way. */
    private static void noRoute(Context ctx, List<Route> routes) {
        List<String> allowed = methodsOf(routes, ctx.path());
        if (!allowed.isEmpty()) {
            ctx.header("Allow", String.join(", ", allowed));
            send(ctx, 405, Map.of("error", "method_not_allowed", "message", ctx.method() + " is not allowed on " + ctx.path()
                    + "; allowed: " + String.join(", ", allowed)));
            return;
        }
        send(ctx, 404, Map.of("error", "not_found", "message", "no route " + ctx.method() + " " + ctx.path()));
    }

    /** Javalin's own HTTP errors (no route, 413 for a body over the limit...) as JSON too. */
    private static void httpError(HttpResponseException e, Context ctx, List<Route> routes) {
        int status = e.getStatus();
        if (status == 404 || status == 405) {
            noRoute(ctx, routes);
            return;
        }
        String code = switch (status) {
            case 413 -> "payload_too_large";
            case 400 -> "invalid_request";
            default -> status >= 500 ? "internal_error" : "http_error";
        };
        String message = status == 413 ? "the body is larger than " + MAX_BODY_BYTES + " bytes" : String.valueOf(e.getMessage());
        error(new ApiError(status, code, message), ctx);
    }

    static ApiError toApiError(Exception e) {
        if (e instanceof dev.dbspec.api.InvalidParametersException invalid) {
            return new ApiError(400, "invalid_parameters", invalid.getMessage(), invalid.fieldErrors());
        }
        if (e instanceof ApiError api) {
            return api;
        }
        if (e instanceof AuthenticationException authentication) {
            return new ApiError(401, authentication.presented() ? "invalid_token" : "unauthenticated", authentication.getMessage());
        }
        if (e instanceof RequestException request) {
            return switch (request.kind()) {
                case INVALID -> new ApiError(400, "invalid_request", request.getMessage());
                case NOT_FOUND -> new ApiError(404, "not_found", request.getMessage());
                case CONFLICT -> new ApiError(409, "conflict", request.getMessage());
                case FORBIDDEN -> new ApiError(403, "forbidden", request.getMessage());
                case UNAVAILABLE -> new ApiError(503, "unavailable", request.getMessage());
                case NOT_SUPPORTED -> new ApiError(422, "not_supported", request.getMessage());
            };
        }
        if (e instanceof dev.dbspec.host.databases.ConnectionCheckException check) {
            // 400, not 502: the request's connection details do not work, and a client retrying 5xx would retry a bad password
            return new ApiError(400, "connection_failed", check.getMessage());
        }
        if (e instanceof SshTunnelException tunnel) {
            return new ApiError(502, "ssh_tunnel_failed", tunnel.getMessage());
        }
        if (e instanceof dev.dbspec.host.execution.ImpersonationFailedException impersonation) {
            return new ApiError(403, "impersonation_failed", impersonation.getMessage());
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
        if (e instanceof dev.dbspec.host.execution.PoolBusyException busy) {
            return new ApiError(503, "pool_busy", busy.getMessage());
        }
        if (e instanceof TaskServiceUnavailableException || e instanceof CacheUnavailableException) {
            return new ApiError(503, "unavailable", e.getMessage());
        }
        if (e instanceof JsonProcessingException json) {
            // only the position: Jackson's message quotes the offending token, which may be a password
            return new ApiError(400, "invalid_json", "the body is not valid JSON" + (json.getLocation() == null ? ""
                    : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")"));
        }
        return new ApiError(500, "internal_error", "internal error (" + e.getClass().getSimpleName() + "); see the server log");
    }

    /** The route handlers. */
    private static final class Routes {
        private final ServerRuntime runtime;
        private final AccessControl security;
        private final MetadataService metadata;
        /** Who runs each synchronous query now (queryId -> owner): they and admins may cancel it. */
        private final Map<String, String> runningQueryOwners = new ConcurrentHashMap<>();

        /** Function names and validation (routes under "functions and validation"). */
        private final SqlAssistService sqlAssist;
        /** Swagger UI on the OpenAPI description. */
        private final ApiDocs docs = ApiDocs.fromClassPath();
        /** The web console's page and files. */
        private final Console console = new Console();
        /** Live task progress for the console's WebSocket. */
        private final TaskEvents events;
        /** Long polls of {@code GET /api/tasks/{id}?wait=}. */
        private final dev.dbspec.host.services.TaskWaits waits;
        /** The OpenAPI document of the table, written on first request. */
        private java.util.function.Supplier<String> openApiJson = () -> {
            throw new IllegalStateException("the route table is not known yet");
        };

        /** Gives the handlers the route table they serve, for {@code GET /api/openapi.json}. */
        void describe(List<Route> routes) {
            String[] written = new String[1];
            openApiJson = () -> {
                synchronized (written) {
                    if (written[0] == null) {
                        written[0] = OpenApiDocument.json(routes);
                    }
                    return written[0];
                }
            };
        }

        Routes(ServerRuntime runtime) {
            this.runtime = runtime;
            this.security = runtime.security();
            this.events = new TaskEvents(runtime.security(), id -> runtime.tasks().status(id));
            this.waits = new dev.dbspec.host.services.TaskWaits(runtime.tasks());
            this.metadata = new MetadataService(runtime.databases(), runtime.cache().namespace("metadata"), runtime.config().metadataTtl());
            this.sqlAssist = new SqlAssistService(runtime.databases(), runtime.cache().namespace(SqlAssistService.CACHE_NAMESPACE),
                    runtime.config().metadataTtl(), runtime.queries().executor().settings());
        }

        // ---- metadata ----
        // Analysts read the metadata of granted databases only (any other name answers 404, as unknown ones do);
        // ?refresh=true reads the engine again instead of the cache.

        void catalogs(Context ctx) {
            String name = usableDatabase(ctx, ctx.pathParam("name"), "read metadata");
            send(ctx, 200, limited(ctx, () -> metadata.as(runAs(ctx, name, Optional.empty())).catalogs(name, refresh(ctx))));
        }

        void schemas(Context ctx) {
            String name = usableDatabase(ctx, ctx.pathParam("name"), "read metadata");
            send(ctx, 200, limited(ctx, () -> metadata.as(runAs(ctx, name, Optional.empty())).schemas(name, parameter(ctx, "catalog"), refresh(ctx))));
        }

        void tables(Context ctx) {
            String name = usableDatabase(ctx, ctx.pathParam("name"), "read metadata");
            Optional<String> schema = parameter(ctx, "schema");
            Optional<String> catalog = parameter(ctx, "catalog");
            if (schema.isEmpty() && catalog.isEmpty()) {
                throw new ApiError(400, "invalid_request", "give ?schema= (and ?catalog= where the engine has catalogs)");
            }
            send(ctx, 200, limited(ctx, () -> metadata.as(runAs(ctx, name, Optional.empty())).tables(name, catalog, schema, refresh(ctx))));
        }

        void table(Context ctx) {
            String name = usableDatabase(ctx, ctx.pathParam("name"), "read metadata");
            TableName table = new TableName(parameter(ctx, "catalog"), Optional.of(ctx.pathParam("schema")), ctx.pathParam("table"));
            send(ctx, 200, limited(ctx, () -> metadata.as(runAs(ctx, name, Optional.empty())).table(name, table, refresh(ctx))));
        }

        /** A metadata read holds one of the user's places like a query (query.max-concurrent-per-user): it borrows a pooled connection too. */
        private Object limited(Context ctx, java.util.function.Supplier<Object> read) {
            try (var permit = runtime.queryLimiter().acquire(principal(ctx).owner())) {
                return read.get();
            }
        }

        private static Optional<String> parameter(Context ctx, String parameter) {
            return Optional.ofNullable(ctx.queryParam(parameter)).filter(value -> !value.isBlank());
        }

        private static boolean refresh(Context ctx) {
            String refresh = ctx.queryParam("refresh");
            if (refresh == null || refresh.equals("false")) {
                return false;
            }
            if (refresh.equals("true")) {
                return true;
            }
            throw new ApiError(400, "invalid_request", "refresh must be true or false");
        }

        /** Anonymous callers see the status and what is up; addresses, the store and counts need a token. */
        void health(Context ctx) {
            Map<String, Object> health = runtime.health();
            int status = "ok".equals(health.get("status")) ? 200 : 503;
            if (ctx.attribute(PRINCIPAL) != null) {
                send(ctx, status, health);
                return;
            }
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("status", health.get("status"));
            for (String service : List.of("cache", "broker")) {
                Map<?, ?> details = (Map<?, ?>) health.get(service);
                Map<String, Object> kept = new LinkedHashMap<>();
                for (String key : List.of("kind", "up", "mode")) {
                    if (details.containsKey(key)) {
                        kept.put(key, details.get(key));
                    }
                }
                shown.put(service, kept);
            }
            send(ctx, status, shown);
        }

        /** Who the token belongs to and what their role lets them do, so a client (the console) shows only that. */
        void me(Context ctx) {
            Principal principal = principal(ctx);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", principal.name());
            json.put("role", principal.role().id());
            json.put("source", principal.source().name().toLowerCase(Locale.ROOT));
            json.put("roles", java.util.Arrays.stream(Role.values()).filter(principal::has).map(Role::id).toList());
            send(ctx, 200, json);
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
                    // a host feature: any engine whose URL has a host and a port can be registered with "sshTunnel"
                    json.put("sshTunneling", dev.dbspec.tunnel.SshTunnels.claimed(spec));
                    // whether the driver is there, and the command that installs it (never the server's folders)
                    dev.dbspec.host.DriverStatus driver = dev.dbspec.host.DriverStatus.of(entry);
                    Map<String, Object> driverJson = new LinkedHashMap<>();
                    driverJson.put("class", driver.driverClass());
                    driverJson.put("present", driver.present());
                    driverJson.put("mavenCoordinates", driver.coordinates().orElse(null));
                    driverJson.put("installCommand", driver.installCommand().orElse(null));
                    json.put("driver", driverJson);
                    json.put("family", spec.sqlFamily().name());
                    // "live": the plugin bundles its driver and is checked against a running engine; "spec-only" otherwise
                    json.put("validation", driver.bundled() ? "live" : "spec-only");
                    // the engine version it is validated on (validated-versions.tsv, checked live by the kit); null when spec-only
                    json.put("validatedVersion", driver.validatedVersion().orElse(null));
                    json.put("driverPresent", driver.present());
                });
                engines.add(json);
            }
            send(ctx, 200, Map.of("engines", engines));
        }

        /** The engine's connection parameters as a JSON Schema (draft 2020-12); 404 for an engine that takes none. */
        void parameters(Context ctx) {
            EngineSpec spec = runtime.host().registry().resolve(ctx.pathParam("id"));
            Map<String, Object> schema = spec.connectionParameters().map(dev.dbspec.api.ConnectionParameters::jsonSchema)
                    .orElseThrow(() -> new ApiError(404, "not_found", "engine '" + spec.id() + "' takes no connection parameters; register it by URL"));
            send(ctx, 200, schema);
        }

        /** The OpenAPI 3 description of every route of the table ({@link OpenApiDocument}), built once. */
        void openApi(Context ctx) {
            ctx.status(200).contentType(JSON).result(openApiJson.get());
        }

        void grains(Context ctx) {
            EngineSpec spec = runtime.host().registry().resolve(ctx.pathParam("id"));
            Map<String, String> grains = new java.util.TreeMap<>();
            spec.timeGrainExpressions().forEach((grain, sql) -> grains.put(grain.iso(), sql));
            send(ctx, 200, Map.of("engine", spec.id(), "grains", grains));
        }

        /** Admins see every database, analysts those granted to them. */
        void listDatabases(Context ctx) {
            Principal principal = principal(ctx);
            java.util.Set<String> granted = principal.has(Role.ADMIN) ? null
                    : security.store().grantsTo(principal.name()).stream().map(Grant::database).collect(java.util.stream.Collectors.toSet());
            send(ctx, 200, Map.of("databases", runtime.databases().list().stream()
                    .filter(registration -> granted == null || granted.contains(registration.name())).map(this::describeDatabase).toList()));
        }

        void getDatabase(Context ctx) {
            String name = usableDatabase(ctx, ctx.pathParam("name"), "inspect");
            DatabaseRegistration registration = runtime.databases().registration(name).orElseThrow(() -> noDatabase(name));
            send(ctx, 200, describeDatabase(registration));
        }

        /**
         * {@code name} if the principal may use it; otherwise the same 404 as for an unknown database, so
         * an analyst cannot learn which databases exist beyond theirs.
         */
        private String usableDatabase(Context ctx, String name, String what) {
            Principal principal = principal(ctx);
            if (!security.mayUse(principal, name)) {
                security.auditRefusal(AuditEntry.of(principal.name(), AuditAction.ACCESS_DENIED, Optional.of(name), "not_found",
                        Map.of("request", ctx.method() + " " + ctx.path(), "reason", "no grant to " + what)));
                throw noDatabase(name);
            }
            return name;
        }

        private static ApiError noDatabase(String name) {
            return new ApiError(404, "not_found", "no database named '" + name + "'");
        }

        void registerDatabase(Context ctx) throws JsonProcessingException {
            JsonNode body = body(ctx);
            if (body.has("parameters")) {
                registerByParameters(ctx, body);
                return;
            }
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
            boolean impersonate = impersonateFlag(body);
            Optional<SshTunnelConfig> sshTunnel = sshTunnel(body);
            List<String> catalogs = catalogsList(body);
            // The audit entry names the option keys only and the URL redacted: never the password, URL credentials or option values.
            Map<String, String> details = new LinkedHashMap<>();
            details.put("url", EngineRegistry.redactUrl(url));
            user.ifPresent(u -> details.put("user", u));
            details.put("hasPassword", Boolean.toString(secret.isPresent()));
            details.put("optionNames", String.join(",", new java.util.TreeSet<>(options.keySet())));
            details.put("readOnly", Boolean.toString(readOnly));
            details.put("impersonate", Boolean.toString(impersonate));
            sshTunnel.ifPresent(tunnel -> details.put("sshTunnel", tunnel.user() + "@" + tunnel.host() + ":" + tunnel.port()));
            details.put("catalogs", String.join(",", catalogs));
            DatabaseRegistration registration;
            try {
                registration = runtime.databases().register(name, url, user, secret, options, readOnly, impersonate, sshTunnel, catalogs,
                        verifyFlag(body));
            } catch (RuntimeException e) {
                security.audit(AuditEntry.of(principal(ctx).name(), AuditAction.DATABASE_REGISTER, Optional.of(name), toApiError(e).code(), details));
                throw e;
            }
            details.put("engine", registration.engineId());
            security.audit(AuditEntry.of(principal(ctx).name(), AuditAction.DATABASE_REGISTER, Optional.of(name), "ok", details));
            send(ctx, 201, describeDatabase(registration));
        }

        /**
         * The {@code "sshTunnel"} object of a registration, if given: {@code host}, {@code port} (22 by default), {@code user},
         * {@code password} or {@code privateKey} (PEM, with {@code passphrase} if encrypted), {@code hostKey} (required). Refusals
         * name the field, never a value.
         */
        private static Optional<SshTunnelConfig> sshTunnel(JsonNode body) {
            JsonNode node = body.path("sshTunnel");
            if (node.isMissingNode() || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isObject()) {
                throw new ApiError(400, "invalid_request", "'sshTunnel' must be an object {host, port, user, password or privateKey, hostKey}");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                fields.put(field.getKey(), value.isNull() ? null : value.isNumber() ? (Object) value.numberValue() : value.isTextual() ? value.asText()
                        : (Object) value.toString().length());
            }
            try {
                return Optional.of(SshTunnelConfig.fromMap(fields));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "invalid_request", e.getMessage());
            }
        }

        /** {@code "verify"}: test the connection before registering (true unless {@code false}). */
        private static boolean verifyFlag(JsonNode body) {
            JsonNode node = body.path("verify");
            if (!node.isMissingNode() && !node.isNull() && !node.isBoolean()) {
                throw new ApiError(400, "invalid_request", "'verify' must be true or false");
            }
            return node.asBoolean(true);
        }

        private static boolean impersonateFlag(JsonNode body) {
            JsonNode impersonateNode = body.path("impersonate");
            if (!impersonateNode.isMissingNode() && !impersonateNode.isNull() && !impersonateNode.isBoolean()) {
                throw new ApiError(400, "invalid_request", "'impersonate' must be true or false");
            }
            return impersonateNode.asBoolean(false);
        }

        /** {@code "catalogs"}: the other catalogs requests may name, {@code ["*"]} for all; none when absent. */
        private static List<String> catalogsList(JsonNode body) {
            JsonNode node = body.path("catalogs");
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            List<String> catalogs = new ArrayList<>();
            for (JsonNode catalog : node.isArray() ? node : List.<JsonNode>of(node)) {
                if (!node.isArray() || !catalog.isTextual()) {
                    throw new ApiError(400, "invalid_request", "'catalogs' must be an array of catalog names, or [\"*\"] for every catalog");
                }
                catalogs.add(catalog.asText());
            }
            return catalogs;
        }

        /**
         * {@code POST /api/databases} with {@code {"name", "engine", "parameters": {...}, "readOnly", "impersonate"}} instead of a URL: the
         * engine's spec builds the URL and properties ({@code DatabaseRegistry#registerParameters}); 400
         * {@code invalid_parameters} with one message per field ({@code "fields"}) when it refuses them.
         */
        private void registerByParameters(Context ctx, JsonNode body) {
            String name = text(body, "name", true);
            for (String field : List.of("url", "user", "password", "options")) {
                if (body.has(field)) {
                    throw new ApiError(400, "invalid_request", "give either 'url' (with 'user', 'password', 'options') or 'parameters', not both: '"
                            + field + "' goes inside 'parameters'" + (field.equals("url") ? "" : " ('user' as 'username')"));
                }
            }
            String engine = text(body, "engine", true);
            JsonNode parametersNode = body.get("parameters");
            if (!parametersNode.isObject()) {
                throw new ApiError(400, "invalid_request", "'parameters' must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = MAPPER.convertValue(parametersNode, Map.class);
            boolean readOnly = body.path("readOnly").asBoolean(false);
            boolean impersonate = impersonateFlag(body);
            Optional<SshTunnelConfig> sshTunnel = sshTunnel(body);
            List<String> catalogs = catalogsList(body);
            // The audit entry names the parameters only, never their values (the password and secret options are among them).
            Map<String, String> details = new LinkedHashMap<>();
            details.put("engine", engine);
            details.put("parameterNames", String.join(",", new java.util.TreeSet<>(parameters.keySet())));
            if (parameters.get("options") instanceof Map<?, ?> options) {
                details.put("optionNames", String.join(",", options.keySet().stream().map(String::valueOf).sorted().toList()));
            }
            details.put("readOnly", Boolean.toString(readOnly));
            details.put("impersonate", Boolean.toString(impersonate));
            sshTunnel.ifPresent(tunnel -> details.put("sshTunnel", tunnel.user() + "@" + tunnel.host() + ":" + tunnel.port()));
            details.put("catalogs", String.join(",", catalogs));
            DatabaseRegistration registration;
            try {
                registration = runtime.databases().registerParameters(name, engine, parameters, readOnly, impersonate, sshTunnel, catalogs,
                        verifyFlag(body));
            } catch (RuntimeException e) {
                security.audit(AuditEntry.of(principal(ctx).name(), AuditAction.DATABASE_REGISTER, Optional.of(name), toApiError(e).code(), details));
                throw e;
            }
            details.put("url", EngineRegistry.redactUrl(registration.jdbcUrl()));
            security.audit(AuditEntry.of(principal(ctx).name(), AuditAction.DATABASE_REGISTER, Optional.of(name), "ok", details));
            send(ctx, 201, describeDatabase(registration));
        }

        void removeDatabase(Context ctx) {
            String name = ctx.pathParam("name");
            boolean removed = runtime.databases().remove(name);
            if (removed) {
                security.store().removeGrants(name); // a database registered later under this name starts without grants
            }
            security.audit(AuditEntry.of(principal(ctx).name(), AuditAction.DATABASE_REMOVE, Optional.of(name), removed ? "ok" : "not_found", Map.of()));
            if (!removed) {
                throw noDatabase(name);
            }
            ctx.status(204);
        }

        void listGrants(Context ctx) {
            String name = registeredDatabase(ctx.pathParam("name"));
            List<Map<String, Object>> grants = security.store().grants(name).stream().map(Routes::describe).toList();
            send(ctx, 200, Map.of("database", name, "grants", grants));
        }

        /** {@code {"user": name}}: a local user name or {@code jwt:<user claim>}; 201 when added, 200 when it was there. */
        void addGrant(Context ctx) throws JsonProcessingException {
            String name = registeredDatabase(ctx.pathParam("name"));
            String user = grantee(body(ctx), "user");
            Principal principal = principal(ctx);
            Grant grant = new Grant(name, user, principal.name(), java.time.Instant.now());
            boolean added = security.store().addGrant(grant);
            security.audit(AuditEntry.of(principal.name(), AuditAction.GRANT_ADD, Optional.of(name), added ? "ok" : "exists", Map.of("target", user)));
            Map<String, Object> json = describe(added ? grant : security.store().grants(name).stream()
                    .filter(existing -> existing.user().equals(user)).findFirst().orElse(grant));
            json.put("created", added);
            send(ctx, added ? 201 : 200, json);
        }

        /** {@code {"user": name}}: 204, or 404 when that user had no grant there. */
        void removeGrant(Context ctx) throws JsonProcessingException {
            String name = registeredDatabase(ctx.pathParam("name"));
            String user = grantee(body(ctx), "user");
            boolean removed = security.store().removeGrant(name, user);
            security.audit(AuditEntry.of(principal(ctx).name(), AuditAction.GRANT_REMOVE, Optional.of(name), removed ? "ok" : "not_found",
                    Map.of("target", user)));
            if (!removed) {
                throw new ApiError(404, "not_found", "user '" + user + "' has no grant on '" + name + "'");
            }
            ctx.status(204);
        }

        // ---- test-db of a registered database ----

        /**
         * {@code POST /api/databases/{name}/test-db}: queues the {@link dev.dbspec.host.runtime.TestDbTaskHandler test-db task}
         * (202 with its id); each finished check arrives as the task's progress, the HTML report at
         * {@code GET /api/tasks/{id}/report}. 403 on a read-only or tunnelled registration, 429 when the admin has
         * {@code query.max-concurrent-per-user} queries and tasks in flight.
         */
        void testDb(Context ctx) {
            Principal principal = principal(ctx);
            String name = ctx.pathParam("name");
            DatabaseRegistration registration = runtime.databases().registration(name).orElseThrow(() -> noDatabase(name));
            Optional<String> refused = dev.dbspec.host.runtime.TestDbTaskHandler.refusal(registration);
            if (refused.isPresent()) {
                security.audit(AuditEntry.of(principal.name(), AuditAction.TEST_DB, Optional.of(name), "forbidden", Map.of("reason", refused.get())));
                throw new ApiError(403, "forbidden", refused.get());
            }
            // it holds connections like a query: counted against the admin's queries in flight (429 beyond them)
            String taskId = runtime.queryLimiter().submitTask(principal.owner(), () -> runtime.tasks().submit(
                    dev.dbspec.host.runtime.TestDbTaskHandler.TYPE, dev.dbspec.host.runtime.TestDbTaskHandler.payload(registration)));
            recordOwner(taskId, principal);
            security.audit(AuditEntry.of(principal.name(), AuditAction.TEST_DB, Optional.of(name), "accepted", Map.of("taskId", taskId)));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("taskId", taskId);
            json.put("state", TaskState.QUEUED.name());
            ctx.header("Location", "/api/tasks/" + taskId);
            send(ctx, 202, json);
        }

        /**
         * {@code GET /api/tasks/{id}/report}: the self-contained HTML report of a finished test-db task, under the report's own
         * policy (its inline style and filter script by hash, nothing else; no framing). 404 for another type of task, 409
         * while it runs, 410 when it failed or its result expired.
         */
        void testDbReport(Context ctx) {
            TaskStatus status = status(ctx, ctx.pathParam("id"));
            if (!status.type().equals(dev.dbspec.host.runtime.TestDbTaskHandler.TYPE)) {
                throw new ApiError(404, "not_found", "task " + status.id() + " is a " + status.type() + " task: only test-db tasks have a report");
            }
            if (status.state() != TaskState.SUCCEEDED) {
                throw new ApiError(status.state().isFinal() ? 410 : 409, status.state().isFinal() ? "gone" : "not_ready",
                        "task " + status.id() + " is " + status.state() + status.error().map(e -> ": " + e).orElse(""));
            }
            String result = runtime.tasks().result(status.id())
                    .orElseThrow(() -> new ApiError(410, "gone", "the result of task " + status.id() + " has expired"));
            String html;
            try {
                html = MAPPER.readTree(result).path("html").asText();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the result of test-db task " + status.id() + " is not JSON", e);
            }
            ctx.header("Content-Security-Policy", dev.dbspec.host.validate.HtmlReport.CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-store");
            ctx.status(200).contentType("text/html; charset=utf-8").result(html);
        }

        /**
         * {@code GET /api/matrix}: every started engine against every time grain, capability and Superset feature, as
         * {@code dbspec matrix} prints it: claimed, absent, or verified/failed live by this server's test-db runs.
         */
        void matrix(Context ctx) throws java.io.IOException {
            java.nio.file.Path reports = runtime.testDbReportsDirectory();
            dev.dbspec.host.validate.EngineMatrix matrix = dev.dbspec.host.validate.EngineMatrix.of(runtime.host().registry().specs(),
                    java.nio.file.Files.isDirectory(reports) ? reports : null);
            List<Map<String, Object>> engines = new ArrayList<>();
            for (EngineSpec spec : matrix.engines()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", spec.id());
                json.put("name", spec.displayName());
                json.put("live", matrix.liveEngines().contains(spec.id()));
                engines.add(json);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (dev.dbspec.host.validate.EngineMatrix.Row row : matrix.rows()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("group", row.group());
                json.put("feature", row.feature());
                json.put("checkId", row.checkId());
                Map<String, String> cells = new LinkedHashMap<>();
                row.cells().forEach((engine, cell) -> cells.put(engine, cell.name()));
                json.put("cells", cells);
                rows.add(json);
            }
            Map<String, String> legend = new LinkedHashMap<>();
            for (dev.dbspec.host.validate.EngineMatrix.Cell cell : dev.dbspec.host.validate.EngineMatrix.Cell.values()) {
                legend.put(cell.name(), cell.meaning());
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("engines", engines);
            json.put("rows", rows);
            json.put("legend", legend);
            send(ctx, 200, json);
        }

        private String registeredDatabase(String name) {
            return runtime.databases().registration(name).map(DatabaseRegistration::name).orElseThrow(() -> noDatabase(name));
        }

        private static String grantee(JsonNode body, String field) {
            String user = text(body, field, true);
            try {
                return UserAccount.checkGrantee(user);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "invalid_request", "'" + field + "': " + e.getMessage());
            }
        }

        /** {@code ?limit=} (1 to 1000, default 100), {@code ?user=}, {@code ?database=}, {@code ?action=}; newest first. */
        void audit(Context ctx) {
            java.util.Set<String> known = java.util.Set.of("limit", "user", "database", "action");
            for (String parameter : ctx.queryParamMap().keySet()) {
                if (!known.contains(parameter)) {
                    throw new ApiError(400, "invalid_request", "unknown parameter '" + parameter + "'; known: limit, user, database, action");
                }
            }
            int limit = AuditQuery.DEFAULT_LIMIT;
            String limitText = ctx.queryParam("limit");
            if (limitText != null) {
                try {
                    limit = Integer.parseInt(limitText);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
                    throw new ApiError(400, "invalid_request", "'limit' must be an integer from 1 to " + AuditQuery.MAX_LIMIT);
                }
            }
            Optional<AuditAction> action = Optional.empty();
            if (ctx.queryParam("action") != null) {
                action = Optional.of(AuditAction.fromId(ctx.queryParam("action")).orElseThrow(() -> new ApiError(400, "invalid_request",
                        "unknown action; known: " + java.util.Arrays.stream(AuditAction.values()).map(AuditAction::id).toList())));
            }
            AuditQuery query = new AuditQuery(limit, Optional.ofNullable(ctx.queryParam("user")), Optional.ofNullable(ctx.queryParam("database")), action);
            List<Map<String, Object>> entries = security.store().read(query).stream().map(Routes::describe).toList();
            send(ctx, 200, Map.of("entries", entries));
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
            Principal principal = principal(ctx);
            usableDatabase(ctx, text(body, "database", true), "query");
            QueryRequest request = request(ctx, body, Optional.ofNullable(text(body, "queryId", false)).orElse(UUID.randomUUID().toString()));
            boolean useCache = body.path("cache").asBoolean(true);
            String owner = runningQueryOwners.putIfAbsent(request.queryId(), principal.owner());
            if (owner != null) {
                throw new RequestException(RequestException.Kind.CONFLICT, "query id " + request.queryId() + " is already running");
            }
            long started = System.nanoTime();
            QueryService.Answer answer;
            try (var permit = runtime.queryLimiter().acquire(principal.owner())) {
                answer = runtime.queries().answer(request, useCache, cacheUse -> {
                    ctx.status(200).contentType(JSON);
                    ctx.header("X-Dbspec-Query-Id", request.queryId());
                    ctx.header("X-Dbspec-Cache", cacheUse.name().toLowerCase(Locale.ROOT));
                    return ctx.outputStream();
                });
            } catch (RuntimeException e) {
                auditQuery(principal, AuditAction.QUERY, request, java.util.OptionalLong.empty(), started, toApiError(e).code(), Map.of());
                throw e;
            } finally {
                runningQueryOwners.remove(request.queryId(), principal.owner());
            }
            auditQuery(principal, AuditAction.QUERY, request, answer.rows(), started, "ok",
                    Map.of("cache", answer.use().name().toLowerCase(Locale.ROOT), "queryId", request.queryId()));
            LOG.debug("query {} on {}: cache {}", request.queryId(), request.database(), answer.use());
        }

        private void auditQuery(Principal principal, AuditAction action, QueryRequest request, java.util.OptionalLong rows, long started,
                                String outcome, Map<String, String> details) {
            Map<String, String> shown = details;
            if (request.runAs().isPresent()) {
                shown = new LinkedHashMap<>(details);
                shown.put("runAs", request.runAs().get());
            }
            security.audit(AuditEntry.ofSql(principal.name(), action, request.database(), request.sql(), rows,
                    java.util.OptionalLong.of((System.nanoTime() - started) / 1_000_000), outcome, shown));
        }

        /** The owner cancels their running query, an admin any; another user's answers like an unknown id. */
        void cancelQuery(Context ctx) {
            Principal principal = principal(ctx);
            String queryId = ctx.pathParam("queryId");
            boolean mine = principal.owner().equals(runningQueryOwners.get(queryId));
            boolean cancelled = (mine || principal.has(Role.ADMIN)) && runtime.queries().executor().cancel(queryId);
            security.audit(AuditEntry.of(principal.name(), AuditAction.QUERY_CANCEL, Optional.empty(), cancelled ? "ok" : "not_found",
                    Map.of("queryId", queryId)));
            if (!cancelled) {
                throw new ApiError(404, "not_found", "no running query '" + queryId + "' that can be cancelled");
            }
            send(ctx, 202, Map.of("queryId", queryId, "cancelled", true));
        }

        void submit(Context ctx) throws JsonProcessingException {
            JsonNode body = body(ctx);
            Principal principal = principal(ctx);
            usableDatabase(ctx, text(body, "database", true), "query");
            QueryRequest request = request(ctx, body, "async");
            long started = System.nanoTime();
            String taskId;
            try {
                var plan = runtime.queries().executor().plan(request);
                QueryRequest pinned = new QueryRequest(request.database(), Optional.of(plan.database().registration().id()),
                        request.sql(), request.limit(), request.timeout(), request.queryId(), request.owner(),
                        request.catalog(), request.schema(), request.runAs(), request.expandData());
                taskId = runtime.queryLimiter().submitTask(principal.owner(),
                        () -> runtime.tasks().submit(QueryTaskHandler.TYPE, QueryTaskHandler.payload(pinned)));
                recordOwner(taskId, principal);
            } catch (RuntimeException e) {
                auditQuery(principal, AuditAction.QUERY_ASYNC, request, java.util.OptionalLong.empty(), started, toApiError(e).code(), Map.of());
                throw e;
            }
            auditQuery(principal, AuditAction.QUERY_ASYNC, request, java.util.OptionalLong.empty(), started, "accepted", Map.of("taskId", taskId));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("taskId", taskId);
            json.put("state", TaskState.QUEUED.name());
            ctx.header("Location", "/api/tasks/" + taskId);
            send(ctx, 202, json);
        }

        /**
         * Records who submitted {@code taskId}, as long as task states live; when that fails the task is
         * cancelled (it would be nobody's) and the request fails.
         */
        private void recordOwner(String taskId, Principal principal) {
            try {
                runtime.taskOwners().put(taskId, principal.owner(), runtime.config().taskStateTtl());
                events.track(taskId, principal.owner());
            } catch (RuntimeException e) {
                try {
                    runtime.tasks().cancel(taskId);
                } catch (RuntimeException ignored) {
                    // the task's owner is unknown either way: only admins see it
                }
                throw new RequestException(RequestException.Kind.UNAVAILABLE, "cannot record the task's owner now: " + e.getMessage());
            }
        }

        /** The longest {@code wait} of a long poll, in seconds (a proxy's idle timeout is typically 60 s). */
        static final int MAX_WAIT_SECONDS = 30;

        /**
         * The task's status, with {@code "progress"} once the task reported some. {@code ?wait=N} (1 to {@value #MAX_WAIT_SECONDS}
         * seconds) is a long poll: the answer comes when the task ends, or after N seconds with its status then, so a client
         * learns of the end at once without polling in a loop.
         */
        void taskStatus(Context ctx) {
            String id = ctx.pathParam("id");
            TaskStatus status = status(ctx, id);
            String waitText = ctx.queryParam("wait");
            int seconds = 0;
            if (waitText != null) { // checked whatever the task's state: a bad parameter is refused the same way every time
                try {
                    seconds = Integer.parseInt(waitText);
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                if (seconds < 0 || seconds > MAX_WAIT_SECONDS) {
                    throw new ApiError(400, "invalid_request", "'wait' is a whole number of seconds from 0 to " + MAX_WAIT_SECONDS + ", not '"
                            + (waitText.length() > 20 ? waitText.substring(0, 20) + "..." : waitText) + "'");
                }
            }
            if (seconds == 0 || status.state().isFinal()) {
                send(ctx, 200, describe(status));
                return;
            }
            Duration wait = Duration.ofSeconds(seconds);
            ctx.future(() -> waits.untilEnded(id, wait)
                    .thenAccept(now -> send(ctx, 200, describe(now.orElseGet(() -> status(ctx, id))))));
        }

        // ---- file upload ----

        private static final java.util.Set<String> UPLOAD_PARAMETERS = java.util.Set.of("table", "schema", "mode", "delimiter", "header",
                "null", "encoding", "types");

        /**
         * {@code POST /api/databases/{name}/upload?table=T[&schema=S][&mode=create|append|replace][&delimiter=,][&header=true]
         * [&null=][&encoding=UTF-8][&types=col:TYPE,...]} with a {@code text/csv} body: the body is streamed to a 0600 file in the
         * uploads directory (at most {@code upload.max-bytes}, else 413) and an {@code upload} task is queued (202 with its id).
         * Uploads are writes: refused on read-only registrations and under impersonation (403), and for engines without
         * {@code FILE_UPLOAD} (422); every parameter is checked before a byte of the body is read.
         */
        void upload(Context ctx) throws java.io.IOException {
            Principal principal = principal(ctx);
            String name = usableDatabase(ctx, ctx.pathParam("name"), "upload");
            DatabaseRegistration registration = runtime.databases().registration(name).orElseThrow(() -> noDatabase(name));
            if (registration.readOnly() || registration.impersonate()) {
                String reason = registration.readOnly() ? "database '" + name + "' is read-only: an upload writes"
                        : "database '" + name + "' runs requests as their user: uploads (writes) are refused under impersonation";
                security.auditRefusal(AuditEntry.of(principal.name(), AuditAction.ACCESS_DENIED, Optional.of(name), "forbidden",
                        Map.of("request", ctx.method() + " " + ctx.path(), "reason", reason)));
                throw new ApiError(403, "forbidden", reason);
            }
            EngineSpec spec = runtime.databases().database(name, Optional.empty()).spec();
            if (!spec.has(dev.dbspec.api.Capability.FILE_UPLOAD)) {
                throw new ApiError(422, "not_supported", "engine " + spec.id() + " has no file upload");
            }
            String type = ctx.header("Content-Type");
            if (type == null || !type.split(";")[0].trim().equalsIgnoreCase("text/csv")) {
                throw new ApiError(415, "unsupported_media_type", "an upload's body must be Content-Type: text/csv");
            }
            for (String parameter : ctx.queryParamMap().keySet()) {
                if (!UPLOAD_PARAMETERS.contains(parameter)) {
                    throw new ApiError(400, "invalid_request", "unknown parameter '" + parameter + "'; known: " + new java.util.TreeSet<>(UPLOAD_PARAMETERS));
                }
            }
            for (Map.Entry<String, List<String>> entry : ctx.queryParamMap().entrySet()) {
                if (entry.getValue().size() > 1) {
                    throw new ApiError(400, "invalid_request", "parameter '" + entry.getKey() + "' is given twice");
                }
            }
            String table = ctx.queryParam("table");
            if (table == null) {
                throw new ApiError(400, "invalid_request", "'table' is required");
            }
            dev.dbspec.api.UploadMode mode = switch (Optional.ofNullable(ctx.queryParam("mode")).orElse("create")) {
                case "create" -> dev.dbspec.api.UploadMode.CREATE;
                case "append" -> dev.dbspec.api.UploadMode.APPEND;
                case "replace" -> dev.dbspec.api.UploadMode.REPLACE;
                default -> throw new ApiError(400, "invalid_request", "'mode' must be create, append or replace");
            };
            String delimiterText = Optional.ofNullable(ctx.queryParam("delimiter")).orElse(",");
            char delimiter = switch (delimiterText) {
                case "tab", "\\t", "\t" -> '\t';
                default -> {
                    if (delimiterText.length() != 1) {
                        throw new ApiError(400, "invalid_request", "'delimiter' must be one character (or 'tab')");
                    }
                    yield delimiterText.charAt(0);
                }
            };
            String header = Optional.ofNullable(ctx.queryParam("header")).orElse("true");
            if (!header.equals("true") && !header.equals("false")) {
                throw new ApiError(400, "invalid_request", "'header' must be true or false");
            }
            String nullMarker = Optional.ofNullable(ctx.queryParam("null")).orElse("");
            if (nullMarker.length() > 16) {
                throw new ApiError(400, "invalid_request", "'null' must be at most 16 characters");
            }
            java.nio.charset.Charset charset;
            try {
                charset = java.nio.charset.Charset.forName(Optional.ofNullable(ctx.queryParam("encoding")).orElse("UTF-8"));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "invalid_request", "'encoding' is not a known character set");
            }
            Map<String, dev.dbspec.api.GenericType> types = new LinkedHashMap<>();
            String typesText = ctx.queryParam("types");
            if (typesText != null && !typesText.isEmpty()) {
                for (String item : typesText.split(",")) {
                    int colon = item.lastIndexOf(':');
                    try {
                        types.put(item.substring(0, Math.max(colon, 0)),
                                dev.dbspec.api.GenericType.valueOf(item.substring(colon + 1).trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new ApiError(400, "invalid_request", "'types' must be column:TYPE pairs separated by commas, TYPE one of "
                                + "STRING, INTEGER, DECIMAL, FLOAT, BOOLEAN, DATE, TIME, TIMESTAMP");
                    }
                }
            }
            dev.dbspec.api.CsvFormat format;
            try {
                format = new dev.dbspec.api.CsvFormat(delimiter, header.equals("true"), nullMarker, charset);
                dev.dbspec.api.TableUpload.checkName(table, "'table'");
                Optional.ofNullable(ctx.queryParam("schema")).ifPresent(schema -> dev.dbspec.api.TableUpload.checkName(schema, "'schema'"));
                types.keySet().forEach(column -> dev.dbspec.api.TableUpload.checkName(column, "a column in 'types'"));
            } catch (IllegalArgumentException | dev.dbspec.api.UploadException e) {
                throw new ApiError(400, "invalid_request", e.getMessage());
            }
            long maxBytes = runtime.config().uploadMaxBytes();
            long length = ctx.req().getContentLengthLong();
            if (length > maxBytes) {
                throw new ApiError(413, "payload_too_large", "the body has " + length + " bytes; uploads take at most " + maxBytes
                        + " (upload.max-bytes)");
            }
            dev.dbspec.host.upload.UploadFiles files = runtime.uploads();
            String[] taskId = new String[1];
            dev.dbspec.host.upload.UploadFiles.Received received;
            try {
                // The task is queued once the body's first megabyte is in its file and reads the rest as it arrives: the
                // engine's load overlaps the transfer. A body that then fails (too large, client gone) fails its task,
                // which finds the file incomplete and loads nothing.
                received = files.receive(ctx.req().getInputStream(), maxBytes, uploadId -> {
                    dev.dbspec.host.upload.UploadRequest request = new dev.dbspec.host.upload.UploadRequest(name, Optional.of(registration.id()),
                            Optional.ofNullable(ctx.queryParam("schema")), table, mode, format, types, uploadId, Optional.of(principal.owner()));
                    taskId[0] = runtime.queryLimiter().submitTask(principal.owner(),
                            () -> runtime.tasks().submit(dev.dbspec.host.runtime.UploadTaskHandler.TYPE, request.toJson()));
                    recordOwner(taskId[0], principal);
                });
            } catch (dev.dbspec.host.upload.UploadFiles.TooLargeException e) {
                auditUpload(principal, name, table, mode, "payload_too_large", taskId[0]);
                throw new ApiError(413, "payload_too_large", e.getMessage());
            } catch (java.io.IOException | RuntimeException e) {
                auditUpload(principal, name, table, mode, e instanceof java.io.IOException ? "body_incomplete" : toApiError(e).code(), taskId[0]);
                throw e;
            }
            security.audit(AuditEntry.of(principal.name(), AuditAction.UPLOAD, Optional.of(name), "accepted",
                    Map.of("table", table, "mode", mode.name().toLowerCase(Locale.ROOT), "taskId", taskId[0],
                            "bytes", Long.toString(received.bytes()))));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("taskId", taskId[0]);
            json.put("state", TaskState.QUEUED.name());
            ctx.header("Location", "/api/tasks/" + taskId[0]);
            send(ctx, 202, json);
        }

        /** Audits an upload whose body was refused; {@code taskId}, when its task had started, fails on its own. */
        private void auditUpload(Principal principal, String database, String table, dev.dbspec.api.UploadMode mode, String outcome,
                                 String taskId) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("table", table);
            details.put("mode", mode.name().toLowerCase(Locale.ROOT));
            if (taskId != null) {
                details.put("taskId", taskId);
            }
            security.audit(AuditEntry.of(principal.name(), AuditAction.UPLOAD, Optional.of(database), outcome, details));
        }

        void taskResult(Context ctx) {
            TaskStatus status = status(ctx, ctx.pathParam("id"));
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
            TaskStatus status = status(ctx, ctx.pathParam("id"));
            boolean cancelled = runtime.tasks().cancel(status.id());
            security.audit(AuditEntry.of(principal(ctx).name(), AuditAction.TASK_CANCEL, Optional.empty(), cancelled ? "ok" : "conflict",
                    Map.of("taskId", status.id())));
            if (!cancelled) {
                throw new ApiError(409, "conflict", "task " + status.id() + " is already " + status.state());
            }
            send(ctx, 202, Map.of("taskId", status.id(), "cancelRequested", true));
        }

        // ---- functions and validation ----

        /** {@code ?refresh=true} reads the database again instead of the cache; {@code X-Dbspec-Cache} says which. */
        void functions(Context ctx) {
            String name = usableDatabase(ctx, ctx.pathParam("name"), "list functions");
            for (String parameter : ctx.queryParamMap().keySet()) {
                if (!parameter.equals("refresh")) {
                    throw new ApiError(400, "invalid_request", "unknown parameter '" + parameter + "'; known: refresh");
                }
            }
            String refresh = ctx.queryParam("refresh");
            if (refresh != null && !refresh.equals("true") && !refresh.equals("false")) {
                throw new ApiError(400, "invalid_request", "'refresh' must be true or false");
            }
            SqlAssistService.Functions functions = sqlAssist.as(runAs(ctx, name, Optional.empty())).functions(name, "true".equals(refresh));
            ctx.header("X-Dbspec-Cache", functions.cached() ? "hit" : "miss");
            send(ctx, 200, Map.of("functions", functions.names()));
        }

        /** {@code {"sql"}}: parsed and planned by the engine, never run; counts against the user's concurrent queries. */
        void validate(Context ctx) throws JsonProcessingException {
            String name = usableDatabase(ctx, ctx.pathParam("name"), "validate");
            String sql = text(body(ctx), "sql", true);
            Principal principal = principal(ctx);
            SqlValidation validation;
            try (var permit = runtime.queryLimiter().acquire(principal.owner())) {
                validation = sqlAssist.as(runAs(ctx, name, Optional.empty())).validate(name, sql);
            }
            List<Map<String, Object>> errors = new ArrayList<>();
            for (SqlValidation.Problem problem : validation.errors()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("line", problem.line());
                json.put("column", problem.column());
                json.put("message", problem.message());
                errors.add(json);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("valid", validation.valid());
            json.put("errors", errors);
            send(ctx, 200, json);
        }

        // ---- cost estimation ----

        /** {@code {"sql"}}: the planner's estimate per statement, never run; counts against the user's concurrent queries. */
        void estimate(Context ctx) throws JsonProcessingException {
            String name = usableDatabase(ctx, ctx.pathParam("name"), "estimate");
            String sql = text(body(ctx), "sql", true);
            Principal principal = principal(ctx);
            List<CostEstimate> estimates;
            try (var permit = runtime.queryLimiter().acquire(principal.owner())) {
                estimates = sqlAssist.as(runAs(ctx, name, Optional.empty())).estimate(name, sql);
            }
            if (estimates.isEmpty()) {
                throw new ApiError(422, "not_supported", "the engine of database '" + name + "' does not estimate costs");
            }
            List<Map<String, Object>> statements = new ArrayList<>();
            for (CostEstimate estimate : estimates) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("rows", estimate.rows().orElse(null));
                json.put("cost", estimate.cost().orElse(null));
                json.put("plan", estimate.plan());
                statements.add(json);
            }
            send(ctx, 200, Map.of("statements", statements));
        }

        /** The engine's pipeline with the server's SQL limits. */
        private SqlPipeline pipeline(EngineSpec spec) {
            return SqlPipeline.of(spec, runtime.queries().executor().settings().sqlLimits());
        }

        /** The task, if the principal submitted it or is an admin; otherwise the same 404 as for an unknown id. */
        private TaskStatus status(Context ctx, String id) {
            Principal principal = principal(ctx);
            ApiError unknown = new ApiError(404, "not_found", "no task '" + id + "'");
            if (!principal.has(Role.ADMIN)) {
                Optional<String> owner = runtime.taskOwners().get(id);
                if (owner.isEmpty() || !owner.get().equals(principal.owner())) {
                    throw unknown;
                }
            }
            return runtime.tasks().status(id).orElseThrow(() -> unknown);
        }

        private QueryRequest request(Context ctx, JsonNode body, String queryId) {
            long limit = positiveLong(body, "limit", Optional.of(runtime.queries().executor().settings().defaultLimit()));
            Optional<Duration> timeout = body.hasNonNull("timeoutSeconds")
                    ? Optional.of(Duration.ofSeconds(positiveLong(body, "timeoutSeconds", Optional.empty()))) : Optional.empty();
            String database = text(body, "database", true);
            return new QueryRequest(database, Optional.empty(), text(body, "sql", true), limit, timeout, queryId,
                    Optional.of(principal(ctx).owner()), namespace(body, "catalog"), namespace(body, "schema"),
                    runAs(ctx, database, Optional.ofNullable(text(body, "runAs", false))), expandData(body));
        }

        /** {@code "expandData": true} spreads nested values into rows and columns (Superset's {@code expand_data}). */
        private static boolean expandData(JsonNode body) {
            JsonNode value = body.get("expandData");
            if (value == null || value.isNull()) {
                return false;
            }
            if (!value.isBoolean()) {
                throw new ApiError(400, "invalid_request", "'expandData' must be true or false");
            }
            return value.booleanValue();
        }

        /**
         * The database user a request on {@code database} runs as: on a database registered with impersonation, the
         * requesting user's ({@link Principal#databaseUser()}), or {@code asked} when the caller is an admin (403 for anyone else
         * asking for another user); elsewhere none, and {@code asked} is refused (400) rather than ignored. The executor
         * checks again against the registration it runs on.
         */
        private Optional<String> runAs(Context ctx, String database, Optional<String> asked) {
            boolean impersonating = runtime.databases().registration(database).map(DatabaseRegistration::impersonate).orElse(false);
            if (!impersonating) {
                if (asked.isPresent()) {
                    throw new ApiError(400, "invalid_request", "database '" + database
                            + "' is not registered with impersonation: 'runAs' is refused (its requests run as its login user)");
                }
                return Optional.empty();
            }
            Principal principal = principal(ctx);
            String own = principal.databaseUser();
            if (asked.isEmpty() || asked.get().equals(own)) {
                return Optional.of(own);
            }
            if (!principal.has(Role.ADMIN)) {
                security.auditRefusal(AuditEntry.of(principal.name(), AuditAction.ACCESS_DENIED, Optional.of(database), "forbidden",
                        Map.of("request", ctx.method() + " " + ctx.path(), "runAs", asked.get())));
                throw new ApiError(403, "forbidden", "only an admin may run a request as another database user ('runAs')");
            }
            return asked;
        }


        /** An optional catalog or schema name: a non-empty string of at most 128 characters, passed on as given (engines quote it). */
        private static Optional<String> namespace(JsonNode body, String field) {
            Optional<String> name = Optional.ofNullable(text(body, field, false));
            if (name.isPresent() && (name.get().isEmpty() || name.get().length() > 128 || name.get().indexOf('\0') >= 0)) {
                throw new ApiError(400, "invalid_request", "'" + field + "' must be 1 to 128 characters without NUL");
            }
            return name;
        }

        private static Map<String, Object> describe(TaskStatus status) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("taskId", status.id());
            json.put("type", status.type());
            json.put("state", status.state().name());
            status.error().ifPresent(error -> json.put("taskError", error));
            if (!status.progress().isEmpty()) {
                json.put("progress", status.progress()); // {"fraction": 0.42} for a query whose engine reports it
            }
            return json;
        }

        /** {@link #describe(DatabaseRegistration)} with the connection parameters, every secret masked, when its engine reads them. */
        private Map<String, Object> describeDatabase(DatabaseRegistration registration) {
            Map<String, Object> json = describe(registration);
            runtime.databases().maskedParameters(registration).ifPresent(parameters -> json.put("parameters", parameters));
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
            json.put("impersonate", registration.impersonate());
            registration.sshTunnel().ifPresent(tunnel -> json.put("sshTunnel", tunnel.masked()));
            json.put("catalogs", registration.catalogs());
            return json;
        }

        private static Map<String, Object> describe(Grant grant) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("database", grant.database());
            json.put("user", grant.user());
            json.put("grantedBy", grant.grantedBy());
            json.put("at", grant.at().toString());
            return json;
        }

        private static Map<String, Object> describe(AuditEntry entry) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", entry.id());
            json.put("at", entry.at().toString());
            json.put("user", entry.user());
            json.put("action", entry.action().id());
            json.put("database", entry.database().orElse(null));
            json.put("sql", entry.sql().orElse(null));
            json.put("sqlSha256", entry.sqlSha256().orElse(null));
            json.put("rows", entry.rows().isPresent() ? entry.rows().getAsLong() : null);
            json.put("durationMs", entry.durationMs().isPresent() ? entry.durationMs().getAsLong() : null);
            json.put("outcome", entry.outcome());
            json.put("details", entry.details());
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
