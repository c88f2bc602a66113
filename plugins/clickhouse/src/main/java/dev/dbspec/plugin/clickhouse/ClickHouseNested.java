package dev.dbspec.plugin.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.NestedReader;
import dev.dbspec.api.NestedType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import ru.yandex.clickhouse.response.ClickHouseResultSet;

/**
 * {@code expand_data} for ClickHouse: {@code Array(T)} columns unnest into rows and {@code Tuple(...)} columns gain a
 * column per element ({@code s.a} for a named element, {@code s.1} for an unnamed one, ClickHouse's own {@code s.1}), as
 * Superset's Presto spec does for ARRAY and ROW. {@code Nullable(T)} and {@code LowCardinality(T)} are read as {@code T}.
 *
 * <p>Values are read from the text ClickHouse sent, before the driver unescapes it: the legacy driver's {@code getString}
 * turns {@code ('x\'y')} into {@code ('x'y')}, which no parser can split back, and its {@code getArray} reads a
 * {@code NULL} element of {@code Array(Nullable(UInt8))} as 0. So the reader needs the driver's own result set
 * ({@link ClickHouseResultSet#getValues()}, directly or through {@code unwrap}).
 */
final class ClickHouseNested {
    private ClickHouseNested() {
    }

    /** A reader when the result has an Array or Tuple column, else empty (nothing to expand). */
    static Optional<NestedReader> reader(ResultSetMetaData metadata) throws SQLException {
        requireNonNull(metadata, "metadata is null");
        List<NestedType> types = new ArrayList<>();
        boolean nested = false;
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            NestedType type = type(metadata.getColumnTypeName(i));
            types.add(type);
            nested |= type.nested();
        }
        if (!nested) {
            return Optional.empty();
        }
        return Optional.of(new NestedReader() {
            @Override
            public NestedType type(int column) {
                return types.get(column - 1);
            }

            @Override
            public Object read(ResultSet rs, int column) throws SQLException {
                String raw = raw(rs, column);
                if (raw == null) {
                    return null;
                }
                try {
                    return convert(ClickHouseText.parse(raw), types.get(column - 1));
                } catch (IllegalArgumentException e) {
                    throw new SQLException("clickhouse: column " + column + " (" + types.get(column - 1).name() + "): " + e.getMessage(), "22000", e);
                }
            }
        });
    }

    /** The column's text as ClickHouse wrote it (ClickHouse's quoted form for arrays and tuples), null for NULL. */
    private static String raw(ResultSet rs, int column) throws SQLException {
        ClickHouseResultSet own;
        if (rs instanceof ClickHouseResultSet direct) {
            own = direct;
        } else {
            try {
                own = rs.unwrap(ClickHouseResultSet.class);
            } catch (SQLException | RuntimeException e) {
                // the legacy driver's own unwrap throws UnsupportedOperationException
                throw new SQLException("clickhouse: nested values need the driver's result set, not " + rs.getClass().getName(), "0A000", e);
            }
        }
        if (column < 1 || column > own.getValues().length) {
            throw new SQLException("clickhouse: no column " + column, "07009");
        }
        ru.yandex.clickhouse.response.ByteFragment value = own.getValues()[column - 1];
        return value.isNull() ? null : value.asString(false);
    }

    /** The shape of a ClickHouse type name: {@code Array(T)}, {@code Tuple(a T, b U)} or {@code Tuple(T, U)}, else a scalar. */
    static NestedType type(String name) {
        String unwrapped = unwrapped(requireNonNull(name, "name is null").strip());
        if (unwrapped.startsWith("Array(") && unwrapped.endsWith(")")) {
            return NestedType.array(name, type(unwrapped.substring("Array(".length(), unwrapped.length() - 1)));
        }
        if (unwrapped.startsWith("Tuple(") && unwrapped.endsWith(")")) {
            List<NestedType.Field> fields = new ArrayList<>();
            List<String> elements = ClickHouseText.topLevelParts(unwrapped.substring("Tuple".length()));
            for (int i = 0; i < elements.size(); i++) {
                String element = elements.get(i);
                int space = element.indexOf(' ');
                // "a Int32" names its element; in "Decimal(9, 2)" the text before the first space is no name
                boolean named = space > 0 && element.substring(0, space).matches("[A-Za-z_][A-Za-z0-9_]*");
                fields.add(named ? NestedType.field(element.substring(0, space), type(element.substring(space + 1).strip()))
                        : NestedType.field(String.valueOf(i + 1), type(element)));
            }
            return NestedType.row(name, fields);
        }
        return NestedType.scalar(name);
    }

    /** {@code Nullable(T)} and {@code LowCardinality(T)} read as {@code T}. */
    private static String unwrapped(String name) {
        for (String wrapper : List.of("Nullable(", "LowCardinality(")) {
            if (name.startsWith(wrapper) && name.endsWith(")")) {
                return unwrapped(name.substring(wrapper.length(), name.length() - 1).strip());
            }
        }
        return name;
    }

    /** A parsed value as the Java value of its type: lists for arrays and tuples, numbers, dates and text inside. */
    private static Object convert(Object value, NestedType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof NestedType.ArrayType array && value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(convert(element, array.element())));
            return out;
        }
        if (type instanceof NestedType.RowType row && value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(i < row.fields().size() ? convert(list.get(i), row.fields().get(i).type()) : list.get(i));
            }
            return out;
        }
        String leaf = unwrapped(type.name()).toLowerCase(Locale.ROOT);
        if (leaf.startsWith("float") && value instanceof Number number) {
            return number.doubleValue();
        }
        if (leaf.startsWith("decimal") && value instanceof Number number) {
            return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
        }
        if (leaf.matches("u?int\\d+") && value instanceof BigDecimal decimal) {
            BigInteger integer = decimal.toBigIntegerExact();
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        if (value instanceof String text) {
            if (leaf.equals("date")) {
                return text.startsWith("0000-00-00") ? null : LocalDate.parse(text);
            }
            if (leaf.startsWith("datetime")) {
                return text.startsWith("0000-00-00") ? null : LocalDateTime.parse(text.replace(' ', 'T'));
            }
        }
        return value;
    }
}
