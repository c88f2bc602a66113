package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.HostAccess;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Bounded work (issue 11): SQL beyond the {@link SqlLimits} is refused with {@link SqlTooComplexException}
 * before Calcite sees it, an exhausted stack is never reported as a parse error, and no input costs more
 * than the bound the issue sets (a 200 KB expression answered within 2 s).
 */
class TooComplexTest {
    /** The issue's bound for a 200 KB expression; the unprotected pipeline took 17 to 30 s. */
    private static final Duration ISSUE_BOUND = Duration.ofSeconds(2);
    private static final String NESTED_10000 = "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000);

    /** Every public call that reads the script, so that no path skips the limits. */
    private static final List<Function<SqlPipeline, Function<String, Object>>> CALLS = List.of(
            p -> p::split, p -> p::classify, p -> p::isReadOnly, p -> p::tables, p -> p::getLimit,
            p -> sql -> p.applyLimit(sql, 10, false), p -> sql -> p.findHostAccess(sql, new HostAccess(List.of("SCRIPT"), Set.of())));

    private static SqlPipeline postgres(SqlLimits limits) {
        return new SqlPipeline(TestDialects.POSTGRESQL.withLimits(limits), ParseCache.create(0));
    }

    @Test
    void tenThousandNestedParenthesesAreTooComplexNotAParseError() {
        for (DialectConfig config : List.of(TestDialects.POSTGRESQL, TestDialects.MSSQL, TestDialects.MYSQL,
                new DialectConfig("kusto", SqlFamily.KQL, LimitMethod.FORCE_LIMIT, LimitSyntax.TOP, IdentifierQuoting.BRACKETS))) {
            SqlPipeline pipeline = new SqlPipeline(config, ParseCache.create(0));
            String sql = config.family() == SqlFamily.KQL ? "T | where " + "(".repeat(10_000) + "1" + ")".repeat(10_000) : NESTED_10000;
            // KQL has no statement-level host access to look for: findHostAccess does not read its statements.
            for (Function<SqlPipeline, Function<String, Object>> call : config.family() == SqlFamily.KQL ? CALLS.subList(0, CALLS.size() - 1) : CALLS) {
                assertThatThrownBy(() -> call.apply(pipeline).apply(sql)).as(config.engineId())
                        .isInstanceOfSatisfying(SqlTooComplexException.class, e -> {
                            assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.NESTING);
                            assertThat(e.engineId()).isEqualTo(config.engineId());
                            assertThat(e.maximum()).isEqualTo(200);
                            assertThat(e.getMessage()).contains(config.engineId() + ": SQL too complex", "more than 200 levels of nesting",
                                    "sql.max-nesting", "flatten the nesting");
                        });
            }
        }
        assertThatThrownBy(() -> postgres(SqlLimits.DEFAULTS).tables(NESTED_10000))
                .hasMessageContaining("at line 1, column 208"); // the 201st parenthesis
    }

    @Test
    void fiveHundredNestedParenthesesAreNeverAParseErrorAtLineOneColumnOne() {
        String sql = "SELECT " + "(".repeat(500) + "1" + ")".repeat(500);
        assertThatThrownBy(() -> postgres(SqlLimits.DEFAULTS).applyLimit(sql, 10, false))
                .isInstanceOfSatisfying(SqlTooComplexException.class, e -> assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.NESTING));
        // With the nesting limit raised, on a thread whose stack the parser exhausts: parsed or too complex, never a parse error.
        SqlPipeline lenient = postgres(SqlLimits.DEFAULTS.withMaxNesting(1_000));
        Object outcome = onStack(128 * 1024, () -> lenient.applyLimit(sql, 10, false));
        if (outcome instanceof Throwable thrown) {
            assertThat(thrown).isInstanceOfSatisfying(SqlTooComplexException.class,
                    e -> assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.STACK));
        } else {
            assertThat(((LimitedSql) outcome).outcome()).isEqualTo(LimitedSql.Outcome.LIMITED);
        }
    }

    @Test
    void anExhaustedStackIsTooComplexNotAParseError() {
        // CASE inside CASE nests without parentheses, so the lexer cannot count it: the parser's stack runs out.
        String sql = "SELECT " + "CASE WHEN a THEN ".repeat(10_000) + "1" + " END".repeat(10_000);
        SqlPipeline pipeline = postgres(SqlLimits.DEFAULTS.withMaxTokens(1_000_000));
        for (String call : List.of("applyLimit", "tables")) {
            Object outcome = onStack(256 * 1024, () -> call.equals("tables") ? pipeline.tables(sql) : pipeline.applyLimit(sql, 10, false));
            assertThat(outcome).as(call).isInstanceOfSatisfying(SqlTooComplexException.class, e -> {
                assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.STACK);
                assertThat(e.getMessage()).contains("postgresql: SQL too complex: the statement nests too deeply for the parser",
                        "sql.max-nesting");
            });
        }
    }

    @Test
    void statementsNestedInStatementsAreBoundedToo() {
        SqlPipeline pipeline = postgres(SqlLimits.DEFAULTS);
        for (String sql : List.of("EXPLAIN ".repeat(10_000) + "SELECT 1", "WITH a AS (SELECT 1) ".repeat(5_000) + "SELECT 1",
                "SET STATEMENT x FOR ".repeat(5_000) + "SELECT 1")) {
            Object outcome = onStack(512 * 1024, () -> pipeline.classify(sql));
            assertThat(outcome).as(sql.substring(0, 20)).isInstanceOfSatisfying(SqlTooComplexException.class,
                    e -> assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.NESTING));
        }
        assertThat(pipeline.classify("EXPLAIN ".repeat(3) + "SELECT 1")).containsExactly(StatementKind.OTHER);
    }

    @Test
    void aTwoHundredKilobyteExpressionIsAnsweredWithinTwoSeconds() {
        String sql = "SELECT 1" + "+1".repeat(100_000);
        assertThat(sql.length()).isGreaterThan(200_000);
        SqlPipeline pipeline = postgres(SqlLimits.DEFAULTS);
        for (Function<SqlPipeline, Function<String, Object>> call : CALLS) {
            long start = System.nanoTime();
            Object outcome;
            try {
                outcome = call.apply(pipeline).apply(sql);
            } catch (SqlTooComplexException e) {
                outcome = e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(ISSUE_BOUND);
            assertThat(outcome).isInstanceOfSatisfying(SqlTooComplexException.class, e -> {
                assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.OPERATORS);
                assertThat(e.getMessage()).contains("more than 2000 operators in one statement", "sql.max-operators");
            });
        }
    }

    @Test
    void eachLimitIsNamedWithItsValueAndCountedPerStatement() {
        assertThatThrownBy(() -> postgres(SqlLimits.DEFAULTS.withMaxLength(100)).classify("SELECT 1 " + "x".repeat(100)))
                .isInstanceOfSatisfying(SqlTooComplexException.class, e -> {
                    assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.LENGTH);
                    assertThat(e.value()).isEqualTo(109);
                    assertThat(e.getMessage()).contains("109 characters in the script (the limit is 100)", "sql.max-length");
                });
        SqlPipeline tokens = postgres(SqlLimits.DEFAULTS.withMaxTokens(10));
        assertThat(tokens.classify("SELECT 1; ".repeat(100))).hasSize(100);
        assertThatThrownBy(() -> tokens.classify("SELECT a, b, c, d FROM t -- one comment counts too"))
                .isInstanceOfSatisfying(SqlTooComplexException.class, e -> {
                    assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.TOKENS);
                    assertThat(e.getMessage()).contains("more than 10 tokens in one statement at line 1, column 26", "sql.max-tokens");
                });
        SqlPipeline operators = postgres(SqlLimits.DEFAULTS.withMaxOperators(3));
        assertThat(operators.tables("SELECT a FROM t WHERE a = 1 AND b = 2; SELECT 1 + 2 - 3 FROM u")).hasSize(2);
        for (String sql : List.of("SELECT a FROM t WHERE a = 1 AND b = 2 OR c", "SELECT 1::int::int", "SELECT 1 UNION SELECT 2 UNION SELECT 3 EXCEPT SELECT 4 INTERSECT SELECT 5",
                "SELECT a FROM t WHERE a IN (1) AND b NOT LIKE 'x'")) {
            assertThatThrownBy(() -> operators.classify(sql)).as(sql)
                    .isInstanceOfSatisfying(SqlTooComplexException.class, e -> assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.OPERATORS));
        }
        SqlPipeline nesting = postgres(SqlLimits.DEFAULTS.withMaxNesting(2));
        assertThat(nesting.getLimit("SELECT ((1)) FROM (SELECT 1) a LIMIT 3")).hasValue(3);
        for (String sql : List.of("SELECT (((1)))", "SELECT ARRAY[[[1]]]", "SELECT {fn abs(({fn abs(1)}))}")) {
            assertThatThrownBy(() -> nesting.classify(sql)).as(sql)
                    .isInstanceOfSatisfying(SqlTooComplexException.class, e -> assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.NESTING));
        }
        assertThat(nesting.classify("SELECT ')))((((' FROM \"((((\" /* (((( */")).containsExactly(StatementKind.QUERY);
    }

    @Test
    void aScriptOfManyStatementsIsBoundedByTheParseBudget() {
        String script = "SELECT a FROM t WHERE b = 1 AND c IN (SELECT d FROM u);\n".repeat(3_000);
        assertThatThrownBy(() -> postgres(SqlLimits.DEFAULTS.withParseBudget(Duration.ofMillis(1))).tables(script))
                .isInstanceOfSatisfying(SqlTooComplexException.class, e -> {
                    assertThat(e.limit()).isEqualTo(SqlTooComplexException.Limit.PARSE_BUDGET);
                    assertThat(e.getMessage()).contains("parsing took more than 1 ms of CPU", "sql.parse-budget-ms");
                });
        assertThat(postgres(SqlLimits.DEFAULTS.withParseBudget(Duration.ofMinutes(5))).tables(script)).hasSize(2);
        ParseBudget budget = postgres(SqlLimits.DEFAULTS.withParseBudget(Duration.ofMillis(1))).startBudget();
        budget.check();
        spinCpu(Duration.ofMillis(20));
        assertThatThrownBy(budget::check).isInstanceOf(SqlTooComplexException.class);
    }

    @Test
    void longButLegalStatementsStillParse() {
        SqlPipeline pipeline = postgres(SqlLimits.DEFAULTS);
        List<String> legal = List.of(
                "SELECT * FROM t WHERE a IN (" + "1, ".repeat(20_000) + "1)",
                "SELECT 1" + "+1".repeat(1_999) + " FROM t",
                "SELECT " + "(".repeat(150) + "1" + ")".repeat(150) + " FROM t",
                "SELECT * FROM " + "(SELECT * FROM ".repeat(100) + "t" + ") x".repeat(100),
                "SELECT a" + ", a".repeat(20_000) + " FROM t");
        for (String sql : legal) {
            assertThat(pipeline.applyLimit(sql, 10, false).outcome()).as(sql.substring(0, 30)).isEqualTo(LimitedSql.Outcome.LIMITED);
            assertThat(pipeline.tables(sql)).as(sql.substring(0, 30)).isNotEmpty();
        }
        // The TPC-H and TPC-DS statements parse with the default limits too: TpcStatementsTest.
    }

    @Test
    void aLongChainOfJoinsIsWalkedWithoutExhaustingTheStack() {
        // Within the limits (no operators, 44,000 tokens), and a tree 18,000 joins deep: the table walk must not recurse on it.
        String sql = "SELECT * FROM t0" + ", t".repeat(10_000) + " CROSS JOIN u".repeat(8_000) + " JOIN v ON true";
        Object tables = onStack(512 * 1024, () -> postgres(SqlLimits.DEFAULTS).tables(sql));
        assertThat(tables).isInstanceOfSatisfying(Set.class, set -> assertThat(set).containsExactly(
                new TableRef(null, null, "t0"), new TableRef(null, null, "t"), new TableRef(null, null, "u"), new TableRef(null, null, "v")));
    }

    @Test
    void hostAccessSearchIsLinearAndStillSeesEscapedNames() {
        SqlPipeline h2 = new SqlPipeline(new DialectConfig("h2", SqlFamily.H2, LimitMethod.FORCE_LIMIT, LimitSyntax.LIMIT,
                IdentifierQuoting.ANSI), ParseCache.create(0));
        HostAccess access = new HostAccess(List.of("SCRIPT"), Set.of("FILE_READ", "CSVREAD"));
        // 30,000 different characters each starting an escape: each was once a full decoding of the text (minutes of CPU).
        StringBuilder escapes = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            escapes.append((char) (0x2100 + i)).append("0041 ");
        }
        String text = "SELECT U&'x' UESCAPE '#', '" + escapes + "' FROM t";
        long cpu = cpuNanos();
        assertThat(h2.findHostAccess(text, access)).isEmpty();
        assertThat(Duration.ofNanos(cpuNanos() - cpu)).isLessThan(ISSUE_BOUND);
        // Names escaped with one of those characters are found wherever they are.
        assertThat(h2.findHostAccess("SELECT U&'x' UESCAPE '#', '" + escapes + "' FROM t; SELECT FILE_RE#0041D('/etc/passwd')", access))
                .contains("FILE_READ()");
        assertThat(h2.findHostAccess("SELECT U&'x' UESCAPE '#' FROM t; SELECT #0046#0049#004c#0045#005f#0052#0045#0041#0044('/x') "
                + escapes, access)).contains("FILE_READ()");
        // A boundary made by an escape: ...#0028FILE_READ reads (FILE_READ.
        assertThat(h2.findHostAccess("SELECT U&'#0028CSVREAD' UESCAPE '#'", access)).contains("CSVREAD()");
        assertThat(h2.findHostAccess("SELECT U&'x0028CSVREADx' UESCAPE '!'", access)).isEmpty();
        assertThat(h2.findHostAccess("SELECT U&'x' UESCAPE '+', '++000046ILE_READ'", access)).contains("FILE_READ()");
    }

    private static void spinCpu(Duration cpu) {
        long until = cpuNanos() + cpu.toNanos();
        long sink = 0;
        while (cpuNanos() < until) {
            sink += System.identityHashCode(new Object());
        }
        assertThat(sink).isNotNull();
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Runs {@code work} on a thread with {@code stackBytes} of stack; its result or what it threw (an Error included). */
    private static Object onStack(long stackBytes, java.util.concurrent.Callable<Object> work) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(work.call());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", stackBytes);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return outcome.get();
    }
}
