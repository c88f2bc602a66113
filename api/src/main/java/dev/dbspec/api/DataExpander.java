package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Superset's {@code expand_data} on plain Java values: nested columns spread into extra rows and columns so a grid
 * can show them. The algorithm is {@code PrestoBaseEngineSpec.expand_data} of Apache Superset
 * ({@code superset/db_engine_specs/presto.py}), step for step:
 *
 * <ul>
 *   <li>Columns are processed from a queue, each with a nesting level (0 for the query's columns). A column not seen
 *       before (by name) joins the answer's columns.</li>
 *   <li>An {@link NestedType.ArrayType array} column: its element type is queued at the end with the next level (so
 *       nested arrays unnest breadth first, under the same name); in every row holding a non-empty list, the first
 *       element replaces the list and every further element goes into the row below, inserting empty rows where the
 *       rows added for that row by earlier arrays of the same level do not suffice (arrays of one level share the
 *       rows they add). An empty list or a NULL stays as it is.</li>
 *   <li>A {@link NestedType.RowType row} column keeps its value; its fields are queued at the front, at the same
 *       level (so they come right after it, and a field that is an array unnests next), named
 *       {@code parent.field}, and listed in {@code expandedColumns}; each row's field values are set from the
 *       row's value, by position from a list (Superset's form) or by name from a map. A NULL or empty value sets none.</li>
 *   <li>Text in an array or row column is read as JSON first ({@code destringify}) and the parsed value replaces it.</li>
 *   <li>Finally every row gets every column; a place nothing was set in holds {@link #ABSENT}, the empty string
 *       Superset puts there, while a database NULL stays {@code null}.</li>
 * </ul>
 *
 * <p>Where Superset's Python does something a typed value cannot (enumerating a JSON object's keys as array
 * elements), or fails (text that is not JSON raises), dbspec leaves the value as it is. {@link NestedType.Inferred}
 * columns (JSON documents, PostgreSQL arrays) get their shape from their values before the expansion: see there.
 */
public final class DataExpander {
    /** What a place the expansion added and left empty holds, as in Superset: the empty string. */
    public static final String ABSENT = "";

    private DataExpander() {
    }

    private record Queued(NestedColumn column, int level) {
    }

