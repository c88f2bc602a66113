package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ColumnInfo;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TableDetail;
import dev.dbspec.api.TableInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.failed;
import static dev.dbspec.testdb.Checks.firstLine;
import static dev.dbspec.testdb.Checks.message;
import static dev.dbspec.testdb.Checks.millisSince;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.skipped;
import static dev.dbspec.testdb.Checks.timed;
import static dev.dbspec.testdb.Checks.withTable;

import dev.dbspec.testdb.CheckResult.Status;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Proves an engine spec's claims against a live database, one {@link CheckResult} per claim: connect,
 * {@code SELECT 1}, every claimed time grain over {@link TimeGrainFixture} against
 * {@link TimeGrain#truncate}, datetime literals, epoch conversion, error categories, column types,
 * capability flags (a claimed one must work, an absent one must fail), metadata and cancellation.
 * Plain Java: the JUnit kit and {@code dbspec test-db} both run it. Temporary tables are dropped even
 * when a check fails.
 */
public final class LiveChecks {
    /**
     * Applies a row limit to a statement the way the host will (the SQL pipeline lives outside this
     * module): the limited SQL, and whether the executor must also stop fetching after {@code limit} rows.
     */
    @FunctionalInterface
    public interface Limiter {
        Limited apply(String sql, int limit);
    }

    /** What a {@link Limiter} returns. */
    public record Limited(String sql, boolean stopFetching) {
    }

    /** Opens connections to the database under test. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final EngineSpec spec;
    private final ConnectionSource source;
    private final String timestampColumnType;
    private final Optional<String> longRunningQuery;
    private Limiter limiter;
    private Target target;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    public LiveChecks(EngineSpec spec, ConnectionSource source) {
        this(spec, source, spec.columnTypeFor(GenericType.TIMESTAMP), spec.longRunningQuery());
    }

    public LiveChecks(EngineSpec spec, ConnectionSource source, String timestampColumnType, Optional<String> longRunningQuery) {
        this.spec = requireNonNull(spec, "spec is null");
        this.source = requireNonNull(source, "source is null");
        this.timestampColumnType = requireNonNull(timestampColumnType, "timestampColumnType is null");
        this.longRunningQuery = requireNonNull(longRunningQuery, "longRunningQuery is null");
    }

    /** Opens a connection to a URL with properties, as the host does (vetted, with the plugin's driver). */
    @FunctionalInterface
    public interface Opener {
        Connection open(String jdbcUrl, java.util.Properties properties) throws SQLException;
    }

    /**
     * The database under test as a URL and properties, for the connection-level error checks (a wrong user, another
     * database, a closed port), which need to change them.
     */
    public record Target(String jdbcUrl, java.util.Properties properties, Opener opener) {
        public Target {
            requireNonNull(jdbcUrl, "jdbcUrl is null");
            properties = (java.util.Properties) requireNonNull(properties, "properties is null").clone();
            requireNonNull(opener, "opener is null");
        }
    }

    /** Adds the connection-level error checks (bad credentials, unknown database, unreachable host) against {@code target}. */
    public LiveChecks withTarget(Target target) {
        this.target = requireNonNull(target, "target is null");
        return this;
    }

    /** Adds the limit check, applying limits with {@code limiter}. */
    public LiveChecks withLimiter(Limiter limiter) {
        this.limiter = requireNonNull(limiter, "limiter is null");
        return this;
    }

    /** Runs every check in order, reporting each result to {@code progress} as it completes. */
    public List<CheckResult> runAll(Consumer<CheckResult> progress) {
        List<CheckResult> results = new ArrayList<>();
        Consumer<CheckResult> sink = result -> {
            results.add(result);
            progress.accept(result);
        };
        CheckResult connected = connect();
        sink.accept(connected);
        if (connected.failed()) {
            return results;
        }
        sink.accept(selectOne());
        timeGrains().forEach(sink);
        literals().forEach(sink);
        sink.accept(epochs());
        errors().forEach(sink);
        columnTypes().forEach(sink);
        capabilities().forEach(sink);
        if (limiter != null) {
            sink.accept(limit());
        }
        sink.accept(metadata());
        sink.accept(specMetadata());
        new BehaviourChecks(spec, source, Optional.ofNullable(target)).all().forEach(sink);
        new PartitionChecks(spec, source).runAll().forEach(sink);
        ImpersonationChecks impersonation = new ImpersonationChecks(spec, source);
        sink.accept((target == null ? impersonation : impersonation.withTarget(target)).userImpersonation());
        sink.accept(new ExpandDataChecks(spec, source).expandData());
        sink.accept(new UploadChecks(spec, source).fileUpload());
        sink.accept(target == null ? skipped(ParameterChecks.ID, "connection parameters", "no URL given") : new ParameterChecks(spec, target).run());
        sink.accept(target == null ? skipped(SshTunnelChecks.ID, "SSH tunneling", "no URL given") : new SshTunnelChecks(spec, target).run());
        sink.accept(cancel());
        return results;
    }

    // ---- individual checks ------------------------------------------------------------------

    public CheckResult connect() {
        return timed("connect", "connect with the plugin's driver", () -> {
            try (Connection connection = source.open()) {
                DatabaseMetaData meta = connection.getMetaData();
                return pass(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion()
                        + " via " + meta.getDriverName() + " " + meta.getDriverVersion());
            }
        });
    }

    public CheckResult selectOne() {
        return timed("select1", "SELECT 1", () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(spec.selectExpressionSql("1"))) {
                return rs.next() && rs.getInt(1) == 1 ? pass("1") : fail("SELECT 1 did not return 1");
            }
        });
    }

    /** One result per claimed grain, over a temporary table of {@link TimeGrainFixture} values. */
    public List<CheckResult> timeGrains() {
        List<CheckResult> results = new ArrayList<>();
        List<LocalDateTime> values = TimeGrainFixture.values();
        String table = "dbspec_grains_" + suffix;
        long setupStart = System.nanoTime();
        try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
            return withTable(spec, statement, table, "id INTEGER, ts " + timestampColumnType, () -> {
                int stored = 0;
                for (int i = 0; i < values.size(); i++) {
                    if (!spec.storesTimestamp(values.get(i))) {
                        continue; // outside the engine's timestamp range (ClickHouse's DateTime starts in 1970)
                    }
                    stored++;
                    Optional<String> literal = spec.datetimeLiteral(TemporalType.TIMESTAMP, values.get(i));
                    if (literal.isEmpty()) {
                        results.add(failed("grains", "time grains",
                                "the spec declares no TIMESTAMP literal, so no fixture can be written", millisSince(setupStart)));
                        return results;
                    }
                    statement.execute("INSERT INTO " + table + " (id, ts) VALUES (" + i + ", " + literal.get() + ")");
                }
                int checked = stored;
                String leftOut = stored == values.size() ? "" : " (" + (values.size() - stored) + " outside the engine's timestamp range left out)";
                for (Map.Entry<TimeGrain, String> entry : new java.util.EnumMap<>(spec.timeGrainExpressions()).entrySet()) {
                    TimeGrain grain = entry.getKey();
                    results.add(timed("grain." + grain.iso(), "time grain " + grain.iso() + " (" + grain.displayName() + ")", () -> {
                        String sql = "SELECT id, " + spec.timeGrainSql(grain, "ts") + " FROM " + table + " ORDER BY id";
                        List<String> problems = new ArrayList<>();
                        try (ResultSet rs = statement.executeQuery(sql)) {
                            while (rs.next()) {
                                LocalDateTime input = values.get(rs.getInt(1));
                                LocalDateTime expected = grain.truncate(input);
                                LocalDateTime actual = readDateTime(rs, 2);
                                if (!expected.equals(actual)) {
                                    problems.add(input + " -> " + actual + ", expected " + expected);
                                }
                            }
                        }
                        return problems.isEmpty() ? pass(checked + " values match java.time" + leftOut)
                                : fail(problems.size() + " of " + checked + " values differ: " + String.join("; ", problems)
                                        + " [SQL: " + entry.getValue() + "]");
                    }));
                }
                return results;
            });
        } catch (Exception e) {
            results.add(failed("grains", "time grains", "setup failed: " + message(e), millisSince(setupStart)));
            return results;
        }
    }

    /** One result per declared temporal literal type: {@code SELECT <literal>} reads back the value. */
    public List<CheckResult> literals() {
        LocalDateTime timestamp = LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_000_000);
        OffsetDateTime zoned = OffsetDateTime.of(timestamp, ZoneOffset.ofHours(2));
        List<CheckResult> results = new ArrayList<>();
        for (TemporalType type : TemporalType.values()) {
            if (!spec.datetimeLiterals().supports(type)) {
                continue;
            }
            results.add(timed("literal." + type.name().toLowerCase(Locale.ROOT), "datetime literal " + type, () -> {
                String literal = switch (type) {
                    case DATE -> spec.datetimeLiteral(type, LocalDate.of(2019, 1, 2)).orElseThrow();
                    case TIME -> spec.datetimeLiteral(type, LocalTime.of(3, 4, 5)).orElseThrow();
                    case TIMESTAMP -> spec.datetimeLiteral(type, timestamp).orElseThrow();
                    case TIMESTAMP_WITH_TIME_ZONE -> spec.datetimeLiteral(type, zoned).orElseThrow();
                };
                // A literal written without a fraction (ClickHouse 18.16's DateTime holds whole seconds) reads back without it.
                boolean wholeSeconds = switch (type) {
                    case TIMESTAMP -> spec.datetimeLiteral(type, timestamp).equals(spec.datetimeLiteral(type, timestamp.truncatedTo(ChronoUnit.SECONDS)));
                    case TIMESTAMP_WITH_TIME_ZONE -> spec.datetimeLiteral(type, zoned).equals(spec.datetimeLiteral(type, zoned.truncatedTo(ChronoUnit.SECONDS)));
                    default -> false;
                };
                try (Connection connection = source.open(); Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery(spec.selectExpressionSql(literal))) {
                    rs.next();
                    Object actual;
                    Object expected;
                    switch (type) {
                        case DATE -> {
                            actual = readDateTime(rs, 1).toLocalDate();
                            expected = LocalDate.of(2019, 1, 2);
                        }
                        case TIME -> {
                            actual = TemporalValues.toLocalTime(rs.getObject(1));
                            expected = LocalTime.of(3, 4, 5);
                        }
                        case TIMESTAMP -> {
                            actual = readDateTime(rs, 1);
                            expected = wholeSeconds ? timestamp.truncatedTo(ChronoUnit.SECONDS) : timestamp;
                        }
                        default -> {
                            actual = readInstant(rs, 1);
                            expected = wholeSeconds ? zoned.toInstant().truncatedTo(ChronoUnit.SECONDS) : zoned.toInstant();
                        }
                    }
                    String note = wholeSeconds ? " (whole seconds: the literal carries no fraction)" : "";
                    return expected.equals(actual) ? pass(literal + note) : fail(literal + " read back as " + actual + ", expected " + expected + note);
                }
            }));
        }
        return results;
    }

    public CheckResult epochs() {
        if (spec.epochSecondsToDatetime().isEmpty() && spec.epochMillisToDatetime().isEmpty()) {
            return skipped("epoch", "epoch conversion", "the spec declares no epoch conversion");
        }
        return timed("epoch", "epoch seconds and milliseconds to timestamp", () -> {
            List<String> problems = new ArrayList<>();
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                if (spec.epochSecondsToDatetime().isPresent()) {
                    for (long seconds : new long[] {1_700_000_000L, 0L, -86_400L}) {
                        String sql = spec.selectExpressionSql(spec.epochSecondsToDatetime().get().replace("{col}", Long.toString(seconds)));
                        LocalDateTime expected = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
                        try (ResultSet rs = statement.executeQuery(sql)) {
                            rs.next();
                            LocalDateTime actual = readDateTime(rs, 1);
                            if (!expected.equals(actual)) {
                                problems.add(sql + " -> " + actual + ", expected " + expected);
                            }
                        }
                    }
                }
                if (spec.epochMillisToDatetime().isPresent()) {
                    long millis = 1_700_000_000_123L;
                    String sql = spec.selectExpressionSql(spec.epochMillisToDatetime().get().replace("{col}", Long.toString(millis)));
                    LocalDateTime expected = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        rs.next();
                        LocalDateTime actual = readDateTime(rs, 1);
                        if (!expected.equals(actual)) {
                            problems.add(sql + " -> " + actual + ", expected " + expected);
                        }
                    }
                }
            }
            return problems.isEmpty() ? pass("epoch conversions give the right instants") : fail(String.join("; ", problems));
        });
    }

    /**
     * Errors must map to their categories: a syntax error and a missing table on a statement, then, with a
     * {@link #withTarget target}, a user that does not exist, a database that does not exist, a closed port, and a statement
     * stopped by its query timeout. A check that cannot be made on this database (no users, no network) is not checkable,
     * never passed.
     */
    public List<CheckResult> errors() {
        List<CheckResult> results = new ArrayList<>(List.of(
                errorCheck("error.syntax", "SELEC 1 FROM nowhere", ErrorCategory.SYNTAX),
                errorCheck("error.missing_table", "SELECT * FROM dbspec_no_such_table_" + suffix, ErrorCategory.MISSING_TABLE)));
        results.add(badCredentials());
        results.add(unknownDatabase());
        results.add(unreachableHost());
        results.add(timeout());
        return results;
    }

    /** A network URL: prefix up to {@code //}, the host block, the path (a database name) and the rest. */
    private static final java.util.regex.Pattern NETWORK_URL =
            java.util.regex.Pattern.compile("^(jdbc:[A-Za-z0-9]+(?::[A-Za-z0-9]+)*://)([^/?;]+)(/[^/?;]*)?(.*)$");

    /**
     * A user that does not exist, with a wrong password when the database under test has one ({@link #withUser}), on it. A connection of the test's own stays
     * open meanwhile, so that an in-memory database (H2, HSQLDB) exists and checks users instead of being created anew.
     */
    public CheckResult badCredentials() {
        String title = "error category " + ErrorCategory.BAD_CREDENTIALS + " (a user that does not exist)";
        if (target == null) {
            return skipped("error.bad_credentials", title, "no URL given");
        }
        try (Connection keepAlive = source.open()) {
            return connectionError("error.bad_credentials", title, target.jdbcUrl(), withUser("dbspec_nobody_" + suffix), ErrorCategory.BAD_CREDENTIALS);
        } catch (SQLException e) {
            return failed("error.bad_credentials", title, "cannot connect as the user under test: " + message(e), 0);
        }
    }

    public CheckResult unknownDatabase() {
        String title = "error category " + ErrorCategory.UNKNOWN_DATABASE + " (a database that does not exist)";
        java.util.regex.Matcher url = target == null ? null : NETWORK_URL.matcher(target.jdbcUrl());
        if (url == null || !url.matches() || url.group(3) == null || url.group(3).length() < 2) {
            return skipped("error.unknown_database", title, target == null ? "no URL given" : "the URL names no database on a server");
        }
        String other = url.group(1) + url.group(2) + "/dbspec_nodb_" + suffix + url.group(4);
        return connectionError("error.unknown_database", title, other, target.properties(), ErrorCategory.UNKNOWN_DATABASE);
    }

    public CheckResult unreachableHost() {
        String title = "error category " + ErrorCategory.UNREACHABLE_HOST + " (a closed port)";
        java.util.regex.Matcher url = target == null ? null : NETWORK_URL.matcher(target.jdbcUrl());
        if (url == null || !url.matches()) {
            return skipped("error.unreachable_host", title, target == null ? "no URL given" : "the engine runs in process: no host to miss");
        }
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again when the check connects
        } catch (java.io.IOException e) {
            return skipped("error.unreachable_host", title, "no free local port: " + e.getMessage());
        }
        String closed = url.group(1) + "127.0.0.1:" + port + (url.group(3) == null ? "" : url.group(3)) + url.group(4);
        // The port was free a moment ago and any local process may have bound it since: no password or secret option
        // goes there (a server asking for a cleartext password would get it). The error is the same without them.
        java.util.Properties properties = (java.util.Properties) target.properties().clone();
        properties.stringPropertyNames().stream()
                .filter(name -> name.equalsIgnoreCase("password") || spec.connectionOptions().isSecret(name))
                .forEach(properties::remove);
        return connectionError("error.unreachable_host", title, closed, properties, ErrorCategory.UNREACHABLE_HOST);
    }

    /**
     * The target's properties as {@code user}: with a wrong password when the database under test has a password, else
     * none, as its own user logs in (a server on trust authentication ignores passwords, and trino-jdbc refuses to send
     * one over plain HTTP before the server is asked).
     */
    private java.util.Properties withUser(String user) {
        java.util.Properties properties = (java.util.Properties) target.properties().clone();
        properties.setProperty("user", user);
        if (properties.containsKey("password")) {
            properties.setProperty("password", "dbspec-wrong-" + suffix);
        }
        return properties;
    }

    private CheckResult connectionError(String id, String title, String jdbcUrl, java.util.Properties properties, ErrorCategory expected) {
        return timed(id, title, () -> {
            try (Connection connection = target.opener().open(jdbcUrl, properties);
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(spec.selectExpressionSql("1"))) {
                // A query too: drivers that connect lazily (trino-jdbc) reach the server only with the first statement.
                return Checks.notCheckable("the server accepted the connection (trust authentication, or a database created on connect)");
            } catch (SQLException e) {
                ErrorCategory actual = spec.classifyError(e);
                return actual == expected ? pass(firstLine(e.getMessage()))
                        : fail("classified as " + actual + ": SQLSTATE " + e.getSQLState() + " " + firstLine(e.getMessage()));
            }
        });
    }

    /**
     * A long statement under a one-second query timeout stops within four seconds with an error the host reports as
     * {@link ErrorCategory#TIMEOUT}: a {@link java.sql.SQLTimeoutException}, a TIMEOUT category, or (drivers that time out
     * by cancelling) CANCELLED once the timeout has passed: the host's own rule.
     */
    public CheckResult timeout() {
        String title = "error category " + ErrorCategory.TIMEOUT + " (query timeout of 1 s)";
        if (longRunningQuery.isEmpty()) {
            return skipped("error.timeout", title, "the spec declares no longRunningQuery()");
        }
        return timed("error.timeout", title, () -> {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(1);
                long start = System.nanoTime();
                Future<SQLException> running = executor.submit(() -> {
                    try (ResultSet rs = statement.executeQuery(longRunningQuery.get())) {
                        while (rs.next()) {
                            // drain: some engines stream
                        }
                        return null;
                    } catch (SQLException e) {
                        return e;
                    }
                });
                SQLException e;
                boolean stoppedByDeadline = false;
                try {
                    e = running.get(1500, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException pastDeadline) {
                    // What the host does when a driver ignores setQueryTimeout: cancel at the deadline.
                    stoppedByDeadline = true;
                    try {
                        spec.cancel(statement);
                    } catch (SQLException cancelFailed) {
                        return fail("still running after its timeout of 1 s, and cancelling failed: " + firstLine(cancelFailed.getMessage()));
                    }
                    try {
                        e = running.get(2500, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException stillRunning) {
                        return fail("still running 4 s after a query timeout of 1 s, cancelled at 1.5 s");
                    }
                }
                long millis = millisSince(start);
                if (e == null) {
                    return fail("finished within its timeout: " + longRunningQuery.get());
                }
                if (stoppedByDeadline) {
                    return pass("stopped by the host's cancel at the deadline after " + millis + " ms (the driver ignores setQueryTimeout): "
                            + firstLine(e.getMessage()));
                }
                ErrorCategory category = spec.classifyError(e);
                boolean reportedAsTimeout = e instanceof java.sql.SQLTimeoutException || category == ErrorCategory.TIMEOUT
                        || (category == ErrorCategory.CANCELLED && millis >= 950);
                return reportedAsTimeout ? pass("stopped after " + millis + " ms: " + firstLine(e.getMessage()))
                        : fail("classified as " + category + " after " + millis + " ms: SQLSTATE " + e.getSQLState() + " " + firstLine(e.getMessage()));
            } finally {
                executor.shutdownNow();
            }
        });
    }

    private CheckResult errorCheck(String id, String sql, ErrorCategory expected) {
        return timed(id, "error category " + expected, () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                try {
                    statement.execute(sql);
                    return fail("no error from: " + sql);
                } catch (SQLException e) {
                    ErrorCategory actual = spec.classifyError(e);
                    return actual == expected ? pass(firstLine(e.getMessage()))
                            : fail("classified as " + actual + ": SQLSTATE " + e.getSQLState() + " " + firstLine(e.getMessage()));
                }
            }
        });
    }

    /** Columns declared with {@link EngineSpec#columnTypeFor} read back as the same generic type. */
    public List<CheckResult> columnTypes() {
        Map<GenericType, String> columns = new LinkedHashMap<>();
        for (GenericType type : GenericType.values()) {
            if (spec.storableTypes().contains(type)) {
                columns.put(type, spec.columnTypeFor(type));
            }
        }
        return List.of(timed("types", "column types map to generic types", () -> {
            Map<String, ReadBack> readBack = readBackTypes(columns.values());
            List<String> problems = new ArrayList<>();
            for (Map.Entry<GenericType, String> entry : columns.entrySet()) {
                ReadBack actual = readBack.get(entry.getValue());
                if (actual.generic() != entry.getKey()) {
                    problems.add(entry.getValue() + " (reported as " + actual.reported() + ") -> " + actual.generic() + ", expected " + entry.getKey());
                }
            }
            return problems.isEmpty() ? pass(columns.size() + " types: " + columns.keySet()) : fail(String.join("; ", problems));
        }));
    }

    /** How a column declared with a native type reads back: the driver's type name and its generic type. */
    public record ReadBack(String reported, GenericType generic) {
    }

    /**
     * Creates a temporary table with one column per native type (as written in DDL), reads its metadata
     * and drops it: what each type reads back as, in the order given.
     */
    public Map<String, ReadBack> readBackTypes(java.util.Collection<String> nativeTypes) throws Exception {
        List<String> types = List.copyOf(new java.util.LinkedHashSet<>(nativeTypes));
        List<String> definitions = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            definitions.add("c" + i + " " + types.get(i));
        }
        String table = "dbspec_types_" + suffix;
        try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
            return withTable(spec, statement, table, String.join(", ", definitions), () -> {
                Map<String, ReadBack> readBack = new LinkedHashMap<>();
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 0; i < types.size(); i++) {
                        String reported = meta.getColumnTypeName(i + 1);
                        readBack.put(types.get(i), new ReadBack(reported, spec.genericType(reported)));
                    }
                }
                return readBack;
            });
        }
    }

    /** Capability flags as executable claims: a claimed one must run, an absent one must fail. */
    public List<CheckResult> capabilities() {
        String table = "dbspec_caps_" + suffix;
        Map<Capability, String> probes = new LinkedHashMap<>();
        probes.put(Capability.JOINS, "SELECT a.id FROM " + table + " a JOIN " + table + " b ON a.id = b.id");
        probes.put(Capability.SUBQUERIES, "SELECT id FROM (SELECT id FROM " + table + ") sub");
        probes.put(Capability.ALIAS_IN_SELECT, "SELECT id AS x FROM " + table);
        probes.put(Capability.ALIAS_IN_ORDER_BY, "SELECT id AS x FROM " + table + " ORDER BY x");
        probes.put(Capability.ORDER_BY_NOT_IN_SELECT, "SELECT id FROM " + table + " GROUP BY id ORDER BY COUNT(*)");
        probes.put(Capability.CTE_IN_SUBQUERY, "SELECT id FROM (WITH c AS (SELECT id FROM " + table + ") SELECT id FROM c) sub");
        probes.put(Capability.SQL_COMMENTS, "SELECT id /* comment */ FROM " + table + " -- comment");
        // Colons reach the engine as written (no bind-parameter rewriting of ':name').
        probes.put(Capability.ESCAPED_COLONS, "SELECT id FROM " + table + " WHERE 'a:b' <> ':b'");
        List<CheckResult> results = new ArrayList<>();
        long start = System.nanoTime();
        try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
            return withTable(spec, statement, table, "id INTEGER", () -> {
                statement.execute("INSERT INTO " + table + " (id) VALUES (1)");
                for (Map.Entry<Capability, String> probe : probes.entrySet()) {
                    boolean claimed = spec.has(probe.getKey());
                    results.add(timed("capability." + probe.getKey().name().toLowerCase(Locale.ROOT),
                            probe.getKey().description() + (claimed ? "" : " (absent: must fail)"), () -> {
                                try (Statement probeStatement = connection.createStatement();
                                     ResultSet rs = probeStatement.executeQuery(probe.getValue())) {
                                    rs.next();
                                    return claimed ? pass(probe.getValue())
                                            : fail("the spec says it is absent, but it works: " + probe.getValue());
                                } catch (SQLException e) {
                                    return claimed ? fail(probe.getValue() + " failed: " + firstLine(e.getMessage()))
                                            : pass("fails as declared: " + firstLine(e.getMessage()));
                                }
                            }));
                }
                statement.execute("INSERT INTO " + table + " (id) VALUES (2)");
                results.add(aliasShadowingSourceColumn(connection, table));
                return results;
            });
        } catch (Exception e) {
            results.add(failed("capabilities", "capability flags", "setup failed: " + message(e), millisSince(start)));
            return results;
        }
    }

    /**
     * {@link Capability#ALIAS_TO_SOURCE_COLUMN}: over ids 1 and 2, {@code SELECT -id AS id ... ORDER BY id} orders by the
     * alias (-2 first) when claimed; when absent the engine refuses it or orders by the source column (-1 first).
     */
    private CheckResult aliasShadowingSourceColumn(Connection connection, String table) {
        boolean claimed = spec.has(Capability.ALIAS_TO_SOURCE_COLUMN);
        String sql = "SELECT -id AS id FROM " + table + " ORDER BY id";
        return timed("capability.alias_to_source_column", Capability.ALIAS_TO_SOURCE_COLUMN.description()
                + (claimed ? "" : " (absent: must fail or order by the column)"), () -> {
            try (Statement probe = connection.createStatement(); ResultSet rs = probe.executeQuery(sql)) {
                long first = rs.next() ? rs.getLong(1) : 0;
                boolean byAlias = first == -2;
                if (claimed) {
                    return byAlias ? pass(sql + " ordered by the alias") : fail(sql + " ordered by the source column (first row " + first + ")");
                }
                return byAlias ? fail("the spec says it is absent, but " + sql + " orders by the alias")
                        : pass("orders by the source column, as declared");
            } catch (SQLException e) {
                return claimed ? fail(sql + " failed: " + firstLine(e.getMessage())) : pass("fails as declared: " + firstLine(e.getMessage()));
            }
        });
    }

    /**
     * A limited {@code SELECT} over a temporary table of 10 rows returns min(N, 10) rows for N = 3 and
     * N = 50, fetching as a host executor does (stopping at N when the limiter says so).
     */
    public CheckResult limit() {
        if (limiter == null) {
            return skipped("limit", "limit applied and executed", "no limiter given");
        }
        String table = "dbspec_limit_" + suffix;
        return timed("limit", "limit applied and executed (rows = min(N, rows))", () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                return withTable(spec, statement, table, "id INTEGER", () -> {
                    for (int i = 1; i <= 10; i++) {
                        statement.execute("INSERT INTO " + table + " (id) VALUES (" + i + ")");
                    }
                    List<String> problems = new ArrayList<>();
                    List<String> applied = new ArrayList<>();
                    for (int n : new int[] {3, 50}) {
                        Limited limited = limiter.apply("SELECT id FROM " + table + " ORDER BY id", n);
                        applied.add(limited.sql());
                        int rows = 0;
                        try (ResultSet rs = statement.executeQuery(limited.sql())) {
                            while (rs.next() && !(limited.stopFetching() && rows >= n)) {
                                rows++;
                            }
                        }
                        if (rows != Math.min(n, 10)) {
                            problems.add(limited.sql() + " returned " + rows + " rows, expected " + Math.min(n, 10));
                        }
                    }
                    return problems.isEmpty() ? pass(String.join(" | ", applied)) : fail(String.join("; ", problems));
                });
            }
        });
    }

    /** Schemas, tables and columns are listed through JDBC metadata, including a table just created. */
    public CheckResult metadata() {
        String table = "dbspec_meta_" + suffix;
        return timed("metadata", "metadata: schemas, tables, columns", () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                return withTable(spec, statement, table, "id INTEGER, name " + spec.columnTypeFor(GenericType.STRING), () -> {
                    DatabaseMetaData meta = connection.getMetaData();
                    int schemas = 0;
                    try (ResultSet rs = meta.getSchemas()) {
                        while (rs.next()) {
                            schemas++;
                        }
                    }
                    String stored = spec.identifierQuoting().normalizeUnquoted(table);
                    boolean found = false;
                    try (ResultSet rs = meta.getTables(null, null, stored, null)) {
                        found = rs.next();
                    }
                    if (!found) {
                        return fail("table " + stored + " not listed by DatabaseMetaData.getTables");
                    }
                    List<String> columns = new ArrayList<>();
                    try (ResultSet rs = meta.getColumns(null, null, stored, null)) {
                        while (rs.next()) {
                            columns.add(rs.getString("COLUMN_NAME"));
                        }
                    }
                    return columns.size() == 2 ? pass(schemas + " schemas; columns of " + stored + ": " + columns)
                            : fail("expected 2 columns of " + stored + ", got " + columns);
                });
            }
        });
    }

    /**
     * The spec's metadata methods ({@link EngineSpec#tables}, {@link EngineSpec#tableDetail},
     * {@link EngineSpec#selectStar}) on the connection's own catalog and schema: a table and a view just created
     * are listed with their types (the view without a comment), the table's columns and primary key (none where {@link EngineSpec#primaryKeys()} is false) are read,
     * and its {@code selectStar} runs.
     */
    public CheckResult specMetadata() {
        String table = "dbspec_md_" + suffix;
        String view = "dbspec_mv_" + suffix;
        return timed("spec-metadata", "metadata through the spec: tables, views, columns, primary key, selectStar", () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                // An engine without key constraints (EngineSpec.primaryKeys() false) must report none.
                String key = spec.primaryKeys() ? " NOT NULL PRIMARY KEY" : "";
                return withTable(spec, statement, table, "id INTEGER" + key + ", name " + spec.columnTypeFor(GenericType.STRING), () -> {
                    statement.execute("CREATE VIEW " + view + " AS SELECT id FROM " + table);
                    try {
                        Optional<String> catalog = Optional.ofNullable(connection.getCatalog());
                        Optional<String> schema = Optional.ofNullable(connection.getSchema());
                        String storedTable = spec.identifierQuoting().normalizeUnquoted(table);
                        String storedView = spec.identifierQuoting().normalizeUnquoted(view);
                        Map<String, TableInfo> listed = new java.util.HashMap<>();
                        spec.tables(connection, catalog, schema).forEach(info -> listed.put(info.name(), info));
                        TableInfo tableInfo = listed.get(storedTable);
                        TableInfo viewInfo = listed.get(storedView);
                        if (tableInfo == null || tableInfo.type() != TableInfo.Type.TABLE || viewInfo == null
                                || viewInfo.type() != TableInfo.Type.VIEW || viewInfo.comment().isPresent()) {
                            return fail("tables(" + catalog.orElse("-") + ", " + schema.orElse("-") + ") listed " + tableInfo + " and " + viewInfo);
                        }
                        TableName name = new TableName(catalog, schema, storedTable);
                        Optional<TableDetail> detail = spec.tableDetail(connection, name);
                        if (detail.isEmpty() || detail.get().columns().size() != 2
                                || !detail.get().primaryKey().equals(spec.primaryKeys() ? List.of(detail.get().columns().get(0).name()) : List.of())) {
                            return fail("tableDetail of " + storedTable + ": " + detail);
                        }
                        String select = spec.selectStar(name, detail.get().columns().stream().map(ColumnInfo::name).toList(), 10);
                        try (ResultSet rs = statement.executeQuery(select)) {
                            if (rs.getMetaData().getColumnCount() != 2) {
                                return fail(select + " returned " + rs.getMetaData().getColumnCount() + " columns");
                            }
                        }
                        return pass(listed.size() + " relations; " + storedTable + " columns " + detail.get().columns().stream()
                                .map(column -> column.name() + " " + column.nativeType() + "/" + column.genericType()).toList()
                                + ", primary key " + detail.get().primaryKey() + "; " + select);
                    } finally {
                        try {
                            statement.execute("DROP VIEW " + view);
                        } catch (SQLException noDropView) {
                            statement.execute("DROP TABLE " + view); // ClickHouse before 20 drops a view as a table
                        }
                    }
                });
            }
        });
    }

    /** When cancel is claimed, a long statement stops within 2 seconds of the request. */
    public CheckResult cancel() {
        if (spec.cancelMethod() == CancelMethod.NONE) {
            return skipped("cancel", "cancel a running statement", "the spec does not claim cancel");
        }
        if (longRunningQuery.isEmpty()) {
            return failed("cancel", "cancel a running statement",
                    "cancel is claimed but the spec declares no longRunningQuery() to prove it", 0);
        }
        return timed("cancel", "cancel a running statement within 2 s", () -> {
            if (spec.cancelMethod() == CancelMethod.JDBC_CANCEL && cancelsItsOwnWay()) {
                // Asked first, on an idle statement of a connection of its own that runs nothing else: a form of URL that the
                // spec's own cancel cannot serve (Derby's network client) is said so before a statement runs that nothing could
                // stop. Only a spec's own cancel is asked: the driver's Statement.cancel refusing is a claim that fails below.
                try (Connection probe = source.open(); Statement idle = probe.createStatement()) {
                    spec.cancel(idle);
                } catch (java.sql.SQLFeatureNotSupportedException unsupported) {
                    return Checks.notCheckable("cancel is claimed, but not on this form of URL: " + firstLine(unsupported.getMessage()));
                }
            }
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                String sessionId = null;
                if (spec.cancelMethod() == CancelMethod.KILL_STATEMENT) {
                    try (ResultSet rs = statement.executeQuery(spec.sessionIdSql().orElseThrow())) {
                        rs.next();
                        sessionId = rs.getString(1);
                    }
                }
                Future<Throwable> running = executor.submit(() -> {
                    try {
                        if (statement.execute(longRunningQuery.get())) {
                            // Streaming drivers (trino-jdbc) return from execute once the columns are known; the
                            // statement runs on while its rows are read.
                            try (ResultSet rs = statement.getResultSet()) {
                                while (rs.next()) {
                                    // drain
                                }
                            }
                        }
                        return null;
                    } catch (SQLException e) {
                        return e;
                    }
                });
                Thread.sleep(300);
                if (running.isDone()) {
                    return fail("the long-running query ended before it could be cancelled: " + running.get());
                }
                long start = System.nanoTime();
                if (spec.cancelMethod() == CancelMethod.JDBC_CANCEL) {
                    spec.cancel(statement);
                } else {
                    try (Connection other = source.open(); Statement kill = other.createStatement()) {
                        kill.execute(spec.killStatementSql().orElseThrow().replace("{id}", sessionId));
                    }
                }
                // The 2 s run from the request: a cancel call that blocks (the spec's own way) spends them too, as a
                // caller (the host's DELETE of a query) waits for it.
                long returned = millisSince(start);
                if (returned > 2_000) {
                    return fail("the cancel request itself took " + returned + " ms to return (at most 2 s)");
                }
                Throwable outcome = running.get(2_000 - returned, TimeUnit.MILLISECONDS);
                long latency = millisSince(start);
                if (!(outcome instanceof SQLException e)) {
                    return fail("the statement completed instead of being cancelled");
                }
                return pass("stopped after " + latency + " ms, the request returned after " + returned + " ms (" + spec.classifyError(e)
                        + ": " + firstLine(e.getMessage()) + ")");
            } catch (java.util.concurrent.TimeoutException e) {
                return fail("still running 2 s after the cancel request");
            } finally {
                executor.shutdownNow();
            }
        });
    }

    /** Whether the spec overrides {@link EngineSpec#cancel(Statement)} rather than leaving it to the driver's Statement.cancel. */
    private boolean cancelsItsOwnWay() {
        try {
            return spec.getClass().getMethod("cancel", Statement.class).getDeclaringClass() != EngineSpec.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------

    /** Reads a wall-clock date-time without the JVM time zone: text is parsed, else asked for as LocalDateTime. */
    public static LocalDateTime readDateTime(ResultSet rs, int index) throws SQLException {
        Object raw = rs.getObject(index);
        if (raw == null || raw instanceof CharSequence) {
            return TemporalValues.toLocalDateTime(raw);
        }
        try {
            LocalDateTime value = rs.getObject(index, LocalDateTime.class);
            if (value != null) {
                return value;
            }
        } catch (SQLException | RuntimeException ignored) {
            // the driver cannot convert; fall back to the raw value
        }
        return TemporalValues.toLocalDateTime(raw);
    }

    /** Reads an instant (for values with a time zone). */
    public static Instant readInstant(ResultSet rs, int index) throws SQLException {
        Object raw = rs.getObject(index);
        if (!(raw instanceof CharSequence)) {
            try {
                OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
                if (value != null) {
                    return value.toInstant();
                }
            } catch (SQLException | RuntimeException ignored) {
                // fall back to the raw value
            }
        }
        return TemporalValues.toLocalDateTime(raw).toInstant(ZoneOffset.UTC);
    }
}
