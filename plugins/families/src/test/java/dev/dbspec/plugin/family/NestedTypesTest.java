package dev.dbspec.plugin.family;

import static dev.dbspec.api.NestedType.array;
import static dev.dbspec.api.NestedType.field;
import static dev.dbspec.api.NestedType.row;
import static dev.dbspec.api.NestedType.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.DataExpander;
import dev.dbspec.api.ExpandedData;
import dev.dbspec.api.NestedColumn;
import dev.dbspec.api.NestedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Presto/Trino and DuckDB type names, PostgreSQL text forms, nested JDBC values and the Presto family's progress monitor. */
class NestedTypesTest {
    @Test
    void prestoTypesAsSupersetsGetChildrenReadsThem() {
        // get_children: ARRAY keeps the column's name; ROW fields are lower-cased, unnamed ones _col0, _col1...
        assertThat(NestedTypes.presto("ARRAY(BIGINT)")).isEqualTo(array("ARRAY(BIGINT)", scalar("BIGINT")));
        assertThat(NestedTypes.presto("ROW(BIGINT,FOO VARCHAR)"))
                .isEqualTo(row("ROW(BIGINT,FOO VARCHAR)", List.of(field("_col0", scalar("BIGINT")), field("foo", scalar("VARCHAR")))));
        NestedType inner = row("ROW(NESTED_OBJ VARCHAR)", List.of(field("nested_obj", scalar("VARCHAR"))));
        NestedType middle = row("ROW(NESTED_ARRAY ARRAY(ROW(NESTED_OBJ VARCHAR)))",
                List.of(field("nested_array", array("ARRAY(ROW(NESTED_OBJ VARCHAR))", inner))));
        assertThat(NestedTypes.presto("ARRAY(ROW(NESTED_ARRAY ARRAY(ROW(NESTED_OBJ VARCHAR))))"))
                .isEqualTo(array("ARRAY(ROW(NESTED_ARRAY ARRAY(ROW(NESTED_OBJ VARCHAR))))", middle));
        // Trino's driver spells types in lower case, with quoted names and multi-word types
        assertThat(NestedTypes.presto("row(\"Field Name(Tricky, Name)\" double, ts timestamp(3) with time zone, decimal(10,2), map(varchar, integer))"))
                .isEqualTo(row("row(\"Field Name(Tricky, Name)\" double, ts timestamp(3) with time zone, decimal(10,2), map(varchar, integer))",
                        List.of(field("field name(tricky, name)", scalar("double")), field("ts", scalar("timestamp(3) with time zone")),
                                field("_col0", scalar("decimal(10,2)")), field("_col1", scalar("map(varchar, integer)")))));
        assertThat(NestedTypes.presto("map(varchar, array(integer))")).isEqualTo(scalar("map(varchar, array(integer))"));
        assertThat(NestedTypes.presto("varchar(10)")).isEqualTo(scalar("varchar(10)"));
    }

    @Test
    void supersetsComplexArrayCaseThroughThePrestoTypeName() {
        // test_presto_expand_data_with_complex_array_columns, the type read from its Presto name
        List<NestedColumn> columns = List.of(new NestedColumn("int_column", NestedTypes.presto("BIGINT")),
                new NestedColumn("array_column", NestedTypes.presto("ARRAY(ROW(NESTED_ARRAY ARRAY(ROW(NESTED_OBJ VARCHAR))))")));
        List<Map<String, Object>> data = List.of(
                map("int_column", 1L, "array_column", list(list(list(list("a"), list("b"))), list(list(list("c"), list("d"))))),
                map("int_column", 2L, "array_column", list(list(list(list("e"), list("f"))), list(list(list("g"), list("h"))))));
        ExpandedData result = DataExpander.expand(columns, data);
        assertThat(result.columns().stream().map(NestedColumn::name)).containsExactly("int_column", "array_column",
                "array_column.nested_array", "array_column.nested_array.nested_obj");
        assertThat(result.rows().stream().map(r -> r.get("array_column.nested_array.nested_obj")))
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(result.rows().stream().map(r -> r.get("int_column"))).containsExactly(1L, "", "", "", 2L, "", "", "");
    }

