package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.Deviations;
import dev.dbspec.testdb.SharedCorpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Superset's own expectations for time grains and datetime literals ({@code time_grain} and
 * {@code convert_dttm} in ../shared/corpus/superset/cases.json) against every engine dbspec has.
 * Templates are compared after normalising whitespace and the case of everything outside string
 * literals; value expectations (SQLite) are compared by executing dbspec's template on the engine.
 * Every disagreement of every engine dbspec has must be listed in {@code superset-grain-differences.tsv}
 * with a category, the fingerprint of dbspec's answer and a reason ({@link Deviations}): a listed case
 * that now agrees or matches no case fails as an orphan, a changed answer fails until its reason is
 * revisited. Every engine has a floor in {@code superset-grain-floors.tsv}: agreeing cases plus
 * {@code equivalent} entries (proven live by {@link SupersetEquivalentsLiveTest}) over compared cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupersetGrainCorpusTest {
    private static final String DIFFERENCES = "superset-grain-differences.tsv";
    private static final String FLOORS = "superset-grain-floors.tsv";

    @TempDir
    static Path plugins;

    private DbspecHost host;
    private JsonNode cases;

    /** One compared case; {@code dbspecSql} is dbspec's answer (template, rendered template or literal), null when it has none. */
    record Outcome(String engine, String key, boolean agrees, String detail, String dbspecSql, JsonNode corpusCase) {
        Outcome withKey(String newKey) {
            return new Outcome(engine, newKey, agrees, detail, dbspecSql, corpusCase);
        }
    }

    /** A line of the differences file: why dbspec differs, in which category, for which answer of dbspec's. */
    record Listed(String category, String fingerprint, String reason, String line) {
    }

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

    @Test
    void grainsAndLiteralsAgreeWithSupersetOrAreListedDifferences() throws Exception {
        List<String> skippedEngines = new ArrayList<>();
        List<Outcome> outcomes = outcomes(host, cases, skippedEngines);
        Map<String, Listed> listed = readDifferences();
        Map<String, Double> floors = readFloors();
        List<String> unlisted = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> badEntries = new ArrayList<>();
        // per engine: agreeing, proven equivalent (listed as equivalent), compared
        Map<String, int[]> perEngine = new TreeMap<>();
        java.util.Set<String> compared = new java.util.HashSet<>();
        for (Outcome outcome : outcomes) {
            int[] counts = perEngine.computeIfAbsent(outcome.engine(), e -> new int[3]);
            counts[2]++;
            String key = outcome.engine() + "\t" + outcome.key();
            compared.add(key);
            Listed entry = listed.get(key);
            if (outcome.agrees()) {
                counts[0]++;
                if (entry != null) {
                    stale.add(key + "   (agrees now)");
                }
            } else if (entry == null) {
                unlisted.add(key + "\t<category>\t" + Deviations.fingerprint(outcome.dbspecSql()) + "\t<reason>    # " + outcome.detail());
            } else {
                Deviations.problems(entry.category(), entry.fingerprint(), entry.reason(), outcome.dbspecSql())
                        .forEach(problem -> badEntries.add(key + ": " + problem));
                if (entry.category().equals(Deviations.Category.EQUIVALENT.id())) {
                    counts[1]++;
                    if (!SupersetEquivalentsLiveTest.LIVE_ENGINES.contains(outcome.engine())) {
                        badEntries.add(key + ": equivalent, but " + outcome.engine() + " is not an engine SupersetEquivalentsLiveTest can run;"
                                + " categorise it honestly (adopt-superset if the texts should give the same result)");
                    }
                }
            }
        }
        // A listed case that matches no compared case (renamed engine, changed corpus, typo) is an orphan.
        listed.keySet().stream().filter(key -> !compared.contains(key)).forEach(key -> stale.add(key + "   (no such case)"));
        StringBuilder report = new StringBuilder("agreement with Superset per engine (agreeing + proven equivalent / compared):\n");
        perEngine.forEach((engine, counts) -> report.append(String.format(java.util.Locale.ROOT, "  %-14s %3d + %2d /%3d = %5.1f%%   (floor %s)%n",
                engine, counts[0], counts[1], counts[2], agreement(counts), floors.containsKey(engine) ? floors.get(engine) + " %" : "none")));
        report.append("engines dbspec does not have: ").append(new java.util.TreeSet<>(skippedEngines)).append('\n');
        System.out.println(report);
        // Every list at once, so one run shows every line to add, fix and remove.
        org.assertj.core.api.SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(unlisted).as("disagreements not listed in " + DIFFERENCES + "\n" + report).isEmpty();
            softly.assertThat(stale).as("listed in " + DIFFERENCES + " but now agreeing or not compared (orphans)").isEmpty();
            softly.assertThat(badEntries).as("entries of " + DIFFERENCES + " whose category, fingerprint or reason is wrong").isEmpty();
            softly.assertThat(floors.keySet()).as("every compared engine has a floor in " + FLOORS).containsAll(perEngine.keySet());
            softly.assertThat(perEngine.keySet()).as("every engine with a floor in " + FLOORS + " is compared").containsAll(floors.keySet());
            perEngine.forEach((engine, counts) -> {
                if (floors.containsKey(engine)) {
                    softly.assertThat(agreement(counts)).as("agreement for %s\n%s", engine, report)
                            .isGreaterThanOrEqualTo(floors.get(engine) - 0.05);
                }
            });
        });
        assertThat(perEngine).as("engines compared").containsKeys("postgresql", "sqlite");
    }

    /**
     * Every time_grain and convert_dttm case of an engine dbspec has, compared; the Superset engines
     * dbspec does not have are added to {@code skippedEngines}.
     */
    static List<Outcome> outcomes(DbspecHost host, JsonNode cases, List<String> skippedEngines) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (JsonNode c : cases) {
            String kind = c.get("kind").asText();
            if (!kind.equals("time_grain") && !kind.equals("convert_dttm")) {
                continue;
            }
            String engine = supersetEngine(c);
            Optional<EngineSpec> spec = resolve(host, engine);
            if (spec.isEmpty()) {
                skippedEngines.add(engine);
                continue;
            }
            outcomes.add(kind.equals("time_grain") ? grain(spec.get(), c) : literal(spec.get(), c));
            sources.add(c.get("source_file").asText());
        }
        return distinguishCollidingKeys(outcomes, sources);
    }

    /** Agreeing and proven-equivalent cases as a percentage of the compared ones. */
    private static double agreement(int[] counts) {
        return 100.0 * (counts[0] + counts[1]) / counts[2];
    }

    /**
     * Several corpus cases can share engine, kind and input: a spec's template and the unit test that
     * renders it, or two Superset specs mapped to one dbspec engine (Superset's SparkEngineSpec also
     * calls itself "hive"). So that each case gets its own line in the differences file, the input of
     * such cases is suffixed with the case's origin, e.g. {@code P1W [spark.py::SparkEngineSpec._time_grain_expressions]}.
     */
    private static List<Outcome> distinguishCollidingKeys(List<Outcome> outcomes, List<String> sources) {
        Map<String, Integer> uses = new java.util.HashMap<>();
        outcomes.forEach(o -> uses.merge(o.engine() + "\t" + o.key(), 1, Integer::sum));
        List<Outcome> distinct = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            String source = sources.get(i);
            distinct.add(uses.get(o.engine() + "\t" + o.key()) == 1 ? o
                    : o.withKey(o.key() + " [" + origin(source) + "]"));
        }
        Map<String, Integer> after = new java.util.HashMap<>();
        distinct.forEach(o -> after.merge(o.engine() + "\t" + o.key(), 1, Integer::sum));
        after.forEach((key, n) -> assertThat(n).as("corpus cases that cannot be told apart: " + key).isEqualTo(1));
        return distinct;
    }

    /** {@code tests/unit_tests/db_engine_specs/test_trino.py::test_timegrain_expressions} becomes {@code test_trino.py::test_timegrain_expressions}. */
    private static String origin(String sourceFile) {
        int split = sourceFile.indexOf("::");
        String file = split < 0 ? sourceFile : sourceFile.substring(0, split);
        return file.substring(file.lastIndexOf('/') + 1) + (split < 0 ? "" : sourceFile.substring(split));
    }

    /**
     * The Superset engine a case belongs to. Superset's SparkEngineSpec registers itself under the engine
     * name {@code hive}; its cases are compared with dbspec's spark plugin, not the Hive one.
     */
    private static String supersetEngine(JsonNode c) {
        String specClass = c.path("spec_class").asText("");
        String source = c.path("source_file").asText("");
        if (specClass.equals("SparkEngineSpec") || source.contains("spark.py::SparkEngineSpec")) {
            return "spark";
        }
        return c.get("engine").asText();
    }

    private static Optional<EngineSpec> resolve(DbspecHost host, String supersetEngine) {
        try {
            return Optional.of(host.registry().resolve(supersetEngine));
        } catch (UnknownEngineException e) {
            return Optional.empty();
        }
    }

    private static Outcome grain(EngineSpec spec, JsonNode c) throws SQLException {
        String iso = c.get("sql").isNull() ? null : c.get("sql").asText();
        String expected = c.get("expected").asText();
        String column = c.hasNonNull("column") ? c.get("column").asText() : "{col}";
        String key = "time_grain\t" + iso + (c.hasNonNull("input_dttm") ? " @ " + c.get("input_dttm").asText() : "");
        if (iso == null) {
            // No grain: the column itself, as in Superset.
            return new Outcome(spec.id(), key, expected.equals(column), "no grain", column, c);
        }
        Optional<String> template = TimeGrain.find(iso).flatMap(spec::timeGrainExpression);
        if (template.isEmpty()) {
            return new Outcome(spec.id(), key, false, "dbspec does not claim " + iso + "; Superset: " + expected, null, c);
        }
        if (c.hasNonNull("input_dttm")) {
            String actual = evaluate(spec, template.get(), c.get("input_dttm").asText());
            return new Outcome(spec.id(), key, expected.equals(actual), "dbspec gives " + actual + ", Superset " + expected, template.get(), c);
        }
        String ours = template.get().replace("{col}", column);
        return new Outcome(spec.id(), key, normalize(ours).equals(normalize(expected)), "dbspec: " + ours + " | Superset: " + expected, ours, c);
    }

    private static Outcome literal(EngineSpec spec, JsonNode c) {
        String type = c.get("sql").asText();
        String dttm = c.get("dttm").asText();
        TemporalAccessor value = dttm.matches(".*([+-]\\d\\d:\\d\\d|Z)$") ? OffsetDateTime.parse(dttm) : LocalDateTime.parse(dttm);
        String expected = c.get("expected").isNull() ? null : c.get("expected").asText();
        String actual = spec.datetimeLiteral(type, value).orElse(null);
        String key = "convert_dttm\t" + type + " @ " + dttm + (c.hasNonNull("db_extra") ? " " + c.get("db_extra") : "");
        boolean agrees = expected == null ? actual == null : actual != null && normalize(actual).equals(normalize(expected));
        return new Outcome(spec.id(), key, agrees, "dbspec: " + actual + " | Superset: " + expected, actual, c);
    }

    /** Runs the template on the engine over a literal input value and returns the result as text. */
    private static String evaluate(EngineSpec spec, String template, String input) throws SQLException {
        String url = spec.id().equals("sqlite") ? "jdbc:sqlite::memory:" : null;
        Objects.requireNonNull(url, "value expectations are only known for SQLite, got " + spec.id());
        String literal = "'" + input.replace("'", "''") + "'";
        try (Connection connection = Connections.open(spec, url, new Properties());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + template.replace("{col}", literal))) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Collapses whitespace, drops it next to parentheses and commas, upper-cases outside '...' literals. */
    static String normalize(String sql) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                inString = !inString;
                out.append(ch);
            } else if (inString) {
                out.append(ch);
            } else if (Character.isWhitespace(ch)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(Character.toUpperCase(ch));
            }
        }
        return out.toString().trim().replaceAll(" ?([(),]) ?", "$1");
    }

    /** The lines of a test resource that are neither blank nor {@code #} comments, as written. */
    private static List<String> contentLines(String resource) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(SupersetGrainCorpusTest.class.getResourceAsStream("/" + resource), resource),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static List<String> readLines(String resource) throws IOException {
        return contentLines(resource).stream().map(String::trim).toList();
    }

    /** The differences file: engine, kind, input, category, fingerprint of dbspec's answer, reason. */
    static Map<String, Listed> readDifferences() throws IOException {
        Map<String, Listed> differences = new LinkedHashMap<>();
        for (String line : contentLines(DIFFERENCES)) {
            String[] parts = line.split("\t");
            assertThat(parts.length).as("engine<TAB>kind<TAB>input<TAB>category<TAB>fingerprint<TAB>reason: " + line).isEqualTo(6);
            Listed previous = differences.put(parts[0] + "\t" + parts[1] + "\t" + parts[2], new Listed(parts[3], parts[4], parts[5], line));
            assertThat(previous).as("listed twice: " + line).isNull();
        }
        return differences;
    }

    /** The floors file: engine, the least agreement in percent (agreeing plus proven equivalents). */
    private static Map<String, Double> readFloors() throws IOException {
        Map<String, Double> floors = new TreeMap<>();
        for (String line : readLines(FLOORS)) {
            String[] parts = line.split("\t");
            assertThat(parts.length).as("engine<TAB>floor percent: " + line).isEqualTo(2);
            assertThat(floors.put(parts[0], Double.parseDouble(parts[1]))).as("floor listed twice: " + line).isNull();
        }
        return floors;
    }

}
