package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.SupersetGrainCorpusTest.Listed;
import dev.dbspec.host.SupersetGrainCorpusTest.Outcome;
import dev.dbspec.testdb.Deviations;
import dev.dbspec.testdb.SharedCorpus;
import dev.dbspec.testdb.TemporalValues;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import dev.dbspec.testdb.TimeGrainFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves every {@code equivalent} entry of {@code superset-grain-differences.tsv} by executing both
 * texts, dbspec's and Superset's, on a live engine: a grain's two templates must give the same value
 * for every {@link TimeGrainFixture} timestamp; a literal's two texts must order every fixture value
 * (plus the corpus value and its neighbours) the same way, so any filter built on them selects the
 * same rows. An entry whose engine is not reachable is skipped (or fails when CI names the engine in
 * {@code DBSPEC_TESTDB_REQUIRE}); the corpus test refuses {@code equivalent} for engines outside
 * {@link #LIVE_ENGINES}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupersetEquivalentsLiveTest {
    /** Engines that run here (local services, embedded, or Firebird from .ci/start-firebird). */
    static final Set<String> LIVE_ENGINES = Set.of("postgresql", "mysql", "mariadb", "h2", "duckdb", "sqlite", "hsqldb", "derby", "firebird");

    @TempDir
    static Path plugins;

    private DbspecHost host;
    private JsonNode cases;

    @BeforeAll
    void load() throws IOException {
        Path corpus = SharedCorpus.require();
        cases = new ObjectMapper().readTree(corpus.resolve("superset").resolve("cases.json").toFile());
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void close() {
        if (host != null) {
            host.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEquivalentEntryGivesTheSameResultsOnALiveEngine() throws Exception {
        Map<String, Outcome> outcomes = SupersetGrainCorpusTest.outcomes(host, cases, new ArrayList<>()).stream()
                .collect(Collectors.toMap(o -> o.engine() + "\t" + o.key(), Function.identity()));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Listed> entry : SupersetGrainCorpusTest.readDifferences().entrySet()) {
            if (!entry.getValue().category().equals(Deviations.Category.EQUIVALENT.id())) {
                continue;
            }
            Outcome outcome = outcomes.get(entry.getKey());
            assertThat(outcome).as("equivalent entry matches a corpus case: %s", entry.getKey()).isNotNull();
            tests.add(DynamicTest.dynamicTest(entry.getKey().replace('\t', ' '), () -> prove(outcome)));
        }
        assertThat(tests).as("equivalent entries to prove").isNotEmpty();
        return tests.stream();
    }

    private void prove(Outcome outcome) throws SQLException {
        EngineSpec spec = host.registry().resolve(outcome.engine());
        TestDatabase database = TestDatabases.require(outcome.engine());
        JsonNode c = outcome.corpusCase();
        try (Connection connection = database.connect(spec)) {
            if (c.get("kind").asText().equals("time_grain")) {
                proveGrain(connection, outcome);
            } else {
                sessionInADaylightSavingZone(connection, outcome.engine());
                proveLiteral(connection, spec, outcome);
            }
        }
    }

    /** Both templates over every fixture timestamp: the same value for each. */
    private void proveGrain(Connection connection, Outcome outcome) throws SQLException {
        JsonNode c = outcome.corpusCase();
        assertThat(c.hasNonNull("input_dttm")).as("value expectations are compared by the corpus test").isFalse();
        String column = c.hasNonNull("column") ? c.get("column").asText() : "{col}";
        assertThat(column).as("plain column name").matches("[A-Za-z_][A-Za-z0-9_]*");
        String ours = outcome.dbspecSql();
        String theirs = c.get("expected").asText();
        List<String> differences = new ArrayList<>();
        int[] rows = {0};
        withTable(connection, column, timestampType(outcome.engine()), TimeGrainFixture.values(), table -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT " + column + ", " + ours + ", " + theirs + " FROM " + table)) {
                while (rs.next()) {
                    rows[0]++;
                    LocalDateTime dbspec = TemporalValues.toLocalDateTime(rs.getObject(2));
                    LocalDateTime superset = TemporalValues.toLocalDateTime(rs.getObject(3));
                    if (!dbspec.equals(superset)) {
                        differences.add(rs.getObject(1) + ": dbspec " + dbspec + ", Superset " + superset);
                    }
                }
            }
        });
        assertThat(rows[0]).as("fixture rows read back").isEqualTo(TimeGrainFixture.values().size());
        assertThat(differences).as("%s on %s: dbspec %s vs Superset %s", outcome.key(), outcome.engine(), ours, theirs).isEmpty();
    }

    /**
     * Both literals for every fixture value (Superset's text re-rendered for the value: its date, time
     * and fraction digits replaced) against every fixture value and its neighbours (100 µs, a second and
     * an hour either side, both midnights): the same order (<, =, >) for each row, so any filter built on
     * either literal selects the same rows.
     */
    private void proveLiteral(Connection connection, EngineSpec spec, Outcome outcome) throws SQLException {
        JsonNode c = outcome.corpusCase();
        String supersetType = c.get("sql").asText();
        String type = supersetType.toUpperCase(Locale.ROOT);
        LocalDateTime corpusValue = LocalDateTime.parse(c.get("dttm").asText());
        String theirs = c.get("expected").asText();
        assertThat(reRender(theirs, corpusValue, corpusValue)).as("re-rendering Superset's literal for its own value").isEqualTo(theirs);
        List<LocalDateTime> literalValues = new ArrayList<>(TimeGrainFixture.values());
        literalValues.add(corpusValue);
        List<LocalDateTime> rows = new ArrayList<>();
        for (LocalDateTime v : literalValues) {
            rows.addAll(List.of(v, v.minusNanos(100_000), v.plusNanos(100_000), v.minusSeconds(1), v.plusSeconds(1),
                    v.minusHours(1), v.plusHours(1), v.toLocalDate().atStartOfDay(), v.toLocalDate().plusDays(1).atStartOfDay()));
        }
        String columnType = type.equals("DATE") ? "DATE" : type.equals("TIME") ? "TIME" : timestampType(outcome.engine());
        List<String> differences = new ArrayList<>();
        int[] equalRows = {0};
        withTable(connection, "v", columnType, rows, table -> {
            for (LocalDateTime value : literalValues) {
                String ours = spec.datetimeLiteral(supersetType, value).orElseThrow();
                String supersets = reRender(theirs, corpusValue, value);
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT v, " + order(ours) + ", " + order(supersets) + " FROM " + table)) {
                    while (rs.next()) {
                        int dbspec = rs.getInt(2);
                        int superset = rs.getInt(3);
                        equalRows[0] += dbspec == 0 ? 1 : 0;
                        if (dbspec != superset) {
                            differences.add("row " + rs.getObject(1) + " vs dbspec " + ours + ": " + dbspec + ", Superset " + supersets + ": " + superset);
                        }
                    }
                }
            }
        });
        // Every literal value is a row, so literals that select nothing would prove nothing.
        assertThat(equalRows[0]).as("rows equal to dbspec's literals").isGreaterThanOrEqualTo(literalValues.size());
        assertThat(differences).as("%s on %s (-1 <, 0 =, 1 >)", outcome.key(), outcome.engine()).isEmpty();
    }

    /**
     * Superset's literal for {@code value}: the corpus value's date, its time to the second and its
     * fraction digits (as many as Superset wrote) replaced by those of {@code value}.
     */
    static String reRender(String supersetLiteral, LocalDateTime corpusValue, LocalDateTime value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})|(\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?").matcher(supersetLiteral);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                assertThat(m.group(1)).as("date in " + supersetLiteral).isEqualTo(corpusValue.toLocalDate().toString());
                replacement = value.toLocalDate().toString();
            } else {
                replacement = String.format(Locale.ROOT, "%02d:%02d:%02d", value.getHour(), value.getMinute(), value.getSecond());
                if (m.group(3) != null) {
                    int digits = m.group(3).length() - 1;
                    replacement += "." + String.format(Locale.ROOT, "%09d", value.getNano()).substring(0, digits);
                }
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * PostgreSQL compares a TIMESTAMP column with a TIMESTAMP WITH TIME ZONE value in the session zone;
     * a zone with DST gaps makes such a difference show (the other live engines have no session zone
     * that takes part in these comparisons).
     */
    private static void sessionInADaylightSavingZone(Connection connection, String engine) throws SQLException {
        if (engine.equals("postgresql")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE 'America/New_York'");
            }
        }
    }

    private static String order(String literal) {
        return "CASE WHEN v < " + literal + " THEN -1 WHEN v = " + literal + " THEN 0 WHEN v > " + literal + " THEN 1 END";
    }

    private static String timestampType(String engine) {
        return engine.equals("mysql") || engine.equals("mariadb") ? "DATETIME(6)" : "TIMESTAMP";
    }

    private interface TableUse {
        void accept(String table) throws SQLException;
    }

    /** A fresh table with one column holding {@code values} (as the column's type), dropped afterwards. */
    private static void withTable(Connection connection, String column, String type, List<LocalDateTime> values, TableUse use)
            throws SQLException {
        String table = "wtj_eq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (" + column + " " + type + ")");
        }
        try {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
                for (LocalDateTime value : values.stream().distinct().toList()) {
                    insert.setObject(1, switch (type) {
                        case "DATE" -> value.toLocalDate();
                        case "TIME" -> value.toLocalTime();
                        default -> value;
                    });
                    insert.executeUpdate();
                }
            }
            use.accept(table);
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + table);
            }
        }
    }
}
