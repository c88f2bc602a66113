package dev.dbspec.plugin.family;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * PostgreSQL's text forms of arrays ({@code {1,2,"a b",NULL}}, nested braces for more dimensions, an optional
 * {@code [1:2]=} prefix) and composites ({@code (1,"a b",)}, an empty field being NULL), as documented in
 * "Array Value Input" and "Composite Value Input" of the PostgreSQL manual.
 */
final class PgText {
    private PgText() {
    }

    /** The elements of an array literal, each (or null) read by {@code element}; nested dimensions as nested lists. */
    static List<Object> array(String text, Function<String, Object> element) {
        String body = text;
        if (body.startsWith("[")) {
            int equals = body.indexOf('=');
            body = equals < 0 ? body : body.substring(equals + 1);
        }
        int[] at = {0};
        return arrayAt(body, at, element);
    }

    private static List<Object> arrayAt(String text, int[] at, Function<String, Object> element) {
        expect(text, at, '{');
        List<Object> out = new ArrayList<>();
        if (at[0] < text.length() && text.charAt(at[0]) == '}') {
            at[0]++;
            return out;
        }
        while (true) {
            char c = text.charAt(at[0]);
            if (c == '{') {
                out.add(arrayAt(text, at, element));
            } else if (c == '"') {
                out.add(element.apply(quoted(text, at)));
            } else {
                int start = at[0];
                while (text.charAt(at[0]) != ',' && text.charAt(at[0]) != '}') {
                    at[0]++;
                }
                String raw = text.substring(start, at[0]).strip();
                out.add(raw.equalsIgnoreCase("NULL") ? null : element.apply(unescape(raw)));
            }
            char next = text.charAt(at[0]++);
            if (next == '}') {
                return out;
            }
            if (next != ',') {
                throw new IllegalArgumentException("unexpected '" + next + "' in an array literal");
            }
        }
    }

    /** The fields of a composite literal: text, or null for an empty unquoted field. */
    static List<String> composite(String text) {
        int[] at = {0};
        expect(text, at, '(');
        List<String> out = new ArrayList<>();
        while (true) {
            StringBuilder field = new StringBuilder();
            boolean any = false;
            while (at[0] < text.length() && text.charAt(at[0]) != ',' && text.charAt(at[0]) != ')') {
                char c = text.charAt(at[0]);
                if (c == '"') {
                    field.append(quoted(text, at));
                    any = true;
                } else if (c == '\\') {
                    field.append(text.charAt(at[0] + 1));
                    at[0] += 2;
                    any = true;
                } else {
                    field.append(c);
                    at[0]++;
                    any = true;
                }
            }
            out.add(any ? field.toString() : null);
            if (at[0] >= text.length()) {
                throw new IllegalArgumentException("unterminated composite literal");
            }
            char next = text.charAt(at[0]++);
            if (next == ')') {
                return out;
            }
        }
    }

    /** A double-quoted part: {@code \x} is x and, in composites, {@code ""} is a quote. */
    private static String quoted(String text, int[] at) {
        at[0]++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(at[0]++);
            if (c == '\\') {
                out.append(text.charAt(at[0]++));
            } else if (c == '"') {
                if (at[0] < text.length() && text.charAt(at[0]) == '"') {
                    out.append('"');
                    at[0]++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
    }

    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                c = raw.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void expect(String text, int[] at, char c) {
        if (at[0] >= text.length() || text.charAt(at[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' in " + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
        }
        at[0]++;
    }
}
