package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlValidationTest {
    @Test
    void offsetsBecomeLineAndColumnInTheUsersText() {
        assertThat(SqlValidation.invalidAt("SELECT 1", 0, "m").errors()).containsExactly(new SqlValidation.Problem(1, 1, "m"));
        assertThat(SqlValidation.invalidAt("SELECT\n  x\nFROM t", 9, "m").errors().get(0)).isEqualTo(new SqlValidation.Problem(2, 3, "m"));
        assertThat(SqlValidation.invalidAt("a\r\nb\rc", 5, "m").errors().get(0)).isEqualTo(new SqlValidation.Problem(3, 1, "m"));
        // code points, as engines count characters: the emoji is one
        assertThat(SqlValidation.invalidAt("SELECT '\uD83D\uDE00', x", 12, "m").errors().get(0).column()).isEqualTo(13);
        assertThat(SqlValidation.invalidAt("SELECT 1", 99, "m").errors().get(0)).isEqualTo(new SqlValidation.Problem(1, 1, "m"));
        assertThat(SqlValidation.invalidAt("SELECT 1", -1, "m").errors().get(0)).isEqualTo(new SqlValidation.Problem(1, 1, "m"));
    }

    @Test
    void postgresPositionCountsFromTheTextSentAfterThePrefix() {
        SQLException error = new SQLException("ERROR: syntax error at or near \"id\"\n  Position: 31", "42601");
        // "EXPLAIN " (8) + "SELECT id\nFROM t\nWHER id = 1": position 31 (1-based) is the 'i' of the last "id"
        SqlValidation result = SqlValidation.fromPostgresError("SELECT id\nFROM t\nWHER id = 1", 8, error);
        assertThat(result.errors()).containsExactly(new SqlValidation.Problem(3, 6, "ERROR: syntax error at or near \"id\""));
        assertThat(SqlValidation.fromPostgresError("x", 0, new SQLException("no position")).errors().get(0))
                .isEqualTo(new SqlValidation.Problem(1, 1, "no position"));
    }

    @Test
    void onlyAllowListedSingleStatementsAreExplainable() {
        Set<String> explainable = Set.of("SELECT", "DELETE");
        assertThat(SqlValidation.explainable("  -- c\n/* d */ select 1;; ", explainable)).isTrue();
        assertThat(SqlValidation.explainable("DELETE FROM t", explainable)).isTrue();
        for (String refused : List.of("ANALYZE DELETE FROM t", "(ANALYZE) DELETE FROM t", "SELECT 1; DELETE FROM t", "SELECT ';'",
                "/* unclosed SELECT 1", "VERBOSE SELECT 1", "")) {
            assertThat(SqlValidation.explainable(refused, explainable)).as(refused).isFalse();
        }
        assertThat(SqlValidation.firstKeyword("/* a */ -- b\n  WITH x")).hasValue("WITH");
        assertThat(SqlValidation.firstKeyword("(SELECT 1)")).isEmpty();
    }

    @Test
    void anInnerSemicolonIsLocated() {
        assertThat(SqlValidation.innerSemicolon("SELECT 1;\n")).isEmpty();
        Optional<SqlValidation> refused = SqlValidation.innerSemicolon("SELECT 1\n; DELETE FROM t");
        assertThat(refused).hasValueSatisfying(v -> assertThat(v.errors().get(0)).extracting("line", "column").containsExactly(2, 1));
    }

    @Test
    void aResultIsConsistent() {
        assertThat(SqlValidation.ok().valid()).isTrue();
        assertThatThrownBy(() -> new SqlValidation(true, List.of(new SqlValidation.Problem(1, 1, "m")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlValidation(false, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlValidation.Problem(0, 1, "m")).isInstanceOf(IllegalArgumentException.class);
    }
}