    /**
     * Expands {@code rows} (each a map from column name to value; missing names read as absent).
     *
     * @return all columns, the expanded rows and the columns added, as Superset's {@code expand_data}
     */
    public static ExpandedData expand(List<NestedColumn> columns, List<? extends Map<String, ?>> rows) {
        requireNonNull(columns, "columns is null");
        requireNonNull(rows, "rows is null");
        List<Map<String, Object>> data = new ArrayList<>(rows.size());
        for (Map<String, ?> row : rows) {
            data.add(new HashMap<>(requireNonNull(row, "row is null")));
        }
        List<NestedColumn> resolved = new ArrayList<>(columns.size());
        for (NestedColumn column : columns) {
            resolved.add(column.type() instanceof NestedType.Inferred inferred ? infer(column.name(), inferred, data) : column);
        }
        Deque<Queued> toProcess = new ArrayDeque<>();
        for (NestedColumn column : resolved) {
            toProcess.addLast(new Queued(column, 0));
        }
        List<NestedColumn> allColumns = new ArrayList<>();
        Set<String> allNames = new HashSet<>();
        List<NestedColumn> expandedColumns = new ArrayList<>();
        Integer currentArrayLevel = null;
        Map<Integer, Integer> unnestedRows = new HashMap<>();
        while (!toProcess.isEmpty()) {
            Queued queued = toProcess.pollFirst();
            NestedColumn column = queued.column();
            int level = queued.level();
            if (allNames.add(column.name())) {
                allColumns.add(column);
            }
            // Rows added for each original row, shared by the arrays of one level; reset when the level changes.
            if (!Objects.equals(currentArrayLevel, level)) {
                unnestedRows = new HashMap<>();
                currentArrayLevel = level;
            }
            String name = column.name();
            if (column.type() instanceof NestedType.ArrayType array) {
                toProcess.addLast(new Queued(new NestedColumn(name, array.element()), level + 1));
                int i = 0;
                while (i < data.size()) {
                    Map<String, Object> row = data.get(i);
                    Object values = row.get(name);
                    if (values instanceof String text) {
                        values = destringify(text);
                        row.put(name, values);
                    }
                    if (values instanceof List<?> list && !list.isEmpty()) {
                        int extraRows = list.size() - 1;
                        int current = unnestedRows.getOrDefault(i, 0);
                        for (int k = 0; k < extraRows - current; k++) {
                            data.add(i + current + 1, new HashMap<>());
                            unnestedRows.merge(i, 1, Integer::sum);
                        }
                        for (int j = 0; j < list.size(); j++) {
                            data.get(i + j).put(name, list.get(j));
                        }
                        i += unnestedRows.getOrDefault(i, 0);
                    }
                    i++;
                }
            }
            if (column.type() instanceof NestedType.RowType rowType) {
                List<NestedColumn> expanded = new ArrayList<>();
                for (NestedType.Field field : rowType.fields()) {
                    expanded.add(new NestedColumn(name + "." + field.name(), field.type()));
                }
                for (int k = expanded.size() - 1; k >= 0; k--) {
                    toProcess.addFirst(new Queued(expanded.get(k), level));
                }
                expandedColumns.addAll(expanded);
                for (Map<String, Object> row : data) {
                    Object values = row.get(name);
                    if (values instanceof String text && !text.isEmpty()) {
                        values = destringify(text);
                        row.put(name, values);
                    }
                    if (values instanceof List<?> list) {
                        for (int k = 0; k < Math.min(list.size(), expanded.size()); k++) {
                            row.put(expanded.get(k).name(), list.get(k));
                        }
                    } else if (values instanceof Map<?, ?> map) {
                        for (int k = 0; k < expanded.size(); k++) {
                            Object value = fieldValue(map, rowType.fields().get(k).name());
                            if (value != MISSING) {
                                row.put(expanded.get(k).name(), value);
                            }
                        }
                    }
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(data.size());
        for (Map<String, Object> row : data) {
            Map<String, Object> complete = new LinkedHashMap<>();
            for (NestedColumn column : allColumns) {
                complete.put(column.name(), row.containsKey(column.name()) ? row.get(column.name()) : ABSENT);
            }
            out.add(Collections.unmodifiableMap(complete));
        }
        return new ExpandedData(allColumns, out, expandedColumns);
    }

    /** A field of a map-valued row: by its name, else by its name ignoring case (Presto's names are lower-cased). */
    private static Object fieldValue(Map<?, ?> map, String field) {
        if (map.containsKey(field)) {
            return map.get(field);
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() instanceof String key && key.equalsIgnoreCase(field)) {
                return entry.getValue();
            }
        }
        return MISSING;
    }

    /** A field a map does not have: nothing is set, so the place reads {@link #ABSENT}. */
    private static final Object MISSING = new Object();

    /** Superset's {@code destringify}: JSON text to values; text that is not JSON stays as it is. */
    static Object destringify(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    // ---- shapes read from the values ----

    private static NestedColumn infer(String column, NestedType.Inferred inferred, List<Map<String, Object>> data) {
        NestedType shape = null;
        for (Map<String, Object> row : data) {
            Object value = row.get(column);
            if (value instanceof String text) {
                // Text in a column of inferred shape is a JSON document.
                value = destringify(text);
                row.put(column, value);
            }
            shape = merge(shape, shapeOf(value, inferred));
        }
        if (shape == null || !shape.nested()) {
            return new NestedColumn(column, new NestedType.Scalar(inferred.name()));
        }
        return new NestedColumn(column, rename(known(shape, inferred.leaf()), inferred.name()));
    }

    /**
     * The element of an empty array: unknown, like a NULL's shape, so that it takes the shape the other values give
     * ({@code [[1, 2]]} and {@code []} in one column of arrays of arrays still unnest twice); a scalar if none does.
     */
    private static final NestedType.Scalar NO_ELEMENT = new NestedType.Scalar("\u0000no element");

    /** {@code shape} with each element no value ever showed made a scalar of the column's leaf type. */
    private static NestedType known(NestedType shape, String leaf) {
        if (shape == NO_ELEMENT) {
            return new NestedType.Scalar(leaf);
        }
        if (shape instanceof NestedType.ArrayType array) {
            return new NestedType.ArrayType(array.name(), known(array.element(), leaf));
        }
        if (shape instanceof NestedType.RowType row) {
            List<NestedType.Field> fields = new ArrayList<>();
            for (NestedType.Field field : row.fields()) {
                fields.add(new NestedType.Field(field.name(), known(field.type(), leaf)));
            }
            return new NestedType.RowType(row.name(), fields);
        }
        return shape;
    }

    /** The top type keeps the column's own type name. */
    private static NestedType rename(NestedType shape, String name) {
        if (shape instanceof NestedType.ArrayType array) {
            return new NestedType.ArrayType(name, array.element());
        }
        if (shape instanceof NestedType.RowType row) {
            return new NestedType.RowType(name, row.fields());
        }
        return shape;
    }

    /** A value's shape; null for a NULL, which fits any shape. */
    private static NestedType shapeOf(Object value, NestedType.Inferred inferred) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            NestedType element = null;
            for (Object item : list) {
                element = merge(element, shapeOf(item, inferred));
            }
            return new NestedType.ArrayType(inferred.leaf(), element == null ? (list.isEmpty() ? NO_ELEMENT
                    : new NestedType.Scalar(inferred.leaf())) : element);
        }
        if (value instanceof Map<?, ?> map) {
            List<NestedType.Field> fields = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                NestedType type = shapeOf(entry.getValue(), inferred);
                fields.add(new NestedType.Field(String.valueOf(entry.getKey()), type == null ? new NestedType.Scalar(inferred.leaf()) : type));
            }
            return new NestedType.RowType(inferred.leaf(), fields);
        }
        return new NestedType.Scalar(inferred.leaf());
    }

