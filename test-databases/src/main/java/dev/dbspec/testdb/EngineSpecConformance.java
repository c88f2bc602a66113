package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit: extend it in a connector's tests with one engine spec, and every claim the spec
 * makes is checked, statically and against the live engine from {@link #database()}.
 *
 * <pre>{@code
 * class H2ConformanceTest extends EngineSpecConformance {
 *     @Override protected EngineSpec spec() { return new H2EngineSpec(); }
 * }
 * }</pre>
 *
 * <p>Live checks: connecting through the spec's own driver; every claimed time grain executed over
 * {@link TimeGrainFixture} and compared with {@link TimeGrain#truncate}; every declared datetime literal
 * read back unchanged; epoch seconds and milliseconds converted to the right instant. Temporary tables
 * are dropped even when a check fails.
 */
public abstract class EngineSpecConformance extends EngineSpecContract {

    /** The live database; by default found by {@link TestDatabases#require(String)} for the spec's id. */
    protected TestDatabase database() {
        return TestDatabases.require(spec().id());
    }

    /** Column type used to store the fixture timestamps (engines without a timestamp type override it). */
    protected String timestampColumnType() {
        return "TIMESTAMP";
    }

    // ---- live checks ------------------------------------------------------------------------

    @Test
    void connectsThroughItsOwnDriver() throws SQLException {
        try (Connection connection = database().connect(spec());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyClaimedGrainMatchesJavaTime() throws SQLException {
        EngineSpec spec = spec();
        TestDatabase database = database();
        List<LocalDateTime> values = TimeGrainFixture.values();
        String table = "dbspec_grains_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<TimeGrain, List<String>> mismatches = new java.util.EnumMap<>(TimeGrain.class);
        try (Connection connection = database.connect(spec); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id INTEGER, ts " + timestampColumnType() + ")");
            try {
                for (int i = 0; i < values.size(); i++) {
                    String literal = spec.datetimeLiteral(TemporalType.TIMESTAMP, values.get(i))
                            .orElseThrow(() -> new AssertionError(spec.id() + " declares no TIMESTAMP literal"));
                    statement.execute("INSERT INTO " + table + " (id, ts) VALUES (" + i + ", " + literal + ")");
                }
                for (Map.Entry<TimeGrain, String> entry : spec.timeGrainExpressions().entrySet()) {
                    TimeGrain grain = entry.getKey();
                    List<String> problems = new ArrayList<>();
                    String sql = "SELECT id, " + spec.timeGrainSql(grain, "ts") + " FROM " + table + " ORDER BY id";
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        while (rs.next()) {
                            LocalDateTime input = values.get(rs.getInt(1));
                            LocalDateTime expected = grain.truncate(input);
                            LocalDateTime actual = readDateTime(rs, 2);
                            if (!expected.equals(actual)) {
                                problems.add(input + " -> " + actual + ", expected " + expected);
                            }
                        }
                    } catch (SQLException | RuntimeException e) {
                        problems.add("query failed: " + e.getMessage() + "\n  SQL: " + sql);
                    }
                    mismatches.put(grain, problems);
                }
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }
        return mismatches.entrySet().stream().map(entry -> dynamicTest(entry.getKey().iso() + " " + entry.getKey().displayName(), () ->
                assertThat(entry.getValue())
                        .as("%s grain %s = %s", spec.id(), entry.getKey().iso(), spec.timeGrainExpressions().get(entry.getKey()))
                        .isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> datetimeLiteralsRoundTrip() {
        LocalDateTime timestamp = LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_000_000);
        Map<TemporalType, TemporalAccessor> samples = Map.of(
                TemporalType.DATE, LocalDate.of(2019, 1, 2),
                TemporalType.TIME, LocalTime.of(3, 4, 5),
                TemporalType.TIMESTAMP, timestamp,
                TemporalType.TIMESTAMP_WITH_TIME_ZONE, OffsetDateTime.of(timestamp, ZoneOffset.ofHours(2)));
        EngineSpec spec = spec();
        return Stream.of(TemporalType.values())
                .filter(type -> spec.datetimeLiterals().supports(type))
                .map(type -> dynamicTest(type.name(), () -> {
                    String literal = spec.datetimeLiteral(type, samples.get(type)).orElseThrow();
                    try (Connection connection = database().connect(spec);
                         Statement statement = connection.createStatement();
                         ResultSet rs = statement.executeQuery("SELECT " + literal)) {
                        assertThat(rs.next()).isTrue();
                        switch (type) {
                            case DATE -> assertThat(readDateTime(rs, 1).toLocalDate()).as(literal).isEqualTo(samples.get(type));
                            case TIME -> assertThat(TemporalValues.toLocalTime(rs.getObject(1))).as(literal).isEqualTo(samples.get(type));
                            case TIMESTAMP -> assertThat(readDateTime(rs, 1)).as(literal).isEqualTo(timestamp);
                            case TIMESTAMP_WITH_TIME_ZONE -> assertThat(readInstant(rs, 1)).as(literal)
                                    .isEqualTo(OffsetDateTime.of(timestamp, ZoneOffset.ofHours(2)).toInstant());
                        }
                    }
                }));
    }

    @Test
    void epochConversionsGiveTheRightInstant() throws SQLException {
        EngineSpec spec = spec();
        try (Connection connection = database().connect(spec); Statement statement = connection.createStatement()) {
            if (spec.epochSecondsToDatetime().isPresent()) {
                for (long seconds : new long[] {1_700_000_000L, 0L, -86_400L}) {
                    String sql = "SELECT " + spec.epochSecondsToDatetime().get().replace("{col}", Long.toString(seconds));
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        assertThat(rs.next()).isTrue();
                        assertThat(readDateTime(rs, 1)).as(sql).isEqualTo(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
                    }
                }
            }
            if (spec.epochMillisToDatetime().isPresent()) {
                long millis = 1_700_000_000_123L;
                String sql = "SELECT " + spec.epochMillisToDatetime().get().replace("{col}", Long.toString(millis));
                try (ResultSet rs = statement.executeQuery(sql)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(readDateTime(rs, 1)).as(sql).isEqualTo(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
                }
            }
        }
    }

    @Test
    void errorsMapToTheirCategories() throws SQLException {
        EngineSpec spec = spec();
        try (Connection connection = database().connect(spec); Statement statement = connection.createStatement()) {
            assertThat(categoryOf(spec, statement, "SELEC 1 FROM nowhere")).as("syntax error").isEqualTo(ErrorCategory.SYNTAX);
            assertThat(categoryOf(spec, statement, "SELECT * FROM dbspec_no_such_table_" + UUID.randomUUID().toString().substring(0, 8)))
                    .as("missing table").isEqualTo(ErrorCategory.MISSING_TABLE);
        }
    }

    private static ErrorCategory categoryOf(EngineSpec spec, Statement statement, String sql) {
        try {
            statement.execute(sql);
        } catch (SQLException e) {
            return spec.classifyError(e);
        }
        throw new AssertionError("expected an error from: " + sql);
    }

    /**
     * Native column types (as written in DDL) and the generic type each must map to; the kit creates a
     * table with these columns and checks {@code ResultSetMetaData.getColumnTypeName}. Empty skips.
     */
    protected Map<String, GenericType> typeSamples() {
        return Map.of();
    }

    @Test
    void columnTypesMapToGenericTypes() throws SQLException {
        Map<String, GenericType> samples = new java.util.LinkedHashMap<>(typeSamples());
        org.junit.jupiter.api.Assumptions.assumeFalse(samples.isEmpty(), "no typeSamples() declared");
        EngineSpec spec = spec();
        String table = "dbspec_types_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<String> columns = new ArrayList<>();
        int i = 0;
        for (String type : samples.keySet()) {
            columns.add("c" + i++ + " " + type);
        }
        List<String> problems = new ArrayList<>();
        try (Connection connection = database().connect(spec); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (" + String.join(", ", columns) + ")");
            try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                int column = 1;
                for (Map.Entry<String, GenericType> sample : samples.entrySet()) {
                    String reported = meta.getColumnTypeName(column++);
                    GenericType actual = spec.genericType(reported);
                    if (actual != sample.getValue()) {
                        problems.add(sample.getKey() + " (reported as " + reported + ") -> " + actual + ", expected " + sample.getValue());
                    }
                }
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }
        assertThat(problems).as(spec.id() + " type mapping").isEmpty();
    }

    /** A statement that runs for many seconds, used to check cancellation; empty skips the check. */
    protected java.util.Optional<String> longRunningQuery() {
        return java.util.Optional.empty();
    }

    @Test
    void cancelStopsALongStatementWithinTwoSeconds() throws Exception {
        EngineSpec spec = spec();
        org.junit.jupiter.api.Assumptions.assumeTrue(spec.cancelMethod() != CancelMethod.NONE, "spec does not claim cancel");
        String sql = longRunningQuery().orElseThrow(() ->
                new AssertionError(spec.id() + " claims cancel: override longRunningQuery() so the kit can check it"));
        try (Connection connection = database().connect(spec); Statement statement = connection.createStatement()) {
            String sessionId = null;
            if (spec.cancelMethod() == CancelMethod.KILL_STATEMENT) {
                try (ResultSet rs = statement.executeQuery(spec.sessionIdSql().orElseThrow())) {
                    rs.next();
                    sessionId = rs.getString(1);
                }
            }
            java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<Throwable> running = executor.submit(() -> {
                    try {
                        statement.execute(sql);
                        return null;
                    } catch (SQLException e) {
                        return e;
                    }
                });
                Thread.sleep(300);
                long start = System.nanoTime();
                if (spec.cancelMethod() == CancelMethod.JDBC_CANCEL) {
                    statement.cancel();
                } else {
                    try (Connection other = database().connect(spec); Statement kill = other.createStatement()) {
                        kill.execute(spec.killStatementSql().orElseThrow().replace("{id}", sessionId));
                    }
                }
                Throwable outcome = running.get(2, java.util.concurrent.TimeUnit.SECONDS);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(outcome).as("the statement ends with an error once cancelled").isInstanceOf(SQLException.class);
                assertThat(millis).as("cancel latency in ms").isLessThan(2000);
            } finally {
                executor.shutdownNow();
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /**
     * Reads column {@code index} as a wall-clock date-time, avoiding the JVM time zone: text is parsed,
     * other values are asked for as {@link LocalDateTime} first.
     */
    protected static LocalDateTime readDateTime(ResultSet rs, int index) throws SQLException {
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
            // driver cannot convert; fall back to the raw value
        }
        return TemporalValues.toLocalDateTime(raw);
    }

    /** Reads column {@code index} as an instant (for values with a time zone). */
    protected static Instant readInstant(ResultSet rs, int index) throws SQLException {
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
