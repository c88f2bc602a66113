package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.TaskStatus;
import dev.dbspec.host.security.AccessControl;
import dev.dbspec.host.security.Principal;
import dev.dbspec.host.security.Role;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live task and upload progress over a WebSocket ({@code /api/ws}); polling {@code GET /api/tasks/{id}} stays for API
 * clients. The token is never in the URL (URLs are logged): the first message must be {@code {"token": "..."}}
 * (optionally {@code "after": seq} to resume), sent within {@link #AUTH_TIMEOUT}; anything else closes the socket with
 * 1008 before a single event is sent. A connection then receives only the events of tasks its user submitted: every
 * event goes to the sessions of the task's owner, found from the owner recorded when the task was submitted. Events
 * carry a sequence number; a client that reconnects with {@code "after"} gets the events it missed that are still in
 * its user's last {@link #REPLAYED} events. The Host and Origin are checked before the upgrade ({@link BrowserGuard}).
 * Progress is read by polling the task service in this process every {@link #POLL_EVERY}, so the channel covers tasks
 * submitted to this server.
 */
final class TaskEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskEvents.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    static final Duration POLL_EVERY = Duration.ofMillis(300);
    static final int REPLAYED = 200;
    /** The most tasks followed at once; past it the oldest is dropped (its client can still poll). */
    static final int MAX_TRACKED = 10_000;
    /** The policy-violation close code: refused authentication or a message out of protocol. */
    static final int POLICY_VIOLATION = 1008;

    private record Tracked(String owner, long since, Optional<Map<String, Object>> last) {
    }

    private final AccessControl security;
    private final Function<String, Optional<TaskStatus>> statusOf;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    /** Authenticated sessions: session id to owner. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, WsContext> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Map<String, Object>>> recent = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService poller;

    TaskEvents(AccessControl security, Function<String, Optional<TaskStatus>> statusOf) {
        this.security = requireNonNull(security, "security is null");
        this.statusOf = requireNonNull(statusOf, "statusOf is null");
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dbspec-task-events");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, POLL_EVERY.toMillis(), POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Follows {@code taskId}, submitted by {@code owner}, until it ends. */
    void track(String taskId, String owner) {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(owner, "owner is null");
        if (tracked.size() >= MAX_TRACKED) {
            tracked.entrySet().stream().min((a, b) -> Long.compare(a.getValue().since(), b.getValue().since()))
                    .ifPresent(oldest -> tracked.remove(oldest.getKey()));
        }
        tracked.put(taskId, new Tracked(owner, System.nanoTime(), Optional.empty()));
    }

    /** The WebSocket handlers. */
    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            sessions.put(ctx.sessionId(), ctx);
            poller.schedule(() -> {
                if (sessions.containsKey(ctx.sessionId()) && !owners.containsKey(ctx.sessionId())) {
                    ctx.closeSession(POLICY_VIOLATION, "no token within " + AUTH_TIMEOUT.toSeconds() + " s");
                }
            }, AUTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        });
        ws.onMessage(ctx -> {
            if (owners.containsKey(ctx.sessionId())) {
                ctx.closeSession(POLICY_VIOLATION, "only the first message (the token) is read");
                return;
            }
            authenticate(ctx, ctx.message());
        });
        ws.onBinaryMessage(ctx -> ctx.closeSession(POLICY_VIOLATION, "text messages only"));
        ws.onClose(ctx -> forget(ctx.sessionId()));
        ws.onError(ctx -> forget(ctx.sessionId()));
    }

    private void forget(String sessionId) {
        sessions.remove(sessionId);
        owners.remove(sessionId);
    }

    private void authenticate(WsContext ctx, String message) {
        JsonNode hello;
        try {
            hello = MAPPER.readTree(message);
        } catch (Exception e) {
            ctx.closeSession(POLICY_VIOLATION, "the first message must be JSON {\"token\": ...}");
            return;
        }
        JsonNode token = hello == null ? null : hello.get("token");
        if (token == null || !token.isTextual()) {
            ctx.closeSession(POLICY_VIOLATION, "the first message must be JSON {\"token\": ...}");
            return;
        }
        Principal principal;
        try {
            principal = security.authenticate(Optional.of("Bearer " + token.asText()));
        } catch (RuntimeException e) {
            LOG.debug("WebSocket {}: token refused", ctx.sessionId());
            ctx.closeSession(POLICY_VIOLATION, "token refused");
            return;
        }
        if (!principal.has(Role.ANALYST)) {
            ctx.closeSession(POLICY_VIOLATION, "role " + principal.role().id() + " runs no tasks (it needs analyst)");
            return;
        }
        long after = hello.path("after").asLong(-1);
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("type", "ready");
        ready.put("user", principal.name());
        ready.put("seq", sequence.get());
        send(ctx, ready);
        synchronized (this) { // no event published between the replay and joining the live stream
            if (after >= 0) {
                for (Map<String, Object> event : List.copyOf(recent.getOrDefault(principal.owner(), new ArrayDeque<>()))) {
                    if ((long) event.get("seq") > after) {
                        send(ctx, event);
                    }
                }
            }
            owners.put(ctx.sessionId(), principal.owner());
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("task events: polling failed: {}", e.toString());
        }
    }

    private void poll() {
        for (Map.Entry<String, Tracked> entry : new ArrayList<>(tracked.entrySet())) {
            String taskId = entry.getKey();
            Tracked task = entry.getValue();
            Optional<TaskStatus> status = statusOf.apply(taskId);
            if (status.isEmpty()) {
                tracked.remove(taskId); // expired or unknown: nothing more will happen
                continue;
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("state", status.get().state().name());
            status.get().error().ifPresent(error -> state.put("taskError", error));
            if (!status.get().progress().isEmpty()) {
                state.put("progress", status.get().progress());
            }
            if (task.last().isEmpty() || !Objects.equals(task.last().get(), state)) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "task");
                event.put("taskId", taskId);
                event.put("taskType", status.get().type());
                event.putAll(state);
                publish(task.owner(), event);
            }
            if (status.get().state().isFinal()) {
                tracked.remove(taskId);
            } else {
                tracked.put(taskId, new Tracked(task.owner(), task.since(), Optional.of(state)));
            }
        }
    }

    private synchronized void publish(String owner, Map<String, Object> event) {
        event.put("seq", sequence.incrementAndGet());
        Deque<Map<String, Object>> buffer = recent.computeIfAbsent(owner, key -> new ArrayDeque<>());
        buffer.addLast(event);
        while (buffer.size() > REPLAYED) {
            buffer.removeFirst();
        }
        owners.forEach((sessionId, sessionOwner) -> {
            WsContext session = sessions.get(sessionId);
            if (session != null && sessionOwner.equals(owner)) {
                send(session, event);
            }
        });
    }

    private static void send(WsContext ctx, Map<String, Object> message) {
        try {
            if (ctx.session.isOpen()) {
                ctx.send(MAPPER.writeValueAsString(message));
            }
        } catch (Exception e) {
            LOG.debug("WebSocket {}: send failed: {}", ctx.sessionId(), e.toString());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