    @Test
    void duckdbTypes() {
        assertThat(NestedTypes.duckdb("INTEGER[]")).isEqualTo(array("INTEGER[]", scalar("INTEGER")));
        assertThat(NestedTypes.duckdb("INTEGER[][]")).isEqualTo(array("INTEGER[][]", array("INTEGER[]", scalar("INTEGER"))));
        assertThat(NestedTypes.duckdb("VARCHAR[3]")).isEqualTo(array("VARCHAR[3]", scalar("VARCHAR")));
        NestedType struct = row("STRUCT(a INTEGER, \"b c\" DECIMAL(18,3)[], s STRUCT(x VARCHAR))", List.of(field("a", scalar("INTEGER")),
                field("b c", array("DECIMAL(18,3)[]", scalar("DECIMAL(18,3)"))),
                field("s", row("STRUCT(x VARCHAR)", List.of(field("x", scalar("VARCHAR")))))));
        assertThat(NestedTypes.duckdb("STRUCT(a INTEGER, \"b c\" DECIMAL(18,3)[], s STRUCT(x VARCHAR))[]"))
                .isEqualTo(array("STRUCT(a INTEGER, \"b c\" DECIMAL(18,3)[], s STRUCT(x VARCHAR))[]", struct));
        assertThat(NestedTypes.duckdb("MAP(VARCHAR, INTEGER)")).isEqualTo(scalar("MAP(VARCHAR, INTEGER)"));
        assertThat(NestedTypes.duckdb("TIMESTAMP WITH TIME ZONE")).isEqualTo(scalar("TIMESTAMP WITH TIME ZONE"));
    }

    /** H2's and HSQLDB's names: {@code T ARRAY}, {@code T ARRAY[n]}, {@code ROW("F" T, ...)} with quoted, doubled-quote names. */
    @Test
    void standardTypes() {
        assertThat(NestedTypes.standard("INTEGER ARRAY")).isEqualTo(array("INTEGER ARRAY", scalar("INTEGER")));
        assertThat(NestedTypes.standard("INTEGER ARRAY[2] ARRAY")).isEqualTo(
                array("INTEGER ARRAY[2] ARRAY", array("INTEGER ARRAY[2]", scalar("INTEGER"))));
        assertThat(NestedTypes.standard("CHARACTER VARYING(10) ARRAY[5]")).isEqualTo(
                array("CHARACTER VARYING(10) ARRAY[5]", scalar("CHARACTER VARYING(10)")));
        NestedType inner = row("ROW(\"C\" INTEGER, \"D\" INTEGER ARRAY)",
                List.of(field("C", scalar("INTEGER")), field("D", array("INTEGER ARRAY", scalar("INTEGER")))));
        assertThat(NestedTypes.standard("ROW(\"A\" NUMERIC(10, 2), \"b \"\"q\"\"\" ROW(\"C\" INTEGER, \"D\" INTEGER ARRAY)) ARRAY"))
                .isEqualTo(array("ROW(\"A\" NUMERIC(10, 2), \"b \"\"q\"\"\" ROW(\"C\" INTEGER, \"D\" INTEGER ARRAY)) ARRAY",
                        row("ROW(\"A\" NUMERIC(10, 2), \"b \"\"q\"\"\" ROW(\"C\" INTEGER, \"D\" INTEGER ARRAY))",
                                List.of(field("A", scalar("NUMERIC(10, 2)")), field("b \"q\"", inner)))));
        assertThat(NestedTypes.standard("TIMESTAMP WITH TIME ZONE")).isEqualTo(scalar("TIMESTAMP WITH TIME ZONE"));
        assertThat(NestedTypes.standard("JSON")).isEqualTo(scalar("JSON"));
    }

