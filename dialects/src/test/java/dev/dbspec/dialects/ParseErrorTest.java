package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParseErrorTest {
    private final SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
    private final SqlPipeline mysql = TestDialects.pipeline(TestDialects.MYSQL);

    @Test
    void reportsEngineLineColumnAndTokenInTheScript() {
        assertThatThrownBy(() -> postgres.applyLimit("select 1;\n-- second\nselect a,\n  from t", 10, false))
                .isInstanceOfSatisfying(SqlParseException.class, e -> {
                    assertThat(e.engineId()).isEqualTo("postgresql");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(9);
                    assertThat(e.token()).isEqualTo(",");
                    assertThat(e.reason()).contains("Encountered \", from\"");
                    assertThat(e.getMessage()).contains("line 3, column 9", "','");
                });
    }

    @Test
    void positionsSurviveRewrittenQuotingAndComments() {
        assertThatThrownBy(() -> mysql.getLimit("select `a``b`, 'it\\'s' /* x */ from t limit limit"))
                .isInstanceOfSatisfying(SqlParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.token()).isEqualTo("limit");
                    assertThat(e.column()).isEqualTo(39);
                });
    }

    @Test
    void classificationNeedsNoParseButLimitsDo() {
        String bad = "select * from where";
        assertThat(postgres.classify(bad)).containsExactly(StatementKind.QUERY);
        assertThatThrownBy(() -> postgres.getLimit(bad)).isInstanceOf(SqlParseException.class);
        assertThatThrownBy(() -> postgres.tables(bad)).isInstanceOf(SqlParseException.class);
    }
}
