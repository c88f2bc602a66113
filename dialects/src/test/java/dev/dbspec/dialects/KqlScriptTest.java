package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.IdentifierQuoting.IdentifierCase;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The KQL path of {@link SqlPipeline} ({@link KqlScript}, {@link KqlLexer}). */
class KqlScriptTest {
    private static final DialectConfig KUSTO = new DialectConfig("kustokql", SqlFamily.KQL, LimitMethod.FORCE_LIMIT,
            LimitSyntax.LIMIT, new IdentifierQuoting("[\"", "\"]", IdentifierCase.AS_IS));
    private final SqlPipeline kql = TestDialects.pipeline(KUSTO);

    private List<String> texts(String script) {
        return kql.split(script).stream().map(Statement::text).toList();
    }

    private String limited(String script, long limit, boolean force) {
        return kql.applyLimit(script, limit, force).sql();
    }

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        String script = "let s = 'a;b'; let v = @\"c:\\x;\"\"y\"; // no; split\n"
                + "let f = () { let n = 1; T | take n }; T | where m == \"x\\\";\" | where z == ```p;\nq```";
        List<Statement> statements = kql.split(script);
        assertThat(texts(script)).containsExactly(
                "let s = 'a;b'",
                "let v = @\"c:\\x;\"\"y\"",
                "// no; split\nlet f = () { let n = 1; T | take n }",
                "T | where m == \"x\\\";\" | where z == ```p;\nq```");
        for (Statement statement : statements) {
            assertThat(script.substring(statement.start(), statement.end())).isEqualTo(statement.text());
        }
    }

    @Test
    void commentsAfterTheLastSemicolonStayWithTheLastStatement() {
        assertThat(texts("T | take 5;\n// T | take 50")).containsExactly("T | take 5;\n// T | take 50");
        assertThat(texts(";; T ;;\n; // only\n")).containsExactly("T ;;\n; // only");
        assertThat(texts("// only a comment")).isEmpty();
    }

    @Test
    void classifiesCommandsDeclarationsAndQueries() {
        assertThat(kql.classify("set querytrace; let n = 10; T | take n")).containsExactly(
                StatementKind.OTHER, StatementKind.OTHER, StatementKind.QUERY);
        assertThat(kql.classify(".show tables")).containsExactly(StatementKind.OTHER);
        assertThat(kql.classify("print 1; datatable(x:int) [1] | count; union A, B; range x from 1 to 3 step 1"))
                .containsOnly(StatementKind.QUERY);
        for (String command : List.of(".drop table T", ".set-or-append table T <| U", ".append T <| U", ".create table T (a:int)",
                ".alter table T (a:int)", ".delete table T records <| T | where a == 1", ".ingest into table T (h'x')", ".set T <| U",
                ".purge table T records in database db <| where a == 1")) {
            assertThat(kql.classify(command)).as(command).containsExactly(StatementKind.MUTATING);
            assertThat(kql.isMutating("T | take 1; " + command)).as(command).isTrue();
        }
        assertThat(kql.isReadOnly("let foo = 1; tbl | where bar == foo")).isTrue();
        assertThat(kql.isMutating("T | where cmd == '.drop table T'")).isFalse();
    }

    @Test
    void tablesOfQueriesAndCommands() {
        assertThat(kql.tables("StormEvents | where State == 'FL' | take 10")).containsExactly(TableRef.of("StormEvents"));
        assertThat(kql.tables("union withsource=S kind=outer A, B, (C | where x > 1), D* | join kind=inner (E) on k, j"
                + " | lookup F on k")).containsExactly(TableRef.of("A"), TableRef.of("B"), TableRef.of("C"), TableRef.of("E"),
                TableRef.of("F"));
        assertThat(kql.tables("cluster('c').database(\"Sales\").Orders | count; ['My Table'] | take 1; table('T2')"))
                .containsExactly(new TableRef("Sales", null, "Orders"), TableRef.of("My Table"), TableRef.of("T2"));
        // a function body's tables count even when the script does not call it: a permission check must see them
        assertThat(kql.tables("let recent = Events | where t > ago(1d); let f = (n:int) { Other | take n }; recent | take 5"))
                .containsExactly(TableRef.of("Events"), TableRef.of("Other"));
        assertThat(kql.tables("print 1; datatable(x:int) [1] | count; range x from 1 to 3 step 1; .show tables")).isEmpty();
        assertThat(kql.tables(".drop table foo")).containsExactly(TableRef.of("foo"));
        assertThat(kql.tables(".set-or-append table foo <| bar | where x == 1")).containsExactly(TableRef.of("foo"), TableRef.of("bar"));
        assertThat(kql.tables(".append async Foo <| Bar")).containsExactly(TableRef.of("Foo"), TableRef.of("Bar"));
        assertThat(kql.tables(".purge table T records in database db <| where a == 1")).containsExactly(TableRef.of("T"));
    }

    @Test
    void limitIsTheLastTopLevelTakeOrLimit() {
        assertThat(kql.getLimit("StormEvents | take 10")).hasValue(10);
        assertThat(kql.getLimit("StormEvents\n| LIMIT 20 // cap\n")).hasValue(20);
        assertThat(kql.getLimit("let n = 5; T | take 7;")).hasValue(7);
        assertThat(kql.getLimit("T | where name has 'limit 10'")).isEmpty();
        assertThat(kql.getLimit("T | take 10 | where x == 1")).isEmpty();
        assertThat(kql.getLimit("T | take n")).isEmpty();
        assertThat(kql.getLimit("T | join (U | take 3) on k")).isEmpty();
        assertThat(kql.getLimit("T | take 3; .show tables")).isEmpty();
    }

    @Test
    void applyLimitReplacesTheCountInPlace() {
        assertThat(limited("StormEvents | where a == 'x'  | take   500 // first rows", 100, false))
                .isEqualTo("StormEvents | where a == 'x'  | take   100 // first rows");
        assertThat(limited("T | limit 20", 100, true)).isEqualTo("T | limit 100");
        assertThat(kql.applyLimit("T | limit 20", 100, true).outcome()).isEqualTo(LimitedSql.Outcome.LIMITED);
    }

    @Test
    void applyLimitKeepsASmallerCountUnlessForced() {
        LimitedSql kept = kql.applyLimit("T | take 5", 100, false);
        assertThat(kept.outcome()).isEqualTo(LimitedSql.Outcome.ALREADY_LIMITED);
        assertThat(kept.sql()).isEqualTo("T | take 5");
        assertThat(kql.applyLimit("T | take 100", 100, true).outcome()).isEqualTo(LimitedSql.Outcome.ALREADY_LIMITED);
    }

    @Test
    void applyLimitAppendsTakeAfterTheLastCodeToken() {
        assertThat(limited("T | where s == 'limit 10'", 10, false)).isEqualTo("T | where s == 'limit 10' | take 10");
        assertThat(limited("let n = 1;\nT | take 5 | where x == n;  // done\n", 10, false))
                .isEqualTo("let n = 1;\nT | take 5 | where x == n | take 10;  // done\n");
        assertThat(limited("T\n| where x == 1 // only ones\n", 10, false)).isEqualTo("T\n| where x == 1 | take 10 // only ones\n");
    }

    @Test
    void applyLimitLeavesNonQueriesAndFetchManyUnchanged() {
        for (String script : List.of(".drop table T", "T | take 5; .show tables", "let x = 1", "", "// nothing")) {
            LimitedSql result = kql.applyLimit(script, 10, true);
            assertThat(result.outcome()).as(script).isEqualTo(LimitedSql.Outcome.NOT_A_QUERY);
            assertThat(result.sql()).isEqualTo(script);
        }
        LimitedSql fetched = TestDialects.pipeline(KUSTO.withLimitMethod(LimitMethod.FETCH_MANY)).applyLimit("T", 10, false);
        assertThat(fetched.outcome()).isEqualTo(LimitedSql.Outcome.FETCH_LIMIT);
        assertThat(fetched.sql()).isEqualTo("T");
    }

    @Test
    void unterminatedStringIsATypedErrorWithPosition() {
        assertThatThrownBy(() -> kql.split("T\n| where a == \"x;\n| take 5"))
                .isInstanceOfSatisfying(SqlParseException.class, e -> {
                    assertThat(e.engineId()).isEqualTo("kustokql");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(14);
                    assertThat(e.token()).isEqualTo("\"x;");
                    assertThat(e.reason()).isEqualTo("unterminated string literal");
                });
        assertThatThrownBy(() -> kql.getLimit("print @'a"))
                .isInstanceOfSatisfying(SqlParseException.class, e -> assertThat(e.column()).isEqualTo(7));
        assertThatThrownBy(() -> kql.classify("print ```a\nb"))
                .isInstanceOfSatisfying(SqlParseException.class, e -> assertThat(e.reason()).contains("multi-line"));
    }

    @Test
    void sqlParserProfileIsNotUsedForKql() {
        assertThatThrownBy(() -> ParserProfile.of(SqlFamily.KQL)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Azure Data Explorer also runs a T-SQL subset: such a script goes through the SQL Server family. */
    @Test
    void sqlSentToKustoIsAnalysedAsTsql() {
        String sql = "with source as (select a from StormEvents) select top 50 * from source";
        assertThat(kql.classify(sql)).containsExactly(StatementKind.QUERY);
        assertThat(kql.tables(sql)).containsExactly(TableRef.of("StormEvents"));
        assertThat(kql.getLimit(sql)).hasValue(50);
        assertThat(kql.applyLimit(sql, 10, false).sql()).isEqualTo("with source as (select a from StormEvents) select top 10 * from source");
        assertThat(kql.applyLimit("SELECT name FROM T", 5, false).sql()).isEqualTo("SELECT TOP 5 name FROM T");
        assertThat(kql.tables("StormEvents | where State == 'select' | take 5")).containsExactly(TableRef.of("StormEvents"));
        // decided before KQL's lexer reads SQL quoting and comments
        assertThat(kql.tables("SELECT 'C:\\' AS p FROM t -- don't")).containsExactly(TableRef.of("t"));
        assertThat(kql.applyLimit("-- c\nSELECT a FROM t", 5, false).sql()).isEqualTo("-- c\nSELECT TOP 5 a FROM t");
        assertThat(kql.applyLimit("/* c */ select a from t", 5, false).sql()).isEqualTo("/* c */ select TOP 5 a from t");
    }
    @Test
    void renderStaysTheLastOperator() {
        assertThat(kql.applyLimit("T | summarize count() by bin(ts, 1h) | render timechart", 100, false).sql())
                .isEqualTo("T | summarize count() by bin(ts, 1h) | take 100 | render timechart");
        assertThat(kql.getLimit("T | take 5 | render table")).hasValue(5);
        assertThat(kql.applyLimit("T | take 500 | render table", 100, false).sql()).isEqualTo("T | take 100 | render table");
    }

    /** Tables a permission check must see, also inside nested tabular expressions and function bodies. */
    @Test
    void tablesInNestedExpressionsAndBodies() {
        assertThat(kql.tables("T | where x in (T2 | project x)")).containsExactly(TableRef.of("T"), TableRef.of("T2"));
        assertThat(kql.tables("print n = toscalar(T3 | count)")).containsExactly(TableRef.of("T3"));
        assertThat(kql.tables("let m = materialize(Secret); m | take 1")).containsExactly(TableRef.of("Secret"));
        assertThat(kql.tables("let f = () { Secret }; f()")).containsExactly(TableRef.of("Secret"));
        assertThat(kql.tables("let v = view () { Secret2 | where a > 1 }; v")).containsExactly(TableRef.of("Secret2"));
        assertThat(kql.tables("T | extend y = (x) | where z in (1, 2)")).containsExactly(TableRef.of("T"));
    }
    @Test
    void nestedSourcesInAnyForm() {
        assertThat(kql.tables("T | where x in (table(\"Secret\") | project x)")).containsExactly(TableRef.of("T"), TableRef.of("Secret"));
        assertThat(kql.tables("T | where x in (Secret)")).containsExactly(TableRef.of("T"), TableRef.of("Secret"));
        assertThat(kql.tables("print n = toscalar(Secret)")).containsExactly(TableRef.of("Secret"));
        assertThat(kql.tables("T | where x in (union S1, S2 | project x)")).containsExactly(TableRef.of("T"), TableRef.of("S1"), TableRef.of("S2"));
        assertThat(kql.tables("T | where x in ((['Sec ret'] | project x))")).contains(TableRef.of("Sec ret"));
    }
}