    private static NestedType merge(NestedType a, NestedType b) {
        if (a == null || (a == NO_ELEMENT && b != null)) {
            return b;
        }
        if (b == null || b == NO_ELEMENT || a.equals(b)) {
            return a;
        }
        if (a instanceof NestedType.ArrayType x && b instanceof NestedType.ArrayType y) {
            return new NestedType.ArrayType(x.name(), merge(x.element(), y.element()));
        }
        if (a instanceof NestedType.RowType x && b instanceof NestedType.RowType y) {
            Map<String, NestedType> fields = new LinkedHashMap<>();
            for (NestedType.Field field : x.fields()) {
                fields.put(field.name(), field.type());
            }
            for (NestedType.Field field : y.fields()) {
                fields.merge(field.name(), field.type(), DataExpander::merge);
            }
            List<NestedType.Field> merged = new ArrayList<>();
            fields.forEach((name, type) -> merged.add(new NestedType.Field(name, type)));
            return new NestedType.RowType(x.name(), merged);
        }
        // Different shapes in one place: not expanded.
        return new NestedType.Scalar(a instanceof NestedType.Scalar ? a.name() : b.name());
    }

    // ---- JSON text, for destringify (the SPI depends on the JDK only) ----

    /** A strict RFC 8259 reader: objects to ordered maps, arrays to lists, integers to Long or BigInteger, others to Double. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            json.blanks();
            Object value = json.value(0);
            json.blanks();
            if (json.at != text.length()) {
                throw new IllegalArgumentException("trailing text at " + json.at);
            }
            return value;
        }

        private Object value(int depth) {
            if (depth > 512) {
                throw new IllegalArgumentException("nested too deeply");
            }
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    at++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    blanks();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        blanks();
                        if (at >= text.length() || text.charAt(at) != '"') {
                            throw new IllegalArgumentException("expected a key at " + at);
                        }
                        String key = string();
                        blanks();
                        expect(':');
                        blanks();
                        map.put(key, value(depth + 1));
                        blanks();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    at++;
                    List<Object> list = new ArrayList<>();
                    blanks();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        blanks();
                        list.add(value(depth + 1));
                        blanks();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (text.startsWith("true", at)) {
                        at += 4;
                        return Boolean.TRUE;
                    }
                    if (text.startsWith("false", at)) {
                        at += 5;
                        return Boolean.FALSE;
                    }
                    if (text.startsWith("null", at)) {
                        at += 4;
                        return null;
                    }
                    return number();
                }
            }
        }

        private Object number() {
            int start = at;
            if (peek('-')) {
                // sign
            }
            int digits = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == digits || (text.charAt(digits) == '0' && at - digits > 1)) {
                throw new IllegalArgumentException("bad number at " + start);
            }
            boolean integral = true;
            if (peek('.')) {
                integral = false;
                int fraction = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                if (at == fraction) {
                    throw new IllegalArgumentException("bad number at " + start);
                }
            }
            if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                integral = false;
                at++;
                if (!peek('+')) {
                    peek('-');
                }
                int exponent = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                if (at == exponent) {
                    throw new IllegalArgumentException("bad number at " + start);
                }
            }
            String number = text.substring(start, at);
            if (!integral) {
                return Double.parseDouble(number);
            }
            BigInteger big = new BigInteger(number);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }

        private String string() {
            at++; // the opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw new IllegalArgumentException("unterminated escape");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw new IllegalArgumentException("bad escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
        }

        private void blanks() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
        }
    }
}
