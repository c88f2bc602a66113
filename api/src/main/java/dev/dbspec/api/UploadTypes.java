package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The types of uploaded CSV values: inferred from the text, and the text converted to the Java value bound for a
 * column of a {@link GenericType}. Inference only picks a type whose value prints back as the same text, so an
 * upload round-trips: {@code 007}, {@code +1}, {@code 1.50} and {@code 1e3} stay strings.
 *
 * <ul>
 *   <li>{@link GenericType#INTEGER}: {@code -?(0|[1-9][0-9]*)} within a signed 64-bit integer ({@link Long});</li>
 *   <li>{@link GenericType#FLOAT}: a decimal that {@link Double#toString} writes back the same ({@link Double});</li>
 *   <li>{@link GenericType#DATE}: {@code yyyy-MM-dd} ({@link LocalDate});</li>
 *   <li>{@link GenericType#TIMESTAMP}: {@code yyyy-MM-dd HH:mm:ss} or with {@code T}, with up to 6 fractional digits
 *       ({@link LocalDateTime}; microseconds are what most engines keep);</li>
 *   <li>{@link GenericType#BOOLEAN}: {@code true} or {@code false} ({@link Boolean});</li>
 *   <li>{@link GenericType#STRING} otherwise, and for a column of NULLs only.</li>
 * </ul>
 * Given types also convert {@link GenericType#DECIMAL} ({@link BigDecimal}) and {@link GenericType#TIME}
 * ({@link LocalTime}); {@code BOOLEAN} then also reads {@code t}/{@code f}, {@code yes}/{@code no} and {@code 1}/{@code 0},
 * and {@code TIMESTAMP} a day ({@code yyyy-MM-dd}, its midnight: an append to a table whose dates read back as timestamps).
 */
public final class UploadTypes {
    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    /** The inference order: the narrowest type that every value of a column fits. */
    private static final List<GenericType> CANDIDATES = List.of(GenericType.INTEGER, GenericType.FLOAT, GenericType.DATE,
            GenericType.TIMESTAMP, GenericType.BOOLEAN);

    private UploadTypes() {
    }

    /** Column types inferred as values are seen; {@link #types()} at the end. */
    public static final class Inference {
        private final boolean[][] possible;
        private final boolean[] seen;

        public Inference(int columns) {
            possible = new boolean[columns][CANDIDATES.size()];
            for (boolean[] column : possible) {
                Arrays.fill(column, true);
            }
            seen = new boolean[columns];
        }

        /** Narrows the candidates of each column by one record's values (nulls fit every type). */
        public void accept(String[] values) {
            for (int i = 0; i < possible.length && i < values.length; i++) {
                String value = values[i];
                if (value == null) {
                    continue;
                }
                seen[i] = true;
                boolean[] column = possible[i];
                for (int t = 0; t < column.length; t++) {
                    if (column[t] && !fits(CANDIDATES.get(t), value)) {
                        column[t] = false;
                    }
                }
            }
        }

        /** The first type still possible per column; {@code STRING} when none is (or no value was seen). */
        public List<GenericType> types() {
            GenericType[] types = new GenericType[possible.length];
            for (int i = 0; i < possible.length; i++) {
                types[i] = GenericType.STRING;
                if (seen[i]) {
                    for (int t = 0; t < CANDIDATES.size(); t++) {
                        if (possible[i][t]) {
                            types[i] = CANDIDATES.get(t);
                            break;
                        }
                    }
                }
            }
            return List.of(types);
        }
    }

    /** Whether inference may give {@code value} the type {@code type} (its text prints back the same). */
    public static boolean fits(GenericType type, String value) {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        try {
            return switch (type) {
                // a canonical integer of at most 18 digits always fits a long and prints back the same; 19 may overflow
                case INTEGER -> canonicalInteger(value) && (value.length() - (value.startsWith("-") ? 1 : 0) < 19
                        || value.equals(Long.toString(Long.parseLong(value))));
                case FLOAT -> canonicalDecimal(value) && Double.toString(Double.parseDouble(value)).equals(value);
                case DATE -> date(value) != null;
                case TIMESTAMP -> {
                    LocalDateTime timestamp = timestamp(value);
                    yield timestamp != null && (value.length() <= 20 || value.length() - 20 <= 6);
                }
                case BOOLEAN -> value.equals("true") || value.equals("false");
                case STRING -> true;
                default -> false;
            };
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code -?(0|[1-9][0-9]{0,18})}, checked by hand: inference runs once per value of a file. */
    private static boolean canonicalInteger(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        int length = value.length() - start;
        if (length < 1 || length > 19 || (value.charAt(start) == '0' && (length > 1 || start == 1))) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code -?(0|[1-9][0-9]*)\.[0-9]+}. */
    private static boolean canonicalDecimal(String value) {
        int dot = value.indexOf('.');
        if (dot < 0 || dot == value.length() - 1) {
            return false;
        }
        int start = value.startsWith("-") ? 1 : 0;
        if (dot == start || (value.charAt(start) == '0' && dot - start > 1)) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i != dot && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code yyyy-MM-dd} read by hand, or null when the text is not one (or not a real day). */
    static LocalDate date(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.f...]} (or with {@code T}, up to 9 fractional digits) read by hand, or null. */
    static LocalDateTime timestamp(String value) {
        int length = value.length();
        if (length < 19 || length == 20 || length > 29) {
            return null;
        }
        char separator = value.charAt(10);
        if ((separator != ' ' && separator != 'T') || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return null;
        }
        LocalDate day = date(value.substring(0, 10));
        int hour = digits(value, 11, 13);
        int minute = digits(value, 14, 16);
        int second = digits(value, 17, 19);
        int nanos = 0;
        if (length > 19) {
            if (value.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(value, 20, length);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day == null || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(day, LocalTime.of(hour, minute, second, nanos));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The number written by the ASCII digits {@code value[from, to)}, or -1 when one is not a digit. */
    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    /**
     * The value bound for a column of {@code type}: a {@link Long}, {@link Double}, {@link BigDecimal}, {@link Boolean},
     * {@link LocalDate}, {@link LocalTime}, {@link LocalDateTime} or {@link String}; null for null.
     *
     * @throws IllegalArgumentException naming the expected form when the text does not convert
     */
    public static Object convert(GenericType type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type) {
                case INTEGER -> Long.parseLong(value.trim());
                case FLOAT -> Double.parseDouble(value.trim());
                case DECIMAL -> new BigDecimal(value.trim());
                case BOOLEAN -> bool(value.trim());
                case DATE -> {
                    LocalDate date = date(value);
                    yield date != null ? date : LocalDate.parse(value.trim());
                }
                case TIME -> LocalTime.parse(value.trim());
                case TIMESTAMP -> {
                    LocalDateTime timestamp = timestamp(value);
                    LocalDate day = timestamp == null ? date(value.trim()) : null;
                    // a day for a timestamp column is its midnight (an engine whose dates read back as timestamps: QuestDB)
                    yield timestamp != null ? timestamp : day != null ? day.atStartOfDay() : LocalDateTime.parse(value.trim(), TIMESTAMP_FORMAT);
                }
                case STRING, JSON, OTHER -> value;
                case BINARY -> throw new IllegalArgumentException("binary columns cannot be uploaded from CSV");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(UploadException.shown(value) + " is not " + expected(type));
        }
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "f", "no", "n", "0" -> Boolean.FALSE;
            default -> throw new NumberFormatException(value);
        };
    }

    private static String expected(GenericType type) {
        return switch (type) {
            case INTEGER -> "an integer";
            case FLOAT -> "a number";
            case DECIMAL -> "a decimal number";
            case BOOLEAN -> "a boolean (true/false)";
            case DATE -> "a date (yyyy-MM-dd)";
            case TIME -> "a time (HH:mm:ss)";
            case TIMESTAMP -> "a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff])";
            default -> "a " + type.name().toLowerCase(Locale.ROOT);
        };
    }
}
