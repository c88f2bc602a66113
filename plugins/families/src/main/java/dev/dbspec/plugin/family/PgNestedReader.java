package dev.dbspec.plugin.family;

import dev.dbspec.api.NestedReader;
import dev.dbspec.api.NestedType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's nested values for {@code expand_data}: arrays ({@code int4[]}, any number of dimensions, so their shape
 * is {@link NestedType.Inferred} from the values), composite types (a {@link NestedType.RowType} of the type's
 * attributes from {@code pg_attribute}, values read from their text form, nested composites and arrays inside
 * included) and {@code json}/{@code jsonb} documents ({@link NestedType.Inferred}). Types are looked up once per
 * result, before its rows are read:
 *
 * <pre>{@code
 * SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typelem, t.typrelid FROM pg_type t WHERE t.oid = to_regtype(?)
 * SELECT a.attname, a.atttypid, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
 *  WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
 * }</pre>
 */
final class PgNestedReader implements NestedReader {
    /** {@code to_regtype} answers NULL for a name it does not know: an error would abort the request's transaction. */
    static final String TYPE_BY_NAME = "SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typelem, t.typrelid FROM pg_type t"
            + " WHERE t.oid = to_regtype(?)";
    static final String TYPE_BY_OID = "SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typelem, t.typrelid FROM pg_type t WHERE t.oid = ?";
    static final String ATTRIBUTES = "SELECT a.attname, a.atttypid FROM pg_attribute a"
            + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    /** Composites inside composites: a type that contains itself through an array cannot recurse forever. */
    private static final int MAX_DEPTH = 16;

    /** A pg_type row. */
    private record PgType(long oid, String name, char kind, char category, long element, long relation) {
        boolean composite() {
            return kind == 'c';
        }

        boolean json() {
            return name.equals("json") || name.equals("jsonb");
        }
    }

    /** How to read one column or attribute from text. */
    private sealed interface Reading {
    }

    private record ScalarReading(PgType type) implements Reading {
    }

    private record ArrayReading(PgType type, Reading element) implements Reading {
    }

    private record CompositeReading(PgType type, List<String> names, List<Reading> attributes) implements Reading {
    }

    private final NestedType[] types;
    private final Reading[] readings;

    private PgNestedReader(NestedType[] types, Reading[] readings) {
        this.types = types;
        this.readings = readings;
    }

    static PgNestedReader of(Connection connection, ResultSetMetaData metadata) throws SQLException {
        int columns = metadata.getColumnCount();
        NestedType[] types = new NestedType[columns];
        Reading[] readings = new Reading[columns];
        Map<Long, PgType> cache = new HashMap<>();
        for (int i = 0; i < columns; i++) {
            String name = String.valueOf(metadata.getColumnTypeName(i + 1));
            int jdbcType = metadata.getColumnType(i + 1);
            boolean candidate = jdbcType == Types.ARRAY || jdbcType == Types.STRUCT || jdbcType == Types.OTHER
                    || name.equals("json") || name.equals("jsonb");
            if (!candidate) {
                types[i] = NestedType.scalar(name);
                continue;
            }
            PgType type = typeByName(connection, name);
            if (type == null) {
                types[i] = NestedType.scalar(name);
                continue;
            }
            Reading reading = reading(connection, type, cache, 0);
            readings[i] = reading;
            types[i] = shape(name, reading, true);
        }
        return new PgNestedReader(types, readings);
    }

    @Override
    public NestedType type(int column) {
        return types[column - 1];
    }

    @Override
    public Object read(ResultSet rs, int column) throws SQLException {
        Reading reading = readings[column - 1];
        String text = rs.getString(column);
        if (text == null || reading == null) {
            return text;
        }
        if (reading instanceof ScalarReading scalar && scalar.type().json()) {
            return text; // the expander reads the document
        }
        return value(text, reading);
    }

    // ---- types ----

