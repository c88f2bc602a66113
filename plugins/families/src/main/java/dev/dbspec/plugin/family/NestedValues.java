package dev.dbspec.plugin.family;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nested JDBC values as plain Java for {@link dev.dbspec.api.DataExpander}: {@link java.sql.Array} and Java arrays to
 * lists, {@link java.sql.Struct} to a map by the row type's field names (or a list by position without them), H2's
 * {@code ROW} (a one-row {@link java.sql.ResultSet}) to a map, maps kept in order; Trino's {@code io.trino.jdbc.Row} ({@code getFields()}, each {@code getName()} and {@code getValue()})
 * to a map, read reflectively since its driver is not bundled.
 */
public final class NestedValues {
    private NestedValues() {
    }

    /**
     * A reader of the result's columns with the given shapes (index 0 is column 1), each value read with
     * {@code getObject} and turned into plain Java values by {@link #plain}.
     */
    public static dev.dbspec.api.NestedReader reader(dev.dbspec.api.NestedType[] types) {
        dev.dbspec.api.NestedType[] shapes = types.clone();
        return new dev.dbspec.api.NestedReader() {
            @Override
            public dev.dbspec.api.NestedType type(int column) {
                return shapes[column - 1];
            }

            @Override
            public Object read(java.sql.ResultSet rs, int column) throws SQLException {
                return plain(rs.getObject(column), shapes[column - 1]);
            }
        };
    }

    /** {@code value} with every nested part converted; {@code type} names the fields of structs (may be a scalar). */
    public static Object plain(Object value, dev.dbspec.api.NestedType type) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Array array) {
            Object elements = array.getArray();
            try {
                return plain(elements, type);
            } finally {
                try {
                    array.free();
                } catch (SQLException | RuntimeException e) {
                    // some drivers do not free arrays; nothing is held
                }
            }
        }
        if (value instanceof Object[] elements) {
            dev.dbspec.api.NestedType element = type instanceof dev.dbspec.api.NestedType.ArrayType array ? array.element() : type;
            List<Object> list = new ArrayList<>(elements.length);
            for (Object item : elements) {
                list.add(plain(item, element));
            }
            return list;
        }
        if (value.getClass().isArray() && !(value instanceof byte[])) {
            int length = java.lang.reflect.Array.getLength(value);
            List<Object> list = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                list.add(java.lang.reflect.Array.get(value, i));
            }
            return list;
        }
        if (value instanceof java.sql.Struct struct) {
            Object[] attributes = struct.getAttributes();
            if (type instanceof dev.dbspec.api.NestedType.RowType row && row.fields().size() == attributes.length) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < attributes.length; i++) {
                    map.put(row.fields().get(i).name(), plain(attributes[i], row.fields().get(i).type()));
                }
                return map;
            }
            List<Object> list = new ArrayList<>(attributes.length);
            for (Object attribute : attributes) {
                list.add(plain(attribute, dev.dbspec.api.NestedType.scalar("")));
            }
            return list;
        }
        if (value instanceof java.sql.ResultSet row) {
            return rowResult(row, type);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(String.valueOf(entry.getKey()), plain(entry.getValue(), fieldType(type, String.valueOf(entry.getKey()))));
            }
            return copy;
        }
        Optional<Map<String, Object>> row = trinoRow(value, type);
        return row.isPresent() ? row.get() : value;
    }

    /**
     * H2's {@code ROW} value: a result set of one row whose columns are the fields. To a map by the row type's field
     * names (by the result's labels without them).
     */
    private static Object rowResult(java.sql.ResultSet row, dev.dbspec.api.NestedType type) throws SQLException {
        try (row) {
            java.sql.ResultSetMetaData metadata = row.getMetaData();
            int count = metadata.getColumnCount();
            if (!row.next()) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            boolean named = type instanceof dev.dbspec.api.NestedType.RowType rowType && rowType.fields().size() == count;
            for (int i = 1; i <= count; i++) {
                dev.dbspec.api.NestedType.Field field = named ? ((dev.dbspec.api.NestedType.RowType) type).fields().get(i - 1) : null;
                map.put(field != null ? field.name() : metadata.getColumnLabel(i),
                        plain(row.getObject(i), field != null ? field.type() : dev.dbspec.api.NestedType.scalar("")));
            }
            return map;
        }
    }

    /**
     * A reader for engines that name their types as the SQL standard does (H2, HSQLDB; {@link NestedTypes#standard}):
     * ARRAY columns and H2's {@code ROW} columns (JDBC type OTHER, class {@link java.sql.ResultSet}) are nested, the
     * rest scalar.
     */
    public static dev.dbspec.api.NestedReader standardReader(java.sql.ResultSetMetaData metadata) throws SQLException {
        int columns = metadata.getColumnCount();
        dev.dbspec.api.NestedType[] types = new dev.dbspec.api.NestedType[columns];
        for (int i = 0; i < columns; i++) {
            String name = String.valueOf(metadata.getColumnTypeName(i + 1));
            int jdbcType = metadata.getColumnType(i + 1);
            boolean row = jdbcType == java.sql.Types.OTHER && name.toUpperCase(java.util.Locale.ROOT).startsWith("ROW(");
            types[i] = jdbcType == java.sql.Types.ARRAY || jdbcType == java.sql.Types.STRUCT || row ? NestedTypes.standard(name)
                    : dev.dbspec.api.NestedType.scalar(name);
        }
        return reader(types);
    }

    private static dev.dbspec.api.NestedType fieldType(dev.dbspec.api.NestedType type, String name) {
        if (type instanceof dev.dbspec.api.NestedType.RowType row) {
            for (dev.dbspec.api.NestedType.Field field : row.fields()) {
                if (field.name().equalsIgnoreCase(name)) {
                    return field.type();
                }
            }
        }
        return dev.dbspec.api.NestedType.scalar("");
    }

    /** Trino's {@code Row}: {@code getFields()} of {@code RowField}s with an optional name; unnamed fields are {@code _colN}. */
    private static Optional<Map<String, Object>> trinoRow(Object value, dev.dbspec.api.NestedType type) throws SQLException {
        Method getFields;
        try {
            getFields = value.getClass().getMethod("getFields");
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
        if (!List.class.isAssignableFrom(getFields.getReturnType())) {
            return Optional.empty();
        }
        try {
            Map<String, Object> map = new LinkedHashMap<>();
            int nameless = 0;
            for (Object field : (List<?>) getFields.invoke(value)) {
                Object name = field.getClass().getMethod("getName").invoke(field);
                String key = name instanceof Optional<?> optional && optional.isPresent() ? String.valueOf(optional.get())
                        : "_col" + nameless++;
                Object fieldValue = field.getClass().getMethod("getValue").invoke(field);
                map.put(key.toLowerCase(java.util.Locale.ROOT), plain(fieldValue, fieldType(type, key)));
            }
            return Optional.of(map);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SQLException("cannot read the row value " + value.getClass().getName() + ": " + e, e);
        }
    }
}
