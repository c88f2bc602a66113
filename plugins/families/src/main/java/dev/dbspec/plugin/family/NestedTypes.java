package dev.dbspec.plugin.family;

import dev.dbspec.api.NestedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Type names of nested result columns read into {@link NestedType}s: Presto and Trino ({@code array(T)},
 * {@code row(name T, ...)}), DuckDB ({@code T[]}, {@code T[n]}, {@code STRUCT(name T, ...)}) and the SQL standard's
 * as H2 and HSQLDB spell them ({@code T ARRAY}, {@code ROW("name" T, ...)}). Map types are
 * scalars, as in Superset.
 */
public final class NestedTypes {
    private NestedTypes() {
    }

    /**
     * A Presto or Trino type name, as {@code SHOW COLUMNS} and the JDBC drivers spell it. Field names are lower-cased
     * and unnamed fields are {@code _col0}, {@code _col1}..., as Superset's {@code get_children}; unlike it, a field
     * type with spaces ({@code timestamp(3) with time zone}) keeps its field's name.
     */
    public static NestedType presto(String typeName) {
        String text = typeName.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("array(") && text.endsWith(")")) {
            return NestedType.array(text, presto(text.substring("array(".length(), text.length() - 1)));
        }
        if (lower.startsWith("row(") && text.endsWith(")")) {
            List<NestedType.Field> fields = new ArrayList<>();
            int nameless = 0;
            for (String child : split(text.substring("row(".length(), text.length() - 1))) {
                String[] nameAndType = nameAndType(child.strip(), true);
                if (nameAndType[0] == null) {
                    fields.add(NestedType.field("_col" + nameless++, presto(nameAndType[1])));
                } else {
                    fields.add(NestedType.field(nameAndType[0].toLowerCase(Locale.ROOT), presto(nameAndType[1])));
                }
            }
            return NestedType.row(text, fields);
        }
        return NestedType.scalar(text);
    }

    /** A DuckDB type name as duckdb_jdbc reports it ({@code STRUCT(a INTEGER, "b c" VARCHAR[])[]}); field names as written. */
    public static NestedType duckdb(String typeName) {
        String text = typeName.strip();
        if (text.endsWith("]")) {
            int open = text.lastIndexOf('[');
            if (open > 0 && text.substring(open + 1, text.length() - 1).chars().allMatch(Character::isDigit)) {
                return NestedType.array(text, duckdb(text.substring(0, open)));
            }
        }
        if (text.toUpperCase(Locale.ROOT).startsWith("STRUCT(") && text.endsWith(")")) {
            List<NestedType.Field> fields = new ArrayList<>();
            for (String child : split(text.substring("STRUCT(".length(), text.length() - 1))) {
                String[] nameAndType = nameAndType(child.strip(), false);
                fields.add(NestedType.field(nameAndType[0] == null ? "" : nameAndType[0], duckdb(nameAndType[1])));
            }
            return NestedType.row(text, fields);
        }
        return NestedType.scalar(text);
    }

    /** {@code T ARRAY} or {@code T ARRAY[n]} at the end of a SQL-standard type name (H2, HSQLDB). */
    private static final java.util.regex.Pattern STANDARD_ARRAY = java.util.regex.Pattern.compile("(?i)(.+?)\\s+ARRAY(?:\\s*\\[\\s*\\d+\\s*\\])?");

    /**
     * A SQL-standard type name as H2 and HSQLDB report it: {@code INTEGER ARRAY}, {@code INTEGER ARRAY[2] ARRAY} (an
     * array of arrays, at most 2 each), {@code ROW("A" INTEGER, "B" CHARACTER VARYING(1))}; field names as the engine
     * reports them (H2 quotes them, upper case when they were unquoted).
     */
    public static NestedType standard(String typeName) {
        String text = typeName.strip();
        java.util.regex.Matcher array = STANDARD_ARRAY.matcher(text);
        if (array.matches()) {
            return NestedType.array(text, standard(array.group(1)));
        }
        if (text.toUpperCase(Locale.ROOT).startsWith("ROW(") && text.endsWith(")")) {
            List<NestedType.Field> fields = new ArrayList<>();
            for (String child : split(text.substring("ROW(".length(), text.length() - 1))) {
                String[] nameAndType = nameAndType(child.strip(), false);
                fields.add(NestedType.field(nameAndType[0] == null ? "" : nameAndType[0], standard(nameAndType[1])));
            }
            return NestedType.row(text, fields);
        }
        return NestedType.scalar(text);
    }

    /** Splits on commas outside parentheses, brackets and double quotes. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted; // a doubled quote toggles twice
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.substring(start).isBlank() || !parts.isEmpty()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /**
     * A field's name and type: a quoted name ({@code "a b"}, doubled quotes inside) or the first word, when a type
     * follows. A lone word, or words where the first is a type ({@code timestamp with time zone},
     * {@code double precision}, {@code decimal(10,2)}) in a Presto row without names, has no name.
     */
    private static String[] nameAndType(String child, boolean namesOptional) {
        if (child.startsWith("\"")) {
            StringBuilder name = new StringBuilder();
            int i = 1;
            while (i < child.length()) {
                char c = child.charAt(i);
                if (c == '"') {
                    if (i + 1 < child.length() && child.charAt(i + 1) == '"') {
                        name.append('"');
                        i += 2;
                        continue;
                    }
                    break;
                }
                name.append(c);
                i++;
            }
            return new String[] {name.toString(), child.substring(Math.min(child.length(), i + 1)).strip()};
        }
        int space = child.indexOf(' ');
        if (space < 0) {
            return new String[] {null, child};
        }
        String first = child.substring(0, space);
        String rest = child.substring(space + 1).strip();
        if (namesOptional) {
            String restLower = rest.toLowerCase(Locale.ROOT);
            if (first.contains("(") || restLower.startsWith("with ") || restLower.startsWith("without ")
                    || restLower.equals("precision") || restLower.startsWith("varying")) {
                return new String[] {null, child};
            }
        }
        return new String[] {first, rest};
    }
}
