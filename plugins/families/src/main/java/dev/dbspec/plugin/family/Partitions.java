package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.IdentifierQuoting;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Partition bounds as engines print them, and the predicates selecting one partition's rows: shared by the PostgreSQL and
 * MySQL families (bounds read from the catalog) and the engines partitioning by value (Hive, Presto, Trino, BigQuery).
 *
 * <p>A bound is a list of SQL literals, one per key part, as the engine prints it: numbers ({@code 2024}, {@code -1.5}),
 * quoted strings ({@code '2024-01-01'}, with {@code ''} inside), {@code NULL}, {@code MINVALUE}, {@code MAXVALUE}
 * (case-insensitive), and on MySQL also function calls such as {@code TO_DAYS('2024-01-01')} left as written.
 */
public final class Partitions {
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME)
            .appendPattern("[XXXXX][XXXX][XXX][XX][X]")
            .toFormatter(Locale.ROOT);

    private Partitions() {
    }

    /**
     * Splits {@code text} at the commas outside quotes ({@code '...'}, {@code "..."}, {@code `...`}, doubled quotes
     * inside) and parentheses, trimming each part: {@code "'a,b', f(1, 2), 3"} gives {@code 'a,b'}, {@code f(1, 2)}, {@code 3}.
     */
    public static List<String> splitTopLevel(String text) {
        requireNonNull(text, "text is null");
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        i++; // a doubled quote stays inside
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        String last = text.substring(start).trim();
        if (!last.isEmpty() || !parts.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    /**
     * The texts inside the top-level parentheses of {@code text}, in order (quotes skipped, nested parentheses kept):
     * {@code FOR VALUES FROM ('a', 1) TO (f(2), 3)} gives {@code 'a', 1} and {@code f(2), 3}.
     */
    public static List<String> parenthesizedGroups(String text) {
        requireNonNull(text, "text is null");
        List<String> groups = new ArrayList<>();
        int depth = 0;
        int open = -1;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (c == ')' && depth > 0 && --depth == 0) {
                groups.add(text.substring(open + 1, i));
            }
        }
        return groups;
    }

    public static boolean isMinValue(String literal) {
        return literal.trim().equalsIgnoreCase("MINVALUE");
    }

    public static boolean isMaxValue(String literal) {
        return literal.trim().equalsIgnoreCase("MAXVALUE");
    }

    public static boolean isNull(String literal) {
        return literal.trim().equalsIgnoreCase("NULL");
    }

    /** The text of a quoted string literal ({@code 'it''s'} gives {@code it's}), empty when {@code literal} is not one. */
    public static Optional<String> unquote(String literal) {
        String text = literal.trim();
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return Optional.of(text.substring(1, text.length() - 1).replace("''", "'"));
        }
        return Optional.empty();
    }

    /** A quoted SQL string literal of {@code value}, quotes doubled. */
    public static String quoteString(String value) {
        return "'" + requireNonNull(value, "value is null").replace("'", "''") + "'";
    }

    /**
     * A date or date-time in {@code text} ({@code 2024-01-01}, {@code 2024-01-01 10:00:00.5}, {@code 2024-01-01 10:00:00+00}),
     * empty when it is none.
     */
    public static Optional<TemporalAccessor> parseTemporal(String text) {
        String value = text.trim();
        for (var parser : List.<java.util.function.Function<String, TemporalAccessor>>of(
                v -> LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE),
                v -> LocalDateTime.parse(v, LOCAL_DATE_TIME),
                v -> OffsetDateTime.parse(v, OFFSET_DATE_TIME))) {
            try {
                return Optional.of(parser.apply(value));
            } catch (DateTimeParseException e) {
                // not this form: try the next
            }
        }
        return Optional.empty();
    }

    /**
     * {@code literal} as {@code spec} writes a literal of a column of {@code nativeType}: a quoted date or date-time becomes
     * the engine's typed literal ({@link EngineSpec#datetimeLiteral(String, TemporalAccessor)}, such as {@code DATE '2024-01-01'}
     * or MySQL's {@code STR_TO_DATE(...)}); anything else (numbers, strings, NULL, a type unknown) stays as the engine printed it,
     * which is already a literal it reads.
     */
    public static String literalFor(EngineSpec spec, Optional<String> nativeType, String literal) {
        requireNonNull(spec, "spec is null");
        String text = literal.trim();
        if (nativeType.isEmpty()) {
            return text;
        }
        Optional<TemporalAccessor> value = unquote(text).flatMap(Partitions::parseTemporal);
        if (value.isEmpty()) {
            return text;
        }
        try {
            return spec.datetimeLiteral(nativeType.get(), value.get()).orElse(text);
        } catch (java.time.DateTimeException e) {
            return text; // a date given for a time-of-day type, or the reverse: keep the engine's own text
        }
    }

    /**
     * Orders bound literals: {@code MINVALUE} and {@code NULL} first, {@code MAXVALUE} last, numbers by value, quoted
     * dates and date-times by time, other quoted strings by code point (which may differ from the column's collation),
     * anything else by its text. Rows of literals compare part by part.
     */
    public static final Comparator<String> LITERAL_ORDER = Partitions::compareLiterals;

    /** Lexicographic order of bounds by {@link #LITERAL_ORDER}. */
    public static final Comparator<List<String>> BOUND_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareLiterals(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static int compareLiterals(String a, String b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb || ra != 1) {
            return Integer.compare(ra, rb);
        }
        Optional<BigDecimal> na = number(a);
        Optional<BigDecimal> nb = number(b);
        if (na.isPresent() && nb.isPresent()) {
            return na.get().compareTo(nb.get());
        }
        Optional<String> sa = unquote(a);
        Optional<String> sb = unquote(b);
        if (sa.isPresent() && sb.isPresent()) {
            Optional<TemporalAccessor> ta = sa.flatMap(Partitions::parseTemporal);
            Optional<TemporalAccessor> tb = sb.flatMap(Partitions::parseTemporal);
            if (ta.isPresent() && tb.isPresent()) {
                return instantish(ta.get()).compareTo(instantish(tb.get()));
            }
            return sa.get().compareTo(sb.get());
        }
        return a.trim().compareTo(b.trim());
    }

    /** 0 for MINVALUE and NULL, 1 for values, 2 for MAXVALUE. */
    private static int rank(String literal) {
        if (isMinValue(literal) || isNull(literal)) {
            return 0;
        }
        return isMaxValue(literal) ? 2 : 1;
    }

    private static Optional<BigDecimal> number(String literal) {
        try {
            return Optional.of(new BigDecimal(literal.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A comparable date-time: dates at midnight, offsets moved to UTC. */
    private static LocalDateTime instantish(TemporalAccessor value) {
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
        }
        return (LocalDateTime) value;
    }

    // ---- predicates ----

    /**
     * The predicate of a RANGE partition {@code lower <= key < upper}: {@code key >= lower AND key < upper} for one key
     * part, row comparisons {@code (k1, k2) >= (l1, l2)} for several (lexicographic, as PostgreSQL and MySQL route rows).
     * A bound stops at its first {@code MINVALUE} or {@code MAXVALUE} (PostgreSQL's {@code FROM (1, MINVALUE)} is
     * {@code k1 >= 1}, {@code TO (1, MAXVALUE)} is {@code k1 <= 1}); an empty or unbounded side gives no condition.
     *
     * @param keys  the key's SQL expressions
     * @param lower the inclusive lower bound's literals, empty when unbounded below
     * @param upper the exclusive upper bound's literals, empty when unbounded above
     * @return the predicate, {@code 1 = 1} when both sides are unbounded
     */
    public static String rangePredicate(List<String> keys, List<String> lower, List<String> upper) {
        requireNonNull(keys, "keys is null");
        List<String> conditions = new ArrayList<>();
        side(keys, lower, true).ifPresent(conditions::add);
        side(keys, upper, false).ifPresent(conditions::add);
        return conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
    }

    private static Optional<String> side(List<String> keys, List<String> bound, boolean lower) {
        if (bound.isEmpty()) {
            return Optional.empty();
        }
        int cut = bound.size();
        String operator = lower ? ">=" : "<";
        for (int i = 0; i < bound.size(); i++) {
            if (isMinValue(bound.get(i)) || isMaxValue(bound.get(i))) {
                cut = i;
                boolean max = isMaxValue(bound.get(i));
                // Past the prefix, MINVALUE and MAXVALUE decide whether the prefix itself is inside.
                operator = lower ? (max ? ">" : ">=") : (max ? "<=" : "<");
                break;
            }
        }
        if (cut == 0) {
            return Optional.empty();
        }
        List<String> values = bound.subList(0, cut);
        List<String> parts = keys.subList(0, cut);
        if (cut == 1) {
            return Optional.of(parts.get(0) + " " + operator + " " + values.get(0));
        }
        return Optional.of("(" + String.join(", ", parts) + ") " + operator + " (" + String.join(", ", values) + ")");
    }

    /**
     * The predicate of a LIST partition of one key: {@code key IN (v1, v2)}, and {@code key IS NULL} ORed in when
     * {@code NULL} is listed ({@code IN} never matches NULL).
     */
    public static String listPredicate(String key, List<String> values) {
        requireNonNull(key, "key is null");
        List<String> notNull = values.stream().filter(v -> !isNull(v)).toList();
        boolean withNull = notNull.size() != values.size();
        String in = notNull.isEmpty() ? null : key + " IN (" + String.join(", ", notNull) + ")";
        if (!withNull) {
            return in == null ? "1 = 0" : in;
        }
        return in == null ? key + " IS NULL" : "(" + in + " OR " + key + " IS NULL)";
    }

    /**
     * The predicate of a partition of an engine partitioning by value: {@code k1 = v1 AND k2 = v2} with each column
     * quoted by {@code quoting}, {@code IS NULL} for a NULL value.
     */
    public static String valuePredicate(IdentifierQuoting quoting, List<String> columns, List<String> values) {
        requireNonNull(quoting, "quoting is null");
        if (columns.size() != values.size() || columns.isEmpty()) {
            throw new IllegalArgumentException("one value per partition column is needed: " + columns + " " + values);
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = quoting.quote(columns.get(i));
            conditions.add(isNull(values.get(i)) ? column + " IS NULL" : column + " = " + values.get(i));
        }
        return String.join(" AND ", conditions);
    }
}
