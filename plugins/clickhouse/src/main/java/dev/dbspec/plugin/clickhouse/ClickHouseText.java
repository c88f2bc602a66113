package dev.dbspec.plugin.clickhouse;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ClickHouse's quoted text of values, as it writes an array or a tuple inside a TSV result ({@code [1,NULL]},
 * {@code ('x\'y',[1])}) and a partition's value in {@code system.parts.partition} ({@code 1}, {@code (0,'2024-01-01')}):
 * numbers, strings in single quotes with backslash escapes, {@code NULL}, arrays in brackets, tuples in parentheses.
 * Read into plain Java: {@code Long}, {@code BigInteger}, {@code BigDecimal}, {@code Double}, {@code String}, {@code null}
 * and {@code List}s of them; also split at its top-level commas, for partition keys and their values.
 */
final class ClickHouseText {
    private final String text;
    private int at;

    private ClickHouseText(String text) {
        this.text = requireNonNull(text, "text is null");
    }

    /** One value; an {@link IllegalArgumentException} naming the offset when the text is not ClickHouse's quoted form. */
    static Object parse(String text) {
        ClickHouseText reader = new ClickHouseText(text);
        Object value = reader.value();
        reader.spaces();
        if (reader.at != text.length()) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    /**
     * The parts of {@code text} separated by commas outside brackets, parentheses and quotes, trimmed; a text wholly inside
     * one pair of parentheses (a tuple, {@code (intDiv(k, 10), d)}) is split inside them. Empty text has no parts.
     */
    static List<String> topLevelParts(String text) {
        String inner = requireNonNull(text, "text is null").strip();
        if (inner.startsWith("(") && closingParenthesis(inner, 0) == inner.length() - 1) {
            inner = inner.substring(1, inner.length() - 1).strip();
        }
        List<String> parts = new ArrayList<>();
        if (inner.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\'' || c == '`' || c == '"') {
                i = closingQuote(inner, i);
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(inner.substring(start).strip());
        return parts;
    }

    /** Orders parsed values as ClickHouse orders them: nulls first, numbers by value, strings by their characters, tuples by element. */
    static final Comparator<Object> ORDER = ClickHouseText::compare;

    @SuppressWarnings("unchecked")
    private static int compare(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof Number a && right instanceof Number b) {
            return decimal(a).compareTo(decimal(b));
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int order = compare(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
        return String.valueOf(left).compareTo(String.valueOf(right));
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof Double d ? (d.isNaN() || d.isInfinite() ? BigDecimal.valueOf(d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE)
                : BigDecimal.valueOf(d)) : new BigDecimal(number.toString());
    }

    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '`' || c == '"') {
                i = closingQuote(text, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int closingQuote(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == quote) {
                return i;
            }
        }
        return text.length();
    }

    private Object value() {
        spaces();
        if (at >= text.length()) {
            throw error("a value was expected");
        }
        char c = text.charAt(at);
        if (c == '[') {
            return list(']');
        }
        if (c == '(') {
            return list(')');
        }
        if (c == '\'') {
            return string();
        }
        int start = at;
        while (at < text.length() && ",)] \t\n".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String token = text.substring(start, at);
        if (token.equals("NULL")) {
            return null;
        }
        return number(token, start);
    }

    private List<Object> list(char close) {
        at++;
        List<Object> values = new ArrayList<>();
        spaces();
        if (at < text.length() && text.charAt(at) == close) {
            at++;
            return values;
        }
        while (true) {
            values.add(value());
            spaces();
            if (at >= text.length()) {
                throw error("'" + close + "' was expected");
            }
            char c = text.charAt(at++);
            if (c == close) {
                return values;
            }
            if (c != ',') {
                throw error("',' or '" + close + "' was expected");
            }
        }
    }

    /** A quoted string: ClickHouse escapes with backslashes ({@code \'}, {@code \\}, {@code \t}, {@code \n}, {@code \xHH}...). */
    private String string() {
        StringBuilder out = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '\'') {
                flush(bytes, out);
                return out.toString();
            }
            if (c != '\\') {
                flush(bytes, out);
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char escaped = text.charAt(at++);
            if (escaped == 'x' && at + 2 <= text.length()) {
                // \xHH is a byte: several make one UTF-8 character
                bytes.write(Integer.parseInt(text.substring(at, at + 2), 16));
                at += 2;
                continue;
            }
            flush(bytes, out);
            out.append(switch (escaped) {
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case '0' -> '\0';
                case 'a' -> '\u0007';
                case 'v' -> '\u000B';
                default -> escaped;
            });
        }
        throw error("the string is not closed");
    }

    private static void flush(java.io.ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    private Object number(String token, int start) {
        switch (token) {
            case "nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // not a number: left as text (an unquoted token ClickHouse writes, such as an IPv4 address in an old format)
            }
        }
        try {
            if (token.matches("[+-]?\\d+")) {
                BigInteger integer = new BigInteger(token);
                return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
            }
            if (token.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return token.contains("e") || token.contains("E") ? (Object) Double.parseDouble(token) : new BigDecimal(token);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number at offset " + start + " of " + text + ": " + token, e);
        }
        if (token.isEmpty()) {
            throw error("a value was expected");
        }
        return token;
    }

    private void spaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + at + " of ClickHouse value " + text);
    }
}