    private static PgType typeByName(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TYPE_BY_NAME)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? pgType(rs) : null;
            }
        }
    }

    private static PgType typeByOid(Connection connection, long oid, Map<Long, PgType> cache) throws SQLException {
        PgType cached = cache.get(oid);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement statement = connection.prepareStatement(TYPE_BY_OID)) {
            statement.setLong(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no type " + oid + " in pg_type");
                }
                PgType type = pgType(rs);
                cache.put(oid, type);
                return type;
            }
        }
    }

    private static PgType pgType(ResultSet rs) throws SQLException {
        return new PgType(rs.getLong(1), rs.getString(2), rs.getString(3).charAt(0), rs.getString(4).charAt(0), rs.getLong(5), rs.getLong(6));
    }

    private static Reading reading(Connection connection, PgType type, Map<Long, PgType> cache, int depth) throws SQLException {
        if (depth > MAX_DEPTH) {
            return new ScalarReading(type);
        }
        if (type.category() == 'A' && type.element() != 0) {
            return new ArrayReading(type, reading(connection, typeByOid(connection, type.element(), cache), cache, depth + 1));
        }
        if (type.composite()) {
            List<String> names = new ArrayList<>();
            List<Long> oids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(ATTRIBUTES)) {
                statement.setLong(1, type.relation());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                        oids.add(rs.getLong(2));
                    }
                }
            }
            List<Reading> attributes = new ArrayList<>();
            for (long oid : oids) {
                attributes.add(reading(connection, typeByOid(connection, oid, cache), cache, depth + 1));
            }
            return new CompositeReading(type, names, attributes);
        }
        return new ScalarReading(type);
    }

    /**
     * The shape a reading gives: a column's array of scalars or JSON is {@link NestedType.Inferred} (its dimensions are
     * in its values), an array inside a composite a one-dimensional array, an array of composites an array of rows, a composite a row, a JSON column inferred; JSON inside a
     * composite stays text.
     */
    private static NestedType shape(String name, Reading reading, boolean top) {
        if (reading instanceof ArrayReading array) {
            if (array.element() instanceof CompositeReading composite) {
                return NestedType.array(name, shape(composite.type().name(), composite, false));
            }
            // A column's array may have any number of dimensions: read from its values. Inside a composite the
            // expander reads only declared shapes, so it is taken for one dimension.
            return top ? new NestedType.Inferred(name, elementName(array.element()))
                    : NestedType.array(name, shape(elementName(array.element()), array.element(), false));
        }
        if (reading instanceof CompositeReading composite) {
            List<NestedType.Field> fields = new ArrayList<>();
            for (int i = 0; i < composite.names().size(); i++) {
                Reading attribute = composite.attributes().get(i);
                fields.add(NestedType.field(composite.names().get(i), shape(readingName(attribute), attribute, false)));
            }
            return NestedType.row(name, fields);
        }
        ScalarReading scalar = (ScalarReading) reading;
        return top && scalar.type().json() ? new NestedType.Inferred(name, name) : NestedType.scalar(scalar.type().name());
    }

    private static String readingName(Reading reading) {
        if (reading instanceof ArrayReading array) {
            return array.type().name();
        }
        if (reading instanceof CompositeReading composite) {
            return composite.type().name();
        }
        return ((ScalarReading) reading).type().name();
    }

    private static String elementName(Reading reading) {
        return readingName(reading);
    }

    // ---- values from PostgreSQL's text forms ----

    private static Object value(String text, Reading reading) {
        if (text == null) {
            return null;
        }
        if (reading instanceof ArrayReading array) {
            return PgText.array(text, element -> value(element, array.element()));
        }
        if (reading instanceof CompositeReading composite) {
            List<String> fields = PgText.composite(text);
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < composite.names().size(); i++) {
                map.put(composite.names().get(i), i < fields.size() ? value(fields.get(i), composite.attributes().get(i)) : null);
            }
            return map;
        }
        return scalar(text, ((ScalarReading) reading).type());
    }

    /** Numbers and booleans as such (integers as Long, numeric as BigDecimal, float as Double); anything else as its text. */
    private static Object scalar(String text, PgType type) {
        try {
            switch (type.name()) {
                case "int2", "int4", "int8", "oid" -> {
                    return Long.parseLong(text);
                }
                case "numeric" -> {
                    return text.equals("NaN") ? text : new BigDecimal(text);
                }
                case "float4", "float8" -> {
                    double value = Double.parseDouble(text);
                    return Double.isFinite(value) ? value : text;
                }
                case "bool" -> {
                    return text.equals("t");
                }
                default -> {
                    return text;
                }
            }
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
