package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.SqlValidation;
import org.junit.jupiter.api.Test;

/** Where a MySQL or MariaDB syntax error lies in the user's text, from {@code near '...' at line N}. */
class MysqlErrorLocationTest {
    private static final String PREFIX = "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server "
            + "version for the right syntax to use ";

    @Test
    void theQuotedTextGivesTheColumnOnTheNamedLine() {
        assertThat(problem("SELECT id\nFROM t\nWHER id = 1", PREFIX + "near 'id = 1' at line 3")).isEqualTo(new SqlValidation.Problem(3, 6,
                PREFIX + "near 'id = 1' at line 3"));
        // the end of the text: after its last character
        assertThat(problem("SELECT id FROM", PREFIX + "near '' at line 1")).extracting("line", "column").containsExactly(1, 15);
        // a quoted text running over several lines is found by its first line
        assertThat(problem("SELECT 1 FROM t WHERE\n x = = 1\n AND y", PREFIX + "near '= 1\n AND y' at line 2"))
                .extracting("line", "column").containsExactly(2, 6);
    }

    @Test
    void withoutAPositionTheErrorIsAtTheStart() {
        assertThat(problem("SELECT * FROM nope", "Table 'test.nope' doesn't exist")).extracting("line", "column").containsExactly(1, 1);
        assertThat(problem("SELECT 1", PREFIX + "near 'x' at line 9")).extracting("line", "column").containsExactly(1, 1);
    }

    private static SqlValidation.Problem problem(String sql, String message) {
        SqlValidation result = MysqlFamilySpec.located(sql, message);
        assertThat(result.valid()).isFalse();
        return result.errors().get(0);
    }
}