    @Test
    void postgresqlTextForms() {
        assertThat(PgText.array("{1,2,NULL,\"a,b\",\"q\\\"x\"}", s -> s)).containsExactly("1", "2", null, "a,b", "q\"x");
        assertThat(PgText.array("{{1,2},{3,4}}", Long::parseLong)).isEqualTo(List.of(List.of(1L, 2L), List.of(3L, 4L)));
        assertThat(PgText.array("[0:1]={7,8}", s -> s)).containsExactly("7", "8");
        assertThat(PgText.array("{}", s -> s)).isEmpty();
        assertThat(PgText.composite("(1,\"a b\",,\"\",\"(2,\"\"x\"\")\")")).containsExactly("1", "a b", null, "", "(2,\"x\")");
    }

    @Test
    void jdbcValuesBecomePlainJava() throws Exception {
        NestedType type = NestedTypes.duckdb("STRUCT(a INTEGER, b VARCHAR)[]");
        java.sql.Struct struct = new java.sql.Struct() {
            @Override
            public String getSQLTypeName() {
                return "STRUCT";
            }

            @Override
            public Object[] getAttributes() {
                return new Object[] {1, "x"};
            }

            @Override
            public Object[] getAttributes(Map<String, Class<?>> map) {
                return getAttributes();
            }
        };
        assertThat(NestedValues.plain(new Object[] {struct, null}, type)).isEqualTo(list(map("a", 1, "b", "x"), null));
        assertThat(NestedValues.plain(new int[][] {{1, 2}, {3}}, scalar("x"))).isEqualTo(List.of(List.of(1, 2), List.of(3)));
        // Trino's Row, read reflectively: named and unnamed fields
        assertThat(NestedValues.plain(new FakeRow(List.of(new FakeField("ID", 5L), new FakeField(null, "y"))),
                NestedTypes.presto("row(id bigint, varchar)"))).isEqualTo(map("id", 5L, "_col0", "y"));
    }

    /** Stands for io.trino.jdbc.Row: getFields() of fields with getName() (Optional) and getValue(). */
    public record FakeRow(List<FakeField> getFields) {
    }

    public static final class FakeField {
        private final String name;
        private final Object value;

        FakeField(String name, Object value) {
            this.name = name;
            this.value = value;
        }

        public java.util.Optional<String> getName() {
            return java.util.Optional.ofNullable(name);
        }

        public Object getValue() {
            return value;
        }
    }

    @Test
    void prestoFamilyProgressComesFromTheDriversMonitor() throws Exception {
        PrestoFamilySpec spec = new PrestoFamilySpec(PrestoFamilySpec.facts("presto-test", "Presto test")
                .url("jdbc:presto-test://{host}", "jdbc:presto-test:").driver("none").build()) {
        };
        MonitoredStatement driver = new MonitoredStatement();
        java.sql.Statement statement = (java.sql.Statement) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.Statement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isWrapperFor" -> true;
                    case "unwrap" -> driver;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertThat(spec.queryProgress(statement)).isEmpty();
        spec.enableProgress(statement);
        assertThat(driver.monitor).isNotNull();
        driver.monitor.accept(new Stats(OptionalDouble.empty()));
        assertThat(spec.queryProgress(statement)).isEmpty();
        driver.monitor.accept(new Stats(OptionalDouble.of(42.0)));
        assertThat(spec.queryProgress(statement)).hasValue(0.42);
    }

    /** Stands for TrinoStatement: setProgressMonitor(Consumer<QueryStats>). */
    public static final class MonitoredStatement {
        Consumer<Object> monitor;

        @SuppressWarnings("unchecked")
        public void setProgressMonitor(Consumer<?> monitor) {
            this.monitor = (Consumer<Object>) monitor;
        }
    }

    /** Stands for Trino's QueryStats. */
    public record Stats(OptionalDouble getProgressPercentage) {
    }

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
}
