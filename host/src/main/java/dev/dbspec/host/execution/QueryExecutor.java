package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.dialects.LimitedSql;
import dev.dbspec.dialects.SqlParseException;
import dev.dbspec.dialects.SqlPipeline;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.RequestException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements on registered databases through their engine specs: on read-only databases, the allow-list of
 * statements ({@link SqlPipeline#readOnlyRefusal}) and a read-only transaction opened the engine's way and always
 * rolled back ({@link ReadOnlyTransaction}); the row limit by the spec's method
 * ({@link SqlPipeline#applyLimit}, and the executor stops fetching when the text does not guarantee
 * it), lowered to the server's cap {@link QuerySettings#maxRows()} whatever the request asks, the statement timeout, cancellation by the spec's {@link CancelMethod}, rows streamed as JSON
 * (memory flat in the number of rows) with column names and generic types ({@link EngineSpec#genericType}),
 * and errors mapped to the spec's categories ({@link EngineSpec#classifyError}).
 */
public final class QueryExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(QueryExecutor.class);
    /**
     * Statements that change the session a pooled connection keeps: a later request on it would run with
     * the changed settings ({@code SET standard_conforming_strings = off} changes how its text is read).
     */
    private static final dev.dbspec.api.HostAccess SESSION_CHANGES = new dev.dbspec.api.HostAccess(
            java.util.List.of("SET", "RESET", "USE", "PRAGMA", "ALTER SESSION", "DISCARD", "LOAD", "PREPARE", "DECLARE", "LISTEN"),
            // session settings and locks held past the transaction, set from a query
            java.util.Set.of("SET_CONFIG", "PG_ADVISORY_LOCK", "PG_ADVISORY_LOCK_SHARED", "PG_TRY_ADVISORY_LOCK", "PG_TRY_ADVISORY_LOCK_SHARED",
                    "GET_LOCK"));
    private static final JsonFactory JSON = new JsonFactory();

    /** Opens the output once the statement has run, so an error before any row is a clean failure. */
    @FunctionalInterface
    public interface Sink {
        OutputStream open() throws IOException;
    }

    /**
     * What happened.
     *
     * @param rowCount  rows written (or the update count for a statement without rows)
     * @param truncated whether more rows were available than the limit
     * @param completed false when an error interrupted the rows after the output was opened (the
     *                  document then ends with an {@code error} member)
     * @param cacheable whether the result may be cached (a read-only statement that completed)
     */
    public record Outcome(long rowCount, boolean truncated, boolean completed, boolean cacheable) {
    }

    private record Running(Statement statement, Database database, Optional<String> sessionId) {
    }

    private final DatabaseRegistry databases;
    private final QuerySettings settings;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();
    /** Queries the watchdog stopped at their deadline: reported as TIMEOUT whatever the driver says. */
    private final Map<String, Boolean> pastDeadline = new ConcurrentHashMap<>();

    /**
     * Stops statements still running shortly after their timeout. Statement.setQueryTimeout is a request some drivers
     * ignore (sqlite-jdbc only bounds lock waits; measured by the kit's timeout check), so the host enforces the deadline
     * itself through the engine's cancel method.
     */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    /** How long after its timeout a statement is stopped by the host: the driver's own timeout normally comes first. */
    static final Duration DEADLINE_GRACE = Duration.ofMillis(500);

    private static java.util.concurrent.ScheduledThreadPoolExecutor watchdog() {
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "dbspec-query-deadline");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    public QueryExecutor(DatabaseRegistry databases, QuerySettings settings) {
        this.databases = requireNonNull(databases, "databases is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    public QuerySettings settings() {
        return settings;
    }

    /**
     * What the spec's pipeline makes of a request, checked before anything runs.
     *
     * @param limited      the SQL to run: capped at the limit plus one row, whose presence makes the result truncated
     * @param limitOutcome how the requested limit itself is enforced, as reported to the client
     * @param changesSession the SQL changes its session ({@code SET}, {@code RESET}, {@code USE}...): the
     *                       connection is evicted from the pool after use, so the next request gets a fresh session
     * @param changesStayInTransaction the SQL is one query or data change, whose effects an engine with transactions keeps
     *                       until the request commits ({@link SqlPipeline#changesStayInTransaction}); otherwise a write
     *                       may become permanent while it runs (DDL, procedures, a script with {@code COMMIT})
     */
    public record Plan(Database database, LimitedSql limited, LimitedSql.Outcome limitOutcome, boolean readOnly, boolean changesSession,
                       boolean changesStayInTransaction) {
    }

    /**
     * Checks the request and plans it: the database exists, the statement may run there, the limit.
     *
     * @throws RequestException NOT_FOUND, INVALID (bad limit or unreadable SQL) or FORBIDDEN (on a read-only database,
     *                          a statement a read-only request may not run: see {@link SqlPipeline#readOnlyRefusal};
     *                          or SQL of an embedded engine that reaches the host while database files are confined)
     * @throws dev.dbspec.dialects.SqlTooComplexException when the SQL exceeds {@link QuerySettings#sqlLimits()}: it is
     *                          refused, never run as written
     */
    public Plan plan(QueryRequest request) {
        if (request.limit() > settings.maximumLimit()) {
            throw new RequestException(RequestException.Kind.INVALID, "limit " + request.limit() + " exceeds the maximum " + settings.maximumLimit());
        }
        if (request.sql().isBlank()) {
            throw new RequestException(RequestException.Kind.INVALID, "sql is empty");
        }
        Database database = databases.database(request.database(), request.databaseId());
        Impersonator.requireFits(database, request.runAs());
        databases.requireCatalog(database, request.catalog());
        SqlPipeline pipeline = SqlPipeline.of(database.spec(), settings.sqlLimits());
        if (request.runAs().isPresent()) {
            Impersonator.checkSql(database, pipeline, request.sql());
        }
        boolean readOnly;
        try {
            readOnly = pipeline.isReadOnly(request.sql());
        } catch (SqlParseException e) {
            throw new RequestException(RequestException.Kind.INVALID, e.getMessage());
        }
        if (databases.filePolicy().sandbox().isPresent()) {
            Optional<String> reach = pipeline.findHostAccess(request.sql(), database.spec().hostAccess());
            if (reach.isPresent()) {
                throw new RequestException(RequestException.Kind.FORBIDDEN, database.spec().id() + ": " + reach.get()
                        + " reads or writes the host's files or runs code in the host; refused while database files are confined to "
                        + databases.filePolicy().allowedDirectory() + " (files.allow-any-path=true allows it)");
            }
        }
        if (database.registration().readOnly()) {
            Optional<String> refusal;
            try {
                refusal = pipeline.readOnlyRefusal(request.sql(), ReadOnlyTransaction.mode(database).refusedFunctions());
            } catch (SqlParseException e) {
                throw new RequestException(RequestException.Kind.INVALID, e.getMessage());
            }
            if (refusal.isPresent()) {
                throw new RequestException(RequestException.Kind.FORBIDDEN, "database '" + database.name() + "' is read-only: " + refusal.get());
            }
        }
        LimitedSql limited;
        LimitedSql.Outcome outcome;
        long limit = settings.rowLimit(request.limit());
        // One row more than asked: reading it tells the client the result was cut (truncated), and it is never sent.
        long fetch = limit == Long.MAX_VALUE ? limit : limit + 1;
        try {
            limited = pipeline.applyLimit(request.sql(), fetch, false);
            outcome = fetch == limit ? limited.outcome() : pipeline.applyLimit(request.sql(), limit, false).outcome();
        } catch (SqlParseException e) {
            // The engine may accept what the parser configuration cannot read: run the text as is and stop fetching.
            // (SqlTooComplexException is no SqlParseException: SQL too complex to read is refused, never run as is.)
            limited = new LimitedSql(request.sql(), LimitedSql.Outcome.FETCH_LIMIT, limit,
                    "the query could not be parsed to edit its limit (" + e.reason() + "); fetching at most " + limit + " rows");
            outcome = limited.outcome();
        }
        boolean changesSession = pipeline.findHostAccess(request.sql(), SESSION_CHANGES).isPresent();
        boolean staysInTransaction;
        try {
            staysInTransaction = pipeline.changesStayInTransaction(request.sql());
        } catch (SqlParseException e) {
            staysInTransaction = false; // unread: it may commit on its own
        }
        return new Plan(database, limited, outcome, readOnly, changesSession, staysInTransaction);
    }

    /**
     * Runs {@code request} and writes the JSON result to the sink, which is opened only once the
     * statement has run.
     *
     * @throws RequestException         see {@link #plan}
     * @throws QueryFailedException     when the database reports an error before any output
     */
    public Outcome execute(QueryRequest request, Sink sink) {
        return execute(request, sink, dev.dbspec.api.TaskHandler.Progress.NONE);
    }

    /** How often a running statement's progress is asked for ({@link EngineSpec#queryProgress}). */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(200);

    /** Asks running statements for their progress, apart from the deadline watchdog (a driver may answer slowly). */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor PROGRESS_POLLER = progressPoller();

    private static java.util.concurrent.ScheduledThreadPoolExecutor progressPoller() {
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "dbspec-query-progress");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * {@link #execute(QueryRequest, Sink)}, reporting the statement's progress to {@code progress} while it runs, where
     * the engine reports it: {@code {"fraction": f}} with f from 0 to 1, every {@link #PROGRESS_INTERVAL} when it
     * changed ({@link EngineSpec#enableProgress}, {@link EngineSpec#queryProgress}). Progress is best effort: an
     * engine failing to report it never fails the query.
     */
    public Outcome execute(QueryRequest request, Sink sink, dev.dbspec.api.TaskHandler.Progress progress) {
        requireNonNull(progress, "progress is null");
        Plan plan = plan(request);
        Database database = plan.database();
        EngineSpec spec = database.spec();
        long limit = settings.rowLimit(request.limit());
        Duration timeout = request.timeout().orElse(settings.defaultTimeout());
        // Zero would reach Statement.setQueryTimeout(0), which JDBC reads as "no limit".
        if (timeout.compareTo(settings.maximumTimeout()) > 0 || timeout.isNegative() || timeout.toMillis() < 1_000) {
            throw new RequestException(RequestException.Kind.INVALID, "timeout " + timeout.toSeconds() + " s is outside 1.."
                    + settings.maximumTimeout().toSeconds() + " s");
        }
        long started = System.nanoTime();
        cancelled.remove(request.queryId());
        Connection[] used = new Connection[1];
        boolean readOnlyDatabase = database.registration().readOnly();
        Optional<Connection> inOtherCatalog = otherCatalog(database, request);
        try (Connection connection = inOtherCatalog.isPresent() ? inOtherCatalog.get() : Impersonator.connect(databases, database, request.runAs())) {
            used[0] = connection;
            try {
                if (request.changesNamespace()) {
                    useNamespace(spec, connection, inOtherCatalog.isPresent() ? Optional.empty() : request.catalog(), request.schema());
                }
                boolean transaction = beginTransaction(connection, database);
                if (readOnlyDatabase) {
                    ReadOnlyTransaction.begin(connection, spec, ReadOnlyTransaction.mode(database));
                }
                // As the requesting user from here on, inside the transaction (SET LOCAL ROLE); a refusal runs nothing.
                Impersonator.assume(connection, database, request.runAs());
                try (Statement statement = connection.createStatement()) {
                    int timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
                    statement.setQueryTimeout(timeoutSeconds);
                    statement.setFetchSize((int) Math.max(1, Math.min(settings.fetchSize(), limit + 1)));
                    if (limit < Integer.MAX_VALUE) {
                        statement.setMaxRows((int) limit + 1);
                    }
                    Optional<String> sessionId = sessionId(connection, spec);
                    if (running.putIfAbsent(request.queryId(), new Running(statement, database, sessionId)) != null) {
                        throw new RequestException(RequestException.Kind.CONFLICT, "query id " + request.queryId() + " is already running");
                    }
                    java.util.concurrent.ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> stopAtDeadline(request.queryId()),
                            timeout.plus(DEADLINE_GRACE).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    java.util.concurrent.ScheduledFuture<?> poller = progress == dev.dbspec.api.TaskHandler.Progress.NONE ? null
                            : watchProgress(spec, statement, progress, request.queryId());
                    try {
                        if (cancelled.containsKey(request.queryId())) {
                            throw new SQLException("cancelled before it started", "57014");
                        }
                        // Any statement may write (SELECT f() where f inserts), so every request on a database not registered
                        // read-only tells the task's fence: before the commit when its effects stay in the transaction, else
                        // before it runs (no transaction, DDL, a procedure, a script that commits).
                        boolean fencedBeforeRun = !readOnlyDatabase && (!transaction || !plan.changesStayInTransaction());
                        if (fencedBeforeRun) {
                            CommitFence.beforeWriteCommits();
                        }
                        boolean hasRows = statement.execute(plan.limited().sql());
                        long updates = 0;
                        while (!hasRows) {
                            long count = statement.getUpdateCount();
                            if (count == -1) {
                                end(connection, transaction, readOnlyDatabase, fencedBeforeRun);
                                return writeUpdateCount(sink, database, updates);
                            }
                            updates = count;
                            hasRows = statement.getMoreResults();
                        }
                        Outcome outcome;
                        try (ResultSet rs = statement.getResultSet()) {
                            outcome = request.expandData() && spec.has(dev.dbspec.api.Capability.EXPAND_DATA)
                                    ? writeExpandedRows(sink, plan, rs, request, limit, connection)
                                    : writeRows(sink, plan, rs, request, limit);
                        }
                        end(connection, transaction, readOnlyDatabase, fencedBeforeRun);
                        return new Outcome(outcome.rowCount(), outcome.truncated(), outcome.completed(),
                                outcome.completed() && plan.readOnly());
                    } finally {
                        deadline.cancel(false);
                        if (poller != null) {
                            poller.cancel(false);
                        }
                        running.remove(request.queryId());
                    }
                } catch (SQLException | RuntimeException e) {
                    if (transaction) {
                        rollbackQuietly(connection);
                    }
                    throw e;
                }
            } finally {
                // Back to the login user before the pool takes the connection back (evicted when that fails).
                Impersonator.release(connection, database, request.runAs());
            }
        } catch (SQLException e) {
            throw failure(spec, e, request.queryId(), started, timeout);
        } finally {
            cancelled.remove(request.queryId());
            pastDeadline.remove(request.queryId());
            // A connection switched to the request's catalog or schema is closed rather than returned to the pool
            // changed: the next request gets a fresh session in the registration's own catalog and schema.
            if ((plan.changesSession() || request.changesNamespace()) && used[0] != null && database.pool() instanceof com.zaxxer.hikari.HikariDataSource pool) {
                pool.evictConnection(used[0]); // back in the pool, now closed: its session settings go with it
            }
        }
    }

    /**
     * Switches the engine's progress reporting on for {@code statement} and polls it; a failure is logged once and
     * ends the polling, never the query.
     */
    private static java.util.concurrent.ScheduledFuture<?> watchProgress(EngineSpec spec, Statement statement,
                                                                        dev.dbspec.api.TaskHandler.Progress progress, String queryId) {
        try {
            spec.enableProgress(statement);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("query {}: {} cannot report progress: {}", queryId, spec.id(), redact(e.getMessage()));
            return null;
        }
        double[] last = {-1};
        java.util.concurrent.ScheduledFuture<?>[] self = new java.util.concurrent.ScheduledFuture<?>[1];
        Runnable poll = () -> {
            try {
                java.util.OptionalDouble fraction = spec.queryProgress(statement);
                if (fraction.isPresent() && fraction.getAsDouble() != last[0]) {
                    last[0] = Math.max(0, Math.min(1, fraction.getAsDouble()));
                    progress.report(Map.of("fraction", last[0]));
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("query {}: progress unavailable: {}", queryId, redact(e.getMessage()));
                if (self[0] != null) {
                    self[0].cancel(false);
                }
            }
        };
        self[0] = PROGRESS_POLLER.scheduleWithFixedDelay(poll, PROGRESS_INTERVAL.toMillis(), PROGRESS_INTERVAL.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return self[0];
    }

    /**
     * A connection of its own to the request's catalog when the engine reaches catalogs by URL
     * ({@link DatabaseRegistry#openInCatalog}); empty when there is no catalog or the engine switches in place.
     */
    private Optional<Connection> otherCatalog(Database database, QueryRequest request) {
        if (request.catalog().isEmpty()) {
            return Optional.empty();
        }
        Optional<Connection> other;
        try {
            other = databases.openInCatalog(database, request.catalog().get());
        } catch (SQLException e) {
            if (String.valueOf(e.getSQLState()).startsWith("08")) {
                throw failure(database.spec(), e, request.queryId(), System.nanoTime(), Duration.ZERO);
            }
            throw new RequestException(RequestException.Kind.INVALID, "cannot run in catalog " + request.catalog().get() + ": "
                    + redact(e.getMessage()));
        }
        if (other.isPresent() && request.runAs().isPresent()
                && database.spec().impersonation().kind() == dev.dbspec.api.Impersonation.Kind.CONNECTION_PROPERTIES) {
            try {
                other.get().close();
            } catch (SQLException ignored) {
                // closing a connection never used
            }
            throw new RequestException(RequestException.Kind.INVALID, database.spec().id()
                    + " cannot run as another user in another catalog: register that catalog on its own");
        }
        return other;
    }

    /** Applies the request's catalog and schema; one the connection cannot use is the caller's error, not the engine's. */
    private static void useNamespace(EngineSpec spec, Connection connection, Optional<String> catalog, Optional<String> schema) throws SQLException {
        try {
            spec.useCatalogAndSchema(connection, catalog, schema);
        } catch (java.sql.SQLFeatureNotSupportedException e) {
            throw new RequestException(RequestException.Kind.INVALID, spec.id() + " cannot run a query in another catalog or schema: " + e.getMessage());
        } catch (SQLException e) {
            // Anything but a lost connection (SQLState class 08) is the engine refusing the name given.
            if (String.valueOf(e.getSQLState()).startsWith("08")) {
                throw e;
            }
            throw new RequestException(RequestException.Kind.INVALID, "cannot run in catalog " + catalog.orElse("(default)")
                    + ", schema " + schema.orElse("(default)") + ": " + e.getMessage());
        }
    }

    /**
     * Ends the request's transaction: a commit, or on a read-only database always a rollback (nothing it did is kept); the
     * task's {@link CommitFence} is told before the commit unless it was told before the statement ran.
     */
    private static void end(Connection connection, boolean transaction, boolean readOnlyDatabase, boolean fencedBeforeRun)
            throws SQLException {
        if (!transaction) {
            return; // each statement was its own (the driver has no transactions)
        }
        if (readOnlyDatabase) {
            connection.rollback();
        } else {
            if (!fencedBeforeRun) {
                CommitFence.beforeWriteCommits();
            }
            connection.commit();
        }
    }

    /**
     * Switches autocommit off for the request's transaction; false when the driver has no transactions (ClickHouse's
     * legacy driver refuses with {@link java.sql.SQLFeatureNotSupportedException}): the request then runs in
     * autocommit, unless its registration needs the transaction, read-only (always rolled back) or impersonating (the
     * role is set for the transaction): those fail closed, nothing having run.
     */
    static boolean beginTransaction(Connection connection, Database database) throws SQLException {
        try {
            connection.setAutoCommit(false);
            return true;
        } catch (java.sql.SQLFeatureNotSupportedException e) {
            if (database.registration().readOnly() || database.registration().impersonate()) {
                throw new RequestException(RequestException.Kind.INVALID, "database '" + database.name() + "' is registered "
                        + (database.registration().readOnly() ? "read-only" : "with impersonation") + ", which needs a transaction, and the "
                        + database.spec().id() + " driver has none (" + e.getMessage() + "): register it without that and give it an "
                        + "engine account with only the rights its users should have");
            }
            return false;
        }
    }

    /** Runs {@code request} into a string (for tasks and the cache). */
    public String executeToString(QueryRequest request) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        Outcome outcome = execute(request, () -> buffer);
        String result = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (!outcome.completed()) {
            throw new QueryFailedException(ErrorCategory.OTHER, null, "the query failed while reading rows: " + result);
        }
        return result;
    }

    /**
     * Cancels the running query {@code queryId} with the spec's method.
     *
     * @return false when no such query runs or the engine cannot cancel
     */
    public boolean cancel(String queryId) {
        Running query = running.get(requireNonNull(queryId, "queryId is null"));
        if (query == null) {
            return false;
        }
        cancelled.put(queryId, Boolean.TRUE);
        return stop(queryId, query);
    }

    /** The watchdog's cancel: the statement ran past its timeout and the driver did not stop it. */
    private void stopAtDeadline(String queryId) {
        Running query = running.get(queryId);
        if (query != null) {
            pastDeadline.put(queryId, Boolean.TRUE);
            if (query.database().spec().cancelMethod() == CancelMethod.NONE) {
                try {
                    query.database().spec().cancel(query.statement()); // the engine claims no cancel: try anyway, a deadline is a deadline
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("query {} on {} ran past its deadline and could not be stopped: {}", queryId, query.database().name(),
                            redact(e.getMessage()));
                }
                return;
            }
            stop(queryId, query);
        }
    }

    private boolean stop(String queryId, Running query) {
        EngineSpec spec = query.database().spec();
        CancelMethod method = spec.cancelMethod();
        try {
            switch (method) {
                case JDBC_CANCEL -> spec.cancel(query.statement());
                case KILL_STATEMENT -> kill(query);
                case NONE -> {
                    return false;
                }
            }
            LOG.info("cancelled query {} on {} ({})", queryId, query.database().name(), method);
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cancelling query {} on {} failed: {}", queryId, query.database().name(), redact(e.getMessage()));
            return false;
        }
    }

    /** Ids of queries running now. */
    public java.util.Set<String> runningQueries() {
        return java.util.Set.copyOf(running.keySet());
    }

    private static Optional<String> sessionId(Connection connection, EngineSpec spec) throws SQLException {
        if (spec.cancelMethod() != CancelMethod.KILL_STATEMENT || spec.sessionIdSql().isEmpty()) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(spec.sessionIdSql().get())) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    private static void kill(Running query) throws SQLException {
        String session = query.sessionId().orElseThrow(() -> new SQLException("no session id to kill"));
        if (!session.matches("[A-Za-z0-9_\\-:.]+")) {
            throw new SQLException("unexpected session id");
        }
        String sql = query.database().spec().killStatementSql().orElseThrow().replace("{id}", session);
        try (Connection connection = query.database().pool().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Writes at most {@code limit} rows: the request's limit lowered to the server's row cap. */
    private Outcome writeRows(Sink sink, Plan plan, ResultSet rs, QueryRequest request, long limit) throws SQLException {
        EngineSpec spec = plan.database().spec();
        ResultSetMetaData metadata = rs.getMetaData();
        int columns = metadata.getColumnCount();
        GenericType[] types = new GenericType[columns];
        String[] names = new String[columns];
        String[] nativeTypes = new String[columns];
        int[] jdbcTypes = new int[columns];
        for (int i = 0; i < columns; i++) {
            names[i] = metadata.getColumnLabel(i + 1);
            nativeTypes[i] = String.valueOf(metadata.getColumnTypeName(i + 1));
            jdbcTypes[i] = metadata.getColumnType(i + 1);
            types[i] = spec.genericType(nativeTypes[i]);
        }
        long rows = 0;
        boolean truncated = false;
        try (JsonGenerator out = JSON.createGenerator(sink.open(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            header(out, plan.database());
            out.writeNumberField("limit", limit);
            if (limit < request.limit()) {
                out.writeNumberField("requestedLimit", request.limit()); // lowered to query.max-rows
            }
            out.writeStringField("limitOutcome", plan.limitOutcome().name());
            out.writeArrayFieldStart("columns");
            for (int i = 0; i < columns; i++) {
                out.writeStartObject();
                out.writeStringField("name", names[i]);
                out.writeStringField("type", types[i].name());
                out.writeStringField("nativeType", nativeTypes[i]);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("rows");
            // read on this thread, encoded on another while the next rows are read (PipelinedRows)
            PipelinedRows.Read read = PipelinedRows.write(out, rs, JsonValues.Columns.of(spec, types, jdbcTypes), limit);
            rows = read.rows();
            truncated = read.truncated();
            if (read.error() != null) {
                out.writeEndArray();
                out.writeNumberField("rowCount", rows);
                QueryFailedException failure = failure(spec, read.error(), request.queryId(), System.nanoTime(), Duration.ZERO);
                out.writeObjectFieldStart("error");
                out.writeStringField("category", failure.category().name());
                out.writeStringField("message", failure.getMessage());
                out.writeEndObject();
                out.writeEndObject();
                return new Outcome(rows, false, false, false);
            }
            out.writeEndArray();
            if (request.expandData()) {
                // Asked for on an engine that does not expand: nothing was, as Superset's base expand_data.
                out.writeArrayFieldStart("expandedColumns");
                out.writeEndArray();
            }
            out.writeNumberField("rowCount", rows);
            out.writeBooleanField("truncated", truncated);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result: " + e.getMessage(), e);
        }
        return new Outcome(rows, truncated, true, true);
    }

    /**
     * The rows with nested values expanded ({@link dev.dbspec.api.DataExpander}, Superset's {@code expand_data}): at most
     * {@code limit} rows are read (the expansion needs them all, like Superset's), read through the spec's
     * {@link EngineSpec#nestedReader} and expanded; the answer's {@code columns} are all columns (each row column followed
     * by its fields, named {@code parent.field}), {@code rows} the expanded rows (a place the expansion left empty holds
     * {@code ""}, as in Superset), {@code expandedColumns} the columns added, {@code rowCount} the rows answered and
     * {@code sourceRowCount} the rows read. An engine without a reader answers its rows as they are, with no expanded
     * column.
     */
    private Outcome writeExpandedRows(Sink sink, Plan plan, ResultSet rs, QueryRequest request, long limit, Connection connection)
            throws SQLException {
        EngineSpec spec = plan.database().spec();
        ResultSetMetaData metadata = rs.getMetaData();
        int columns = metadata.getColumnCount();
        Optional<dev.dbspec.api.NestedReader> reader = spec.nestedReader(connection, metadata);
        GenericType[] types = new GenericType[columns];
        int[] jdbcTypes = new int[columns];
        java.util.List<dev.dbspec.api.NestedColumn> nestedColumns = new java.util.ArrayList<>();
        boolean[] nested = new boolean[columns];
        for (int i = 0; i < columns; i++) {
            String nativeType = String.valueOf(metadata.getColumnTypeName(i + 1));
            jdbcTypes[i] = metadata.getColumnType(i + 1);
            types[i] = spec.genericType(nativeType);
            dev.dbspec.api.NestedType type = reader.isPresent() ? reader.get().type(i + 1) : dev.dbspec.api.NestedType.scalar(nativeType);
            nested[i] = type.nested();
            nestedColumns.add(new dev.dbspec.api.NestedColumn(metadata.getColumnLabel(i + 1),
                    type.nested() ? type : dev.dbspec.api.NestedType.scalar(nativeType)));
        }
        java.util.List<Map<String, Object>> read = new java.util.ArrayList<>();
        JsonValues.Columns values = JsonValues.Columns.of(spec, types, jdbcTypes);
        boolean truncated = false;
        while (rs.next()) {
            if (read.size() >= limit) {
                truncated = true;
                break;
            }
            Map<String, Object> row = new java.util.HashMap<>();
            for (int i = 0; i < columns; i++) {
                try {
                    row.put(nestedColumns.get(i).name(), nested[i] ? reader.get().read(rs, i + 1) : values.value(rs, i));
                } catch (RuntimeException e) {
                    throw new SQLException("cannot read the nested value of column " + nestedColumns.get(i).name() + ": " + e.getMessage(), e);
                }
            }
            read.add(row);
        }
        dev.dbspec.api.ExpandedData expanded = dev.dbspec.api.DataExpander.expand(nestedColumns, read);
        Map<String, GenericType> topTypes = new java.util.HashMap<>();
        for (int i = 0; i < columns; i++) {
            topTypes.putIfAbsent(nestedColumns.get(i).name(), types[i]);
        }
        try (JsonGenerator out = JSON.createGenerator(sink.open(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            header(out, plan.database());
            out.writeNumberField("limit", limit);
            if (limit < request.limit()) {
                out.writeNumberField("requestedLimit", request.limit());
            }
            out.writeStringField("limitOutcome", plan.limitOutcome().name());
            out.writeArrayFieldStart("columns");
            for (dev.dbspec.api.NestedColumn column : expanded.columns()) {
                writeColumn(out, column, topTypes.getOrDefault(column.name(), spec.genericType(column.type().name())));
            }
            out.writeEndArray();
            out.writeArrayFieldStart("rows");
            for (Map<String, Object> row : expanded.rows()) {
                out.writeStartArray();
                for (Object value : row.values()) {
                    JsonValues.writeObject(out, value);
                }
                out.writeEndArray();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("expandedColumns");
            for (dev.dbspec.api.NestedColumn column : expanded.expandedColumns()) {
                writeColumn(out, column, spec.genericType(column.type().name()));
            }
            out.writeEndArray();
            out.writeNumberField("rowCount", expanded.rows().size());
            out.writeNumberField("sourceRowCount", read.size());
            out.writeBooleanField("truncated", truncated);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result: " + e.getMessage(), e);
        }
        return new Outcome(read.size(), truncated, true, true);
    }

    private static void writeColumn(JsonGenerator out, dev.dbspec.api.NestedColumn column, GenericType type) throws IOException {
        out.writeStartObject();
        out.writeStringField("name", column.name());
        out.writeStringField("type", type.name());
        out.writeStringField("nativeType", column.type().name());
        out.writeEndObject();
    }

    private static Outcome writeUpdateCount(Sink sink, Database database, long updates) {
        try (JsonGenerator out = JSON.createGenerator(sink.open(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            header(out, database);
            out.writeNumberField("updateCount", updates);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result: " + e.getMessage(), e);
        }
        return new Outcome(updates, false, true, false);
    }

    private static void header(JsonGenerator out, Database database) throws IOException {
        out.writeStringField("database", database.name());
        out.writeStringField("engine", database.spec().id());
    }

    private QueryFailedException failure(EngineSpec spec, SQLException error, String queryId, long started, Duration timeout) {
        QueryFailedException classified = QueryFailedException.of(spec, error);
        SQLException e = QueryFailedException.driverError(error);
        ErrorCategory category = classified.category();
        boolean userCancelled = cancelled.containsKey(queryId);
        if (pastDeadline.containsKey(queryId)) {
            category = ErrorCategory.TIMEOUT;
        } else if (userCancelled) {
            category = ErrorCategory.CANCELLED;
        } else if (e instanceof SQLTimeoutException) {
            category = ErrorCategory.TIMEOUT;
        } else if (category == ErrorCategory.CANCELLED && !timeout.isZero()
                && System.nanoTime() - started >= timeout.toNanos() - 50_000_000L) {
            category = ErrorCategory.TIMEOUT;
        } else if (e instanceof SQLTransientConnectionException && category == ErrorCategory.OTHER) {
            category = ErrorCategory.UNREACHABLE_HOST;
        }
        return category == classified.category() ? classified
                : new QueryFailedException(category, classified.sqlState(), classified.getMessage());
    }

    static String redact(String message) {
        return message == null ? "" : EngineRegistry.redactUrl(message);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", redact(e.getMessage()));
        }
    }
}
