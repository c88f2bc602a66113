package dev.dbspec.api;

import static dev.dbspec.api.NestedType.array;
import static dev.dbspec.api.NestedType.field;
import static dev.dbspec.api.NestedType.row;
import static dev.dbspec.api.NestedType.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link DataExpander} against Superset's own expectations: the cases of
 * {@code tests/integration_tests/db_engine_specs/presto_tests.py} ({@code test_presto_expand_data_*}), with the
 * Presto types they use written as {@link NestedType}s; then dbspec's additions (maps by name, inferred shapes).
 */
class DataExpanderTest {
    private static final String ABSENT = DataExpander.ABSENT;

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static List<String> names(List<NestedColumn> columns) {
        return columns.stream().map(NestedColumn::name).toList();
    }

    private static List<String> typeNames(List<NestedColumn> columns) {
        return columns.stream().map(column -> column.type().name()).toList();
    }

    @Test
    void simpleStructuralColumns() {
        // test_presto_expand_data_with_simple_structural_columns
        List<NestedColumn> columns = List.of(
                new NestedColumn("row_column", row("ROW(NESTED_OBJ VARCHAR)", List.of(field("nested_obj", scalar("VARCHAR"))))),
                new NestedColumn("array_column", array("ARRAY(BIGINT)", scalar("BIGINT"))));
        List<Map<String, Object>> data = List.of(
                map("row_column", list("a"), "array_column", list(1L, 2L, 3L)),
                map("row_column", list("b"), "array_column", list(4L, 5L, 6L)));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(names(result.columns())).containsExactly("row_column", "row_column.nested_obj", "array_column");
        assertThat(typeNames(result.columns())).containsExactly("ROW(NESTED_OBJ VARCHAR)", "VARCHAR", "ARRAY(BIGINT)");
        assertThat(result.rows()).containsExactly(
                map("row_column", list("a"), "row_column.nested_obj", "a", "array_column", 1L),
                map("row_column", ABSENT, "row_column.nested_obj", ABSENT, "array_column", 2L),
                map("row_column", ABSENT, "row_column.nested_obj", ABSENT, "array_column", 3L),
                map("row_column", list("b"), "row_column.nested_obj", "b", "array_column", 4L),
                map("row_column", ABSENT, "row_column.nested_obj", ABSENT, "array_column", 5L),
                map("row_column", ABSENT, "row_column.nested_obj", ABSENT, "array_column", 6L));
        assertThat(names(result.expandedColumns())).containsExactly("row_column.nested_obj");
        // the answer's columns are in order: each row's map iterates like the columns
        assertThat(result.rows().get(0).keySet()).containsExactly("row_column", "row_column.nested_obj", "array_column");
    }

    @Test
    void complexRowColumns() {
        // test_presto_expand_data_with_complex_row_columns
        NestedType nestedRow = row("ROW(NESTED_OBJ2 VARCHAR)", List.of(field("nested_obj2", scalar("VARCHAR"))));
        List<NestedColumn> columns = List.of(new NestedColumn("row_column",
                row("ROW(NESTED_OBJ1 VARCHAR, NESTED_ROW ROW(NESTED_OBJ2 VARCHAR))",
                        List.of(field("nested_obj1", scalar("VARCHAR")), field("nested_row", nestedRow)))));
        List<Map<String, Object>> data = List.of(
                map("row_column", list("a1", list("a2"))),
                map("row_column", list("b1", list("b2"))));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(names(result.columns())).containsExactly("row_column", "row_column.nested_obj1", "row_column.nested_row",
                "row_column.nested_row.nested_obj2");
        assertThat(typeNames(result.columns())).containsExactly("ROW(NESTED_OBJ1 VARCHAR, NESTED_ROW ROW(NESTED_OBJ2 VARCHAR))", "VARCHAR",
                "ROW(NESTED_OBJ2 VARCHAR)", "VARCHAR");
        assertThat(result.rows()).containsExactly(
                map("row_column", list("a1", list("a2")), "row_column.nested_obj1", "a1", "row_column.nested_row", list("a2"),
                        "row_column.nested_row.nested_obj2", "a2"),
                map("row_column", list("b1", list("b2")), "row_column.nested_obj1", "b1", "row_column.nested_row", list("b2"),
                        "row_column.nested_row.nested_obj2", "b2"));
        assertThat(names(result.expandedColumns())).containsExactly("row_column.nested_obj1", "row_column.nested_row",
                "row_column.nested_row.nested_obj2");
    }

