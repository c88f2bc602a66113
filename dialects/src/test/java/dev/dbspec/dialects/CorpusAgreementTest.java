package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.IdentifierQuoting.IdentifierCase;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.testdb.Deviations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agreement with Apache Superset's own expectations ({@code superset/cases.json}) for the kinds
 * apply_limit, get_limit, is_select, is_mutating and tables. Every case where dbspec answers
 * differently must be listed in {@code corpus/deviations.json} with a category, the fingerprint of
 * dbspec's answer and a reason ({@link Deviations}); a listed case that agrees again, or an entry no
 * disagreeing case matches (an orphan), fails the test (the list stays exact). Where cases.json keeps a legacy (S24) answer that
 * Superset's current tests replaced with a parse error, the listed case names that test
 * ({@code superset_current}) and counts as agreeing only if dbspec raises at the same position.
 * Agreement is printed, written to {@code target/corpus-agreement.txt} and held at {@link #MINIMUM}.
 *
 * <p>apply_limit answers are compared after normalisation (comments dropped, whitespace collapsed,
 * keywords upper-cased, Teradata's {@code SEL} spelled {@code SELECT}, {@code LIMIT m, n} spelled
 * {@code LIMIT n OFFSET m}, trailing {@code ;} dropped), since S25
 * answers are re-rendered by sqlglot.
 * Table names are compared ignoring case: dbspec applies each engine's case rule to unquoted names,
 * Superset keeps them as written.
 */
class CorpusAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<CorpusCase> cases;
    private static Map<String, DialectConfig> engines;
    private static Map<String, String> skipped;
    private static List<JsonNode> deviations;

    @BeforeAll
    static void load() throws IOException {
        Path file = Corpus.root().resolve("superset").resolve("cases.json");
        JsonNode root = JSON.readTree(file.toFile());
        cases = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            cases.add(CorpusCase.of(i, root.get(i)));
        }
        engines = new HashMap<>();
        skipped = new HashMap<>();
        for (String line : resource("corpus/engines.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f[1].equals("SKIP")) {
                skipped.put(f[0], f[2]);
                continue;
            }
            engines.put(f[0], new DialectConfig(f[0], SqlFamily.valueOf(f[1]), LimitMethod.FORCE_LIMIT,
                    LimitSyntax.valueOf(f[2]), new IdentifierQuoting("\"", "\"", IdentifierCase.valueOf(f[3]))));
        }
        deviations = new ArrayList<>();
        JSON.readTree(resource("corpus/deviations.json")).forEach(deviations::add);
    }

    private static String resource(String name) {
        try (InputStream in = CorpusAgreementTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void applyLimit() {
        check("apply_limit", (pipeline, c) -> {
            String expected = c.expected().asText();
            String actual = pipeline(c).applyLimit(c.sql(), c.limit(), Boolean.TRUE.equals(c.force())).sql();
            return normalize(actual, pipeline(c)).equals(normalize(expected, pipeline(c))) ? null : actual;
        });
    }

    @Test
    void getLimit() {
        check("get_limit", (pipeline, c) -> {
            OptionalLong actual = pipeline.getLimit(c.sql());
            OptionalLong expected = c.expected().isNumber() ? OptionalLong.of(c.expected().asLong()) : OptionalLong.empty();
            return actual.equals(expected) ? null : String.valueOf(actual);
        });
    }

    @Test
    void isSelect() {
        check("is_select", (pipeline, c) -> {
            boolean actual = pipeline.isReadOnly(c.sql()) && pipeline.classify(c.sql()).contains(StatementKind.QUERY);
            return actual == c.expected().asBoolean() ? null : String.valueOf(actual);
        });
    }

    @Test
    void isMutating() {
        check("is_mutating", (pipeline, c) -> {
            boolean actual = pipeline.isMutating(c.sql());
            return actual == c.expected().asBoolean() ? null : String.valueOf(actual);
        });
    }

    @Test
    void tables() {
        check("tables", (pipeline, c) -> {
            Set<String> expected = new TreeSet<>();
            c.expected().forEach(t -> expected.add(key(t.path("catalog").asText(null), t.path("schema").asText(null), t.path("table").asText())));
            Set<String> actual = new TreeSet<>();
            pipeline.tables(c.sql()).forEach(t -> actual.add(key(t.catalog(), t.schema(), t.table())));
            return actual.equals(expected) ? null : actual.toString();
        });
    }

    private static String key(String catalog, String schema, String table) {
        return (catalog + "." + schema + "." + table).toLowerCase(Locale.ROOT);
    }

    private SqlPipeline pipeline(CorpusCase c) {
        DialectConfig config = engines.get(c.engine());
        LimitMethod method = switch (c.method()) {
            case "WRAP_SQL" -> LimitMethod.WRAP_SQL;
            case "FETCH_MANY" -> LimitMethod.FETCH_MANY;
            default -> LimitMethod.FORCE_LIMIT;
        };
        return TestDialects.pipeline(config.withLimitMethod(method));
    }

    /** Comments dropped, whitespace collapsed, everything but strings and quoted names upper-cased, Teradata SEL spelled SELECT, LIMIT m, n as LIMIT n OFFSET m, trailing ; dropped. */
    private static String normalize(String sql, SqlPipeline pipeline) {
        Tokens tokens;
        try {
            SqlFamily family = pipeline.config().family();
            tokens = family == SqlFamily.KQL ? new KqlLexer("normalize").tokenize(sql)
                    : new SqlLexer("normalize", ParserProfile.of(family).lexical()).tokenize(sql);
        } catch (SqlParseException e) {
            return sql;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            TokenType type = tokens.type(i);
            if (type.isComment()) {
                continue;
            }
            String text = tokens.text(i);
            if (pipeline.config().family() == SqlFamily.TERADATA && text.equalsIgnoreCase("SEL")) {
                text = "SELECT"; // Teradata's abbreviation: the same statement, which S25 re-renders spelled out
            }
            parts.add(type == TokenType.STRING || type == TokenType.QUOTED_ID ? text : text.toUpperCase(Locale.ROOT));
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1).equals(";")) {
            parts.remove(parts.size() - 1);
        }
        // LIMIT m, n is defined as LIMIT n OFFSET m (MySQL, SQLite): one spelling for both answers
        for (int i = 0; i + 3 < parts.size(); i++) {
            if (parts.get(i).equals("LIMIT") && parts.get(i + 2).equals(",")) {
                String offset = parts.get(i + 1);
                parts.set(i + 1, parts.get(i + 3));
                parts.set(i + 2, "OFFSET");
                parts.set(i + 3, offset);
            }
        }
        return String.join(" ", parts);
    }

    private interface Check {
        /** null when dbspec agrees, else dbspec's answer. */
        String disagreement(SqlPipeline pipeline, CorpusCase c);
    }

    /**
     * The agreement each kind must keep, counting cases where dbspec matches Superset's current test
     * rather than the legacy answer cases.json holds. The issue's target is 95 %; apply_limit stays below
     * it (93.1 %): its remaining cases are SQL the engine rejects (Teradata SEL on SQL Server, SEL SAMPLE n)
     * and Db2's wrapper syntax, listed with reasons. These floors stop any regression.
     */
    private static final Map<String, Double> MINIMUM = Map.of(
            "tables", 0.95, "get_limit", 0.95, "is_select", 0.95, "is_mutating", 0.95, "apply_limit", 0.93);

    /** Agreeing (or matching Superset's current test) and compared cases per Superset engine, over every kind checked. */
    private static final Map<String, int[]> PER_ENGINE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Set<String> KINDS_CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Once all five kinds ran, every compared engine must keep its floor in {@code corpus/engine-floors.tsv}
     * (percent, set to what was measured), and every floor must name a compared engine.
     */
    @org.junit.jupiter.api.AfterAll
    static void everyEngineKeepsItsFloor() {
        if (!KINDS_CHECKED.containsAll(MINIMUM.keySet())) {
            return; // a single kind was run: the per-engine totals are incomplete
        }
        Map<String, Double> floors = new java.util.TreeMap<>();
        for (String line : resource("corpus/engine-floors.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            assertThat(f).as("engine<TAB>floor percent: %s", line).hasSize(2);
            assertThat(floors.put(f[0], Double.parseDouble(f[1]))).as("floor listed twice: %s", line).isNull();
        }
        StringBuilder report = new StringBuilder("agreement per engine over all kinds:\n");
        new java.util.TreeMap<>(PER_ENGINE).forEach((engine, counts) -> report.append(String.format(Locale.ROOT,
                "  %-16s %3d/%3d = %5.1f%%%n", engine, counts[0], counts[1], 100.0 * counts[0] / counts[1])));
        System.out.println(report);
        org.assertj.core.api.SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(floors.keySet()).as("every compared engine has a floor in engine-floors.tsv\n%s", report).containsAll(PER_ENGINE.keySet());
            softly.assertThat(PER_ENGINE.keySet()).as("every engine with a floor is compared").containsAll(floors.keySet());
            PER_ENGINE.forEach((engine, counts) -> {
                if (floors.containsKey(engine)) {
                    softly.assertThat(100.0 * counts[0] / counts[1]).as("agreement of %s over all kinds", engine)
                            .isGreaterThanOrEqualTo(floors.get(engine) - 0.05);
                }
            });
        });
    }

    private void check(String kind, Check check) {
        int total = 0;
        int skip = 0;
        int agree = 0;
        int agreeCurrent = 0;
        int documented = 0;
        List<String> undocumented = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> badEntries = new ArrayList<>();
        java.util.Set<JsonNode> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (CorpusCase c : cases) {
            if (!c.kind().equals(kind)) {
                continue;
            }
            total++;
            if (skipped.containsKey(c.engine())) {
                skip++;
                continue;
            }
            assertThat(engines).as("engine %s of %s is mapped in engines.tsv", c.engine(), c.describe()).containsKey(c.engine());
            String answer;
            SqlParseException error = null;
            try {
                answer = check.disagreement(pipeline(c), c);
            } catch (SqlParseException e) {
                error = e;
                answer = "SqlParseException: " + e.getMessage();
            }
            JsonNode deviation = deviations.stream().filter(c::matches).findFirst().orElse(null);
            int[] engineCounts = PER_ENGINE.computeIfAbsent(c.engine(), e -> new int[2]);
            engineCounts[1]++;
            engineCounts[0] += answer == null || deviation != null && deviation.has("superset_current") ? 1 : 0;
            if (deviation != null && answer != null) {
                used.add(deviation);
                String category = deviation.path("category").asText();
                Deviations.problems(category, deviation.path("fingerprint").asText(), deviation.path("reason").asText(), answer)
                        .forEach(problem -> badEntries.add(c.describe() + ": " + problem));
                if (deviation.has("superset_current") != category.equals(Deviations.Category.SUPERSET_CURRENT.id())) {
                    badEntries.add(c.describe() + ": category superset-current goes with superset_current, and only with it");
                }
            }
            if (answer == null) {
                agree++;
                if (deviation != null) {
                    stale.add(c.describe());
                }
            } else if (deviation != null && deviation.has("superset_current")) {
                assertThat(error).as("%s: Superset's current test (%s) expects a parse error", c.describe(),
                        deviation.path("superset_current").path("source").asText()).isNotNull();
                assertSamePosition(error, deviation.path("superset_current").path("raises").asText(), c);
                agreeCurrent++;
            } else if (deviation != null) {
                documented++;
            } else {
                dump(c, answer);
                undocumented.add(c.describe() + "\n    expected: " + c.expected() + "\n    dbspec:   " + answer.replace("\n", "\\n")
                        + "\n    fingerprint: " + Deviations.fingerprint(answer));
            }
        }
        int considered = total - skip;
        double agreement = (agree + agreeCurrent) / (double) considered;
        String summary = String.format(Locale.ROOT,
                "%-12s total %3d, skipped %2d, agree %3d (%.1f%%) + %d with Superset's current test = %.1f%%, documented deviations %2d",
                kind, total, skip, agree, 100.0 * agree / considered, agreeCurrent, 100.0 * agreement, documented);
        System.out.println(summary);
        record(kind, summary);
        KINDS_CHECKED.add(kind);
        assertThat(undocumented).as("%s cases where dbspec differs from Superset without a reason in deviations.json", kind).isEmpty();
        assertThat(stale).as("%s cases listed in deviations.json that now agree", kind).isEmpty();
        // An entry no disagreeing case uses (changed corpus, changed SQL text, typo) is an orphan.
        List<String> orphans = deviations.stream().filter(d -> d.path("kind").asText().equals(kind)).filter(d -> !used.contains(d))
                .map(d -> d.path("engine").asText() + " " + d.path("variant").asText() + " sql=" + d.path("sql").asText().replace("\n", "\\n"))
                .toList();
        assertThat(orphans).as("%s entries of deviations.json that match no disagreeing case", kind).isEmpty();
        assertThat(badEntries).as("%s entries of deviations.json whose category, fingerprint or reason is wrong", kind).isEmpty();
        assertThat(agreement).as("%s agreement", kind).isGreaterThanOrEqualTo(MINIMUM.get(kind));
    }

    /** Superset's error names {@code line L:C} where it has a position; dbspec's must be the same. */
    private static void assertSamePosition(SqlParseException error, String supersetError, CorpusCase c) {
        java.util.regex.Matcher position = java.util.regex.Pattern.compile("line (\\d+):(\\d+)").matcher(supersetError);
        if (position.find()) {
            assertThat(error.line() + ":" + error.column()).as("%s: position of the parse error (Superset: %s)", c.describe(), supersetError)
                    .isEqualTo(position.group(1) + ":" + position.group(2));
        }
    }

    /** Appends an undocumented case to target/undocumented-deviations.jsonl, ready to be given a reason. */
    private static synchronized void dump(CorpusCase c, String answer) {
        var node = JSON.createObjectNode().put("kind", c.kind()).put("engine", c.engine()).put("variant", c.variant()).put("sql", c.sql());
        if (c.limit() != null) {
            node.put("limit", c.limit()).put("force", c.force());
        }
        node.put("category", "").put("fingerprint", Deviations.fingerprint(answer)).put("reason", "").put("dbspec", answer);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "undocumented-deviations.jsonl"), node + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void record(String kind, String summary) {
        Path file = Path.of("target", "corpus-agreement.txt");
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
            lines.removeIf(line -> line.startsWith(kind + " "));
            lines.add(summary);
            lines.sort(null);
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
