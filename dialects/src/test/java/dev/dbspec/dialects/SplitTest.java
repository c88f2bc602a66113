package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {
    private final SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
    private final SqlPipeline mysql = TestDialects.pipeline(TestDialects.MYSQL);

    private static List<String> texts(List<Statement> statements) {
        return statements.stream().map(Statement::text).toList();
    }

    @Test
    void splitsAtSemicolonsKeepingExactText() {
        String script = "select 1;  SELECT 'a;b' AS \"x;y\" ;\nselect 3";
        List<Statement> statements = postgres.split(script);
        assertThat(texts(statements)).containsExactly("select 1", "SELECT 'a;b' AS \"x;y\"", "select 3");
        for (Statement statement : statements) {
            assertThat(script.substring(statement.start(), statement.end())).isEqualTo(statement.text());
        }
    }

    @Test
    void ignoresSemicolonsInCommentsAndDollarQuotes() {
        String script = "select 1 -- a;b\n; /* c; d */ select $tag$ x; y $tag$, $$;$$; select 2";
        assertThat(texts(postgres.split(script))).containsExactly(
                "select 1 -- a;b", "/* c; d */ select $tag$ x; y $tag$, $$;$$", "select 2");
    }

    @Test
    void nestedBlockCommentsInPostgresql() {
        assertThat(texts(postgres.split("select /* a /* b; */ c; */ 1; select 2"))).containsExactly(
                "select /* a /* b; */ c; */ 1", "select 2");
    }

    @Test
    void mysqlBackslashEscapesAndHashComments() {
        assertThat(texts(mysql.split("select 'it\\'s; ok', `a;b` # c;d\n; select \"x;\""))).containsExactly(
                "select 'it\\'s; ok', `a;b` # c;d", "select \"x;\"");
    }

    @Test
    void commentAfterLastSemicolonStaysWithPreviousStatement() {
        String script = "select * from t limit 100;\n-- select * from u";
        assertThat(texts(postgres.split(script))).containsExactly("select * from t limit 100;\n-- select * from u");
    }

    @Test
    void dropsEmptyAndCommentOnlyPieces() {
        assertThat(texts(postgres.split(";; select 1;;\n;select 2;"))).containsExactly("select 1", "select 2");
        assertThat(postgres.split("  \n ")).isEmpty();
        assertThat(postgres.split("-- only a comment")).isEmpty();
    }

    @Test
    void unterminatedStringIsTypedError() {
        assertThatThrownBy(() -> postgres.split("select 1;\nselect 'abc"))
                .isInstanceOfSatisfying(SqlParseException.class, e -> {
                    assertThat(e.engineId()).isEqualTo("postgresql");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(8);
                    assertThat(e.token()).isEqualTo("'abc");
                });
    }
}