    @Test
    void complexRowColumnsAndNullValuesGivenAsJsonText() {
        // test_presto_expand_data_with_complex_row_columns_and_null_values
        List<NestedColumn> columns = List.of(new NestedColumn("row_column", row("ROW(NESTED_ROW ROW(NESTED_OBJ VARCHAR))",
                List.of(field("nested_row", row("ROW(NESTED_OBJ VARCHAR)", List.of(field("nested_obj", scalar("VARCHAR")))))))));
        List<Map<String, Object>> data = List.of(
                map("row_column", "[[\"a\"]]"),
                map("row_column", "[[null]]"),
                map("row_column", "[null]"),
                map("row_column", "null"));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(names(result.columns())).containsExactly("row_column", "row_column.nested_row", "row_column.nested_row.nested_obj");
        assertThat(result.rows()).containsExactly(
                map("row_column", list(list("a")), "row_column.nested_row", list("a"), "row_column.nested_row.nested_obj", "a"),
                map("row_column", list(list((Object) null)), "row_column.nested_row", list((Object) null),
                        "row_column.nested_row.nested_obj", null),
                map("row_column", list((Object) null), "row_column.nested_row", null, "row_column.nested_row.nested_obj", ABSENT),
                map("row_column", null, "row_column.nested_row", ABSENT, "row_column.nested_row.nested_obj", ABSENT));
        assertThat(names(result.expandedColumns())).containsExactly("row_column.nested_row", "row_column.nested_row.nested_obj");
    }

    @Test
    void complexArrayColumns() {
        // test_presto_expand_data_with_complex_array_columns
        NestedType innerRow = row("ROW(NESTED_OBJ VARCHAR)", List.of(field("nested_obj", scalar("VARCHAR"))));
        NestedType nestedArray = array("ARRAY(ROW(NESTED_OBJ VARCHAR))", innerRow);
        List<NestedColumn> columns = List.of(
                new NestedColumn("int_column", scalar("BIGINT")),
                new NestedColumn("array_column", array("ARRAY(ROW(NESTED_ARRAY ARRAY(ROW(NESTED_OBJ VARCHAR))))",
                        row("ROW(NESTED_ARRAY ARRAY(ROW(NESTED_OBJ VARCHAR)))", List.of(field("nested_array", nestedArray))))));
        List<Map<String, Object>> data = List.of(
                map("int_column", 1L, "array_column", list(list(list(list("a"), list("b"))), list(list(list("c"), list("d"))))),
                map("int_column", 2L, "array_column", list(list(list(list("e"), list("f"))), list(list(list("g"), list("h"))))));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(names(result.columns())).containsExactly("int_column", "array_column", "array_column.nested_array",
                "array_column.nested_array.nested_obj");
        assertThat(typeNames(result.columns())).containsExactly("BIGINT", "ARRAY(ROW(NESTED_ARRAY ARRAY(ROW(NESTED_OBJ VARCHAR))))",
                "ARRAY(ROW(NESTED_OBJ VARCHAR))", "VARCHAR");
        String a = "array_column";
        String n = "array_column.nested_array";
        String o = "array_column.nested_array.nested_obj";
        assertThat(result.rows()).containsExactly(
                map("int_column", 1L, a, list(list(list("a"), list("b"))), n, list("a"), o, "a"),
                map("int_column", ABSENT, a, ABSENT, n, list("b"), o, "b"),
                map("int_column", ABSENT, a, list(list(list("c"), list("d"))), n, list("c"), o, "c"),
                map("int_column", ABSENT, a, ABSENT, n, list("d"), o, "d"),
                map("int_column", 2L, a, list(list(list("e"), list("f"))), n, list("e"), o, "e"),
                map("int_column", ABSENT, a, ABSENT, n, list("f"), o, "f"),
                map("int_column", ABSENT, a, list(list(list("g"), list("h"))), n, list("g"), o, "g"),
                map("int_column", ABSENT, a, ABSENT, n, list("h"), o, "h"));
        assertThat(names(result.expandedColumns())).containsExactly(n, o);
    }

