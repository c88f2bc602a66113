package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.IdentifierQuoting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bound parsing, ordering and predicates shared by the partition readers, on the exact texts engines print. */
class PartitionsTest {
    @Test
    void splitsAtTopLevelCommasOnly() {
        assertThat(Partitions.splitTopLevel("'a,b', f(1, 2), 3")).containsExactly("'a,b'", "f(1, 2)", "3");
        assertThat(Partitions.splitTopLevel("'it''s, ok', `x,y`, \"p,q\"")).containsExactly("'it''s, ok'", "`x,y`", "\"p,q\"");
        assertThat(Partitions.splitTopLevel("")).isEmpty();
        assertThat(Partitions.splitTopLevel("MAXVALUE")).containsExactly("MAXVALUE");
    }

    @Test
    void findsTheParenthesizedGroupsOfABound() {
        assertThat(Partitions.parenthesizedGroups("FOR VALUES FROM ('2024-01-01', 1) TO (f(2), 'x)')"))
                .containsExactly("'2024-01-01', 1", "f(2), 'x)'");
        assertThat(Partitions.parenthesizedGroups("FOR VALUES IN ('a', NULL)")).containsExactly("'a', NULL");
        assertThat(Partitions.parenthesizedGroups("DEFAULT")).isEmpty();
        assertThat(Partitions.parenthesizedGroups("RANGE (t, lower(s))")).containsExactly("t, lower(s)");
    }

    @Test
    void ordersLiteralsByValueNotText() {
        List<String> values = new ArrayList<>(List.of("MAXVALUE", "10", "9", "-1.5", "NULL", "MINVALUE"));
        values.sort(Partitions.LITERAL_ORDER);
        assertThat(values.subList(2, 5)).containsExactly("-1.5", "9", "10");
        assertThat(values.get(5)).isEqualTo("MAXVALUE");
        List<String> dates = new ArrayList<>(List.of("'2024-10-01'", "'2024-09-30 23:00:00'", "'2024-09-30'"));
        dates.sort(Partitions.LITERAL_ORDER);
        assertThat(dates).containsExactly("'2024-09-30'", "'2024-09-30 23:00:00'", "'2024-10-01'");
        assertThat(Partitions.BOUND_ORDER.compare(List.of("1", "'b'"), List.of("1", "'a'"))).isPositive();
        assertThat(Partitions.BOUND_ORDER.compare(List.of("2", "MINVALUE"), List.of("1", "MAXVALUE"))).isPositive();
    }

    @Test
    void rangePredicates() {
        assertThat(Partitions.rangePredicate(List.of("d"), List.of("DATE '2024-01-01'"), List.of("DATE '2024-02-01'")))
                .isEqualTo("d >= DATE '2024-01-01' AND d < DATE '2024-02-01'");
        assertThat(Partitions.rangePredicate(List.of("k"), List.of(), List.of("10"))).isEqualTo("k < 10");
        assertThat(Partitions.rangePredicate(List.of("k"), List.of("10"), List.of("MAXVALUE"))).isEqualTo("k >= 10");
        assertThat(Partitions.rangePredicate(List.of("k"), List.of("MINVALUE"), List.of("MAXVALUE"))).isEqualTo("1 = 1");
        assertThat(Partitions.rangePredicate(List.of("a", "b"), List.of("1", "'x'"), List.of("2", "'y'")))
                .isEqualTo("(a, b) >= (1, 'x') AND (a, b) < (2, 'y')");
        // PostgreSQL: FROM (1, MINVALUE) is a >= 1, FROM (1, MAXVALUE) is a > 1, TO (3, MAXVALUE) is a <= 3, TO (3, MINVALUE) is a < 3
        assertThat(Partitions.rangePredicate(List.of("a", "b"), List.of("1", "MINVALUE"), List.of("3", "MAXVALUE"))).isEqualTo("a >= 1 AND a <= 3");
        assertThat(Partitions.rangePredicate(List.of("a", "b"), List.of("1", "MAXVALUE"), List.of("3", "MINVALUE"))).isEqualTo("a > 1 AND a < 3");
        assertThat(Partitions.rangePredicate(List.of("a", "b", "c"), List.of("1", "2", "MINVALUE"), List.of()))
                .isEqualTo("(a, b) >= (1, 2)");
    }

    @Test
    void listPredicatesTakeNullApart() {
        assertThat(Partitions.listPredicate("`v`", List.of("1", "2"))).isEqualTo("`v` IN (1, 2)");
        assertThat(Partitions.listPredicate("v", List.of("NULL", "1"))).isEqualTo("(v IN (1) OR v IS NULL)");
        assertThat(Partitions.listPredicate("v", List.of("NULL"))).isEqualTo("v IS NULL");
    }

    @Test
    void valuePredicatesQuoteColumns() {
        assertThat(Partitions.valuePredicate(IdentifierQuoting.DOUBLE_QUOTES_LOWER, List.of("ds", "Hour"), List.of("'2024-01-01'", "NULL")))
                .isEqualTo("\"ds\" = '2024-01-01' AND \"Hour\" IS NULL");
    }

    @Test
    void datesBecomeTheEnginesLiterals() {
        MysqlFamilySpec mysql = new MysqlFamilySpec(MysqlFamilySpec.facts("m", "m").url("jdbc:m://{host}", "jdbc:m:").driver("m.Driver").build()) {
        };
        assertThat(Partitions.literalFor(mysql, Optional.of("date"), "'2024-02-01'")).isEqualTo("STR_TO_DATE('2024-02-01', '%Y-%m-%d')");
        assertThat(Partitions.literalFor(mysql, Optional.of("datetime"), "'2024-02-01 10:00:00'"))
                .isEqualTo("STR_TO_DATE('2024-02-01 10:00:00.000000', '%Y-%m-%d %H:%i:%s.%f')");
        assertThat(Partitions.literalFor(mysql, Optional.of("int(11)"), "2024")).isEqualTo("2024");
        assertThat(Partitions.literalFor(mysql, Optional.of("varchar(5)"), "'2024-01-01'")).as("text stays text").isEqualTo("'2024-01-01'");
        assertThat(Partitions.literalFor(mysql, Optional.empty(), "'2024-01-01'")).as("an expression's type is unknown").isEqualTo("'2024-01-01'");
        assertThat(Partitions.literalFor(mysql, Optional.of("date"), "MAXVALUE")).isEqualTo("MAXVALUE");
    }
}