    @Test
    void rowGivenAsJsonText() {
        // test_presto_expand_data_array (a ROW column whose value arrives as JSON text)
        List<NestedColumn> columns = List.of(
                new NestedColumn("event_id", scalar("VARCHAR")),
                new NestedColumn("timestamp", scalar("BIGINT")),
                new NestedColumn("user", row("ROW(ID BIGINT, FIRST_NAME VARCHAR, LAST_NAME VARCHAR)",
                        List.of(field("id", scalar("BIGINT")), field("first_name", scalar("VARCHAR")), field("last_name", scalar("VARCHAR"))))));
        List<Map<String, Object>> data = List.of(map("event_id", "abcdef01-2345-6789-abcd-ef0123456789", "timestamp", "1595895506219",
                "user", "[1, \"JOHN\", \"DOE\"]"));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(names(result.columns())).containsExactly("event_id", "timestamp", "user", "user.id", "user.first_name", "user.last_name");
        assertThat(result.rows()).containsExactly(map("event_id", "abcdef01-2345-6789-abcd-ef0123456789", "timestamp", "1595895506219",
                "user", list(1L, "JOHN", "DOE"), "user.id", 1L, "user.first_name", "JOHN", "user.last_name", "DOE"));
        assertThat(names(result.expandedColumns())).containsExactly("user.id", "user.first_name", "user.last_name");
    }

    @Test
    void arraysOfOneLevelShareTheRowsTheyAdd() {
        // Two arrays of different lengths: the second reuses the first's rows and adds only what it lacks.
        List<NestedColumn> columns = List.of(new NestedColumn("a", array("ARRAY(BIGINT)", scalar("BIGINT"))),
                new NestedColumn("b", array("ARRAY(VARCHAR)", scalar("VARCHAR"))), new NestedColumn("c", scalar("BIGINT")));
        List<Map<String, Object>> data = List.of(map("a", list(1L, 2L), "b", list("x", "y", "z"), "c", 7L),
                map("a", list(), "b", null, "c", 8L));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(result.rows()).containsExactly(
                map("a", 1L, "b", "x", "c", 7L),
                map("a", 2L, "b", "y", "c", ABSENT),
                map("a", ABSENT, "b", "z", "c", ABSENT),
                map("a", list(), "b", null, "c", 8L));
        assertThat(result.expandedColumns()).isEmpty();
    }

    @Test
    void rowsGivenAsMapsAreReadByFieldName() {
        List<NestedColumn> columns = List.of(new NestedColumn("s", row("STRUCT(a INTEGER, b VARCHAR)",
                List.of(field("a", scalar("INTEGER")), field("b", scalar("VARCHAR"))))));
        List<Map<String, Object>> data = List.of(map("s", map("b", "x", "a", 1)), map("s", map("a", null)), map("s", null));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(result.rows()).containsExactly(
                map("s", map("b", "x", "a", 1), "s.a", 1, "s.b", "x"),
                map("s", map("a", null), "s.a", null, "s.b", ABSENT),
                map("s", null, "s.a", ABSENT, "s.b", ABSENT));
    }

    @Test
    void inferredShapesComeFromTheJsonValues() {
        List<NestedColumn> columns = List.of(new NestedColumn("id", scalar("int4")), new NestedColumn("doc", new NestedType.Inferred("jsonb", "jsonb")));
        List<Map<String, Object>> data = List.of(
                map("id", 1, "doc", "{\"a\": 1, \"tags\": [\"x\", \"y\"]}"),
                map("id", 2, "doc", "{\"b\": {\"c\": true}, \"a\": 2.5}"),
                map("id", 3, "doc", null));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(names(result.columns())).containsExactly("id", "doc", "doc.a", "doc.tags", "doc.b", "doc.b.c");
        assertThat(typeNames(result.columns())).containsExactly("int4", "jsonb", "jsonb", "jsonb", "jsonb", "jsonb");
        assertThat(result.rows()).containsExactly(
                map("id", 1, "doc", map("a", 1L, "tags", list("x", "y")), "doc.a", 1L, "doc.tags", "x", "doc.b", ABSENT, "doc.b.c", ABSENT),
                map("id", ABSENT, "doc", ABSENT, "doc.a", ABSENT, "doc.tags", "y", "doc.b", ABSENT, "doc.b.c", ABSENT),
                map("id", 2, "doc", map("b", map("c", true), "a", 2.5), "doc.a", 2.5, "doc.tags", ABSENT, "doc.b", map("c", true), "doc.b.c", true),
                map("id", 3, "doc", null, "doc.a", ABSENT, "doc.tags", ABSENT, "doc.b", ABSENT, "doc.b.c", ABSENT));
        assertThat(names(result.expandedColumns())).containsExactly("doc.a", "doc.tags", "doc.b", "doc.b.c");
    }

    @Test
    void inferredArraysUnnestEveryDimension() {
        // A PostgreSQL int4[] holding a two-dimensional array: both dimensions unnest, as ARRAY(ARRAY(INTEGER)) would.
        List<NestedColumn> columns = List.of(new NestedColumn("m", new NestedType.Inferred("_int4", "int4")));
        List<Map<String, Object>> data = List.of(map("m", list(list(1, 2), list(3, 4))));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(result.rows()).containsExactly(map("m", 1), map("m", 2), map("m", 3), map("m", 4));
        assertThat(typeNames(result.columns())).containsExactly("_int4");
    }

    /** An empty array shows no element shape: it no longer makes the column's arrays of arrays look like arrays of scalars. */
    @Test
    void anEmptyArrayTakesTheShapeTheOtherValuesShow() {
        List<NestedColumn> columns = List.of(new NestedColumn("m", new NestedType.Inferred("_int4", "int4")));
        List<Map<String, Object>> data = List.of(map("m", list(list(1, 2), list(3))), map("m", list()));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(result.columns().get(0).type()).isEqualTo(new NestedType.ArrayType("_int4",
                new NestedType.ArrayType("int4", scalar("int4"))));
        assertThat(result.rows()).startsWith(map("m", 1), map("m", 2), map("m", 3));
        List<Map<String, Object>> empty = List.of(map("m", list()), map("m", list()));
        assertThat(DataExpander.expand(columns, empty).columns().get(0).type())
                .as("no value shows an element: the element is the column's leaf type").isEqualTo(new NestedType.ArrayType("_int4", scalar("int4")));
    }

    @Test
    void scalarJsonAndMixedShapesAreNotExpanded() {
        List<NestedColumn> columns = List.of(new NestedColumn("j", new NestedType.Inferred("json", "json")));
        List<Map<String, Object>> data = List.of(map("j", "5"), map("j", "\"x\""), map("j", "[1]"));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(result.expandedColumns()).isEmpty();
        assertThat(result.rows()).containsExactly(map("j", 5L), map("j", "x"), map("j", list(1L)));
        assertThat(result.columns().get(0).type()).isEqualTo(scalar("json"));
    }

    @Test
    void jsonReaderIsStrict() {
        assertThat(DataExpander.destringify("{\"a\": [1, -2.5e3, \"\\u00e9\\n\", true, false, null], \"b\": {}}"))
                .isEqualTo(map("a", list(1L, -2500.0, "é\n", true, false, null), "b", map()));
        assertThat(DataExpander.destringify("123456789012345678901234567890")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        for (String bad : List.of("{", "[1,]", "01", "{\"a\" 1}", "tru", "[1] x", "'a'", "")) {
            assertThat(DataExpander.destringify(bad)).as(bad).isEqualTo(bad); // not JSON: kept as text
        }
    }
}
