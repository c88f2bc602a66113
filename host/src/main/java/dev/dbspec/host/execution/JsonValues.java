package dev.dbspec.host.execution;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dbspec.api.GenericType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/** Writes one JDBC value as JSON: numbers as numbers, temporal values in ISO-8601, binary in Base64. */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * One JDBC value, taken from the result set now and written later by {@link #writeRead}, possibly on another thread:
     * everything that needs the result set (a CLOB's text, an array's text, a value read as text or as a boolean, a
     * JAVA_OBJECT's bytes, never deserialized) is read here; the rest is kept as the driver gave it (numbers, temporal values,
     * bytes), to be encoded there.
     *
     * @param jdbcType the column's {@link java.sql.Types} code, read once from the result's metadata
     */
    static Object read(ResultSet rs, int column, GenericType type, int jdbcType, boolean decimalsAsText) throws SQLException {
        if (jdbcType == java.sql.Types.JAVA_OBJECT) {
            byte[] bytes = rs.getBytes(column);
            return bytes == null ? null : new Base64Text(Base64.getEncoder().encodeToString(bytes));
        }
        if (decimalsAsText && (jdbcType == java.sql.Types.NUMERIC || jdbcType == java.sql.Types.DECIMAL)) {
            // on a driver whose text is exact (EngineSpec.decimalsAsText), the text, when it is a JSON number, is written
            // as it is: no BigDecimal parsed here and printed again on the encoder (a tenth of the host's CPU per row
            // streaming a numeric column); NaN, Infinity or a text that is not a JSON number (".5") is read as a
            // BigDecimal or whatever the driver gives, as before
            String text = rs.getString(column);
            if (text == null) {
                return null;
            }
            if (isJsonNumber(text)) {
                return new NumberText(text);
            }
        }
        Object value = rs.getObject(column);
        if (value == null || rs.wasNull()) {
            return null;
        }
        if (value instanceof String text && type != GenericType.BOOLEAN) {
            return text; // what getString answers for a String: not asked twice
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double || value instanceof Float
                || value instanceof java.time.temporal.TemporalAccessor || value instanceof byte[] || value instanceof java.sql.Timestamp
                || value instanceof java.sql.Date || value instanceof java.sql.Time) {
            return value; // the driver made a new object: converted to text by the encoder, off the reading thread
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
        }
        if (value instanceof Array) {
            return rs.getString(column);
        }
        if (type == GenericType.BOOLEAN) {
            return rs.getBoolean(column);
        }
        return rs.getString(column);
    }

    /**
     * How the columns of one result are read, by the engine's claims ({@link dev.dbspec.api.EngineSpec#timestampsAsLocalDateTime()},
     * {@link dev.dbspec.api.EngineSpec#decimalsAsText()}; other drivers are read with {@code getObject}): a TIMESTAMP
     * column the driver refuses as a {@code LocalDateTime} (pgjdbc: a {@code timestamptz}) is read with {@code getObject}
     * for the rest of the result, without asking again on every row.
     */
    static final class Columns {
        private final GenericType[] types;
        private final int[] jdbcTypes;
        private final boolean decimalsAsText;
        private final boolean[] localDateTimes;

        /**
         * @param types     each column's generic type
         * @param jdbcTypes each column's {@link java.sql.Types} code, read once from the result's metadata
         */
        Columns(boolean timestampsAsLocalDateTime, boolean decimalsAsText, GenericType[] types, int[] jdbcTypes) {
            this.types = types;
            this.jdbcTypes = jdbcTypes;
            this.decimalsAsText = decimalsAsText;
            this.localDateTimes = new boolean[jdbcTypes.length];
            for (int i = 0; i < jdbcTypes.length; i++) {
                localDateTimes[i] = timestampsAsLocalDateTime && jdbcTypes[i] == java.sql.Types.TIMESTAMP;
            }
        }

        static Columns of(dev.dbspec.api.EngineSpec spec, GenericType[] types, int[] jdbcTypes) {
            return new Columns(spec.timestampsAsLocalDateTime(), spec.decimalsAsText(), types, jdbcTypes);
        }

        int count() {
            return types.length;
        }

        /** Column {@code index} (from 0) of the current row, for {@link #writeRead} ({@link JsonValues#read}). */
        Object read(ResultSet rs, int index) throws SQLException {
            Object dateTime = localDateTime(rs, index);
            return dateTime != NO_LOCAL_DATE_TIME ? dateTime : JsonValues.read(rs, index + 1, types[index], jdbcTypes[index], decimalsAsText);
        }

        /** Column {@code index} (from 0) of the current row as a Java value ({@link JsonValues#value}). */
        Object value(ResultSet rs, int index) throws SQLException {
            Object dateTime = localDateTime(rs, index);
            if (dateTime != NO_LOCAL_DATE_TIME) {
                return dateTime == null ? null : dateTimeText((java.time.LocalDateTime) dateTime);
            }
            return JsonValues.value(rs, index + 1, types[index], jdbcTypes[index]);
        }

        private Object localDateTime(ResultSet rs, int index) {
            if (!localDateTimes[index]) {
                return NO_LOCAL_DATE_TIME;
            }
            Object dateTime = readLocalDateTime(rs, index + 1);
            if (dateTime == NO_LOCAL_DATE_TIME) {
                localDateTimes[index] = false;
            }
            return dateTime;
        }
    }

    /** What {@link #readLocalDateTime} answers when the driver cannot give a {@code LocalDateTime}. */
    static final Object NO_LOCAL_DATE_TIME = new Object();

    /**
     * A {@code TIMESTAMP} column's value as a {@link java.time.LocalDateTime} (JDBC 4.2), null for SQL NULL, or
     * {@link #NO_LOCAL_DATE_TIME} when the driver refuses (the caller then reads the column with {@link #read}).
     *
     * <p>Why not {@code getObject}: a {@link java.sql.Timestamp} goes through a {@code Calendar} in the driver and again in
     * {@code toLocalDateTime} (the largest cost per row left streaming timestamps, bench/query-postgresql.sh), and it is
     * a wrong type for a wall-clock time: in this JVM's time zone a time inside a daylight-saving gap does not exist and
     * is moved by an hour, and dates before 1582 are on the Julian calendar. A {@code LocalDateTime} is the value as the
     * database has it, on the proleptic Gregorian calendar the SQL standard and these databases use. PostgreSQL's
     * {@code infinity} and {@code -infinity} come as {@code LocalDateTime.MAX} and {@code MIN} (pgjdbc) and are written
     * as those words.
     */
    static Object readLocalDateTime(ResultSet rs, int column) {
        try {
            return rs.getObject(column, java.time.LocalDateTime.class);
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            return NO_LOCAL_DATE_TIME;
        }
    }

    /** ISO-8601, or PostgreSQL's words for its infinite timestamps ({@link #readLocalDateTime}). */
    static String dateTimeText(java.time.LocalDateTime value) {
        if (value.equals(java.time.LocalDateTime.MAX)) {
            return "infinity";
        }
        if (value.equals(java.time.LocalDateTime.MIN)) {
            return "-infinity";
        }
        return value.toString();
    }

    /** A number's text that is a JSON number ({@link #isJsonNumber}): written as it is. */
    record NumberText(String text) {
    }

    /** Whether {@code text} is a number by JSON's grammar (RFC 8259 section 6): {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    static boolean isJsonNumber(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && text.charAt(i) == '-') {
            i++;
        }
        if (i >= length) {
            return false;
        }
        if (text.charAt(i) == '0') {
            i++;
        } else if (text.charAt(i) >= '1' && text.charAt(i) <= '9') {
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < length && text.charAt(i) == '.') {
            int start = ++i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == length;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Text already encoded (Base64 of a JAVA_OBJECT's bytes): written as it is. */
    record Base64Text(String text) {
    }

    /** Writes a value {@link #read} took: numbers as numbers, temporal values in ISO-8601, binary in Base64, the rest as text. */
    static void writeRead(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        if (value instanceof String text) {
            out.writeString(text);
            return;
        }
        if (writeNumberOrBoolean(out, value)) {
            return;
        }
        if (value instanceof java.time.LocalDateTime dateTime) {
            if (dateTime.equals(java.time.LocalDateTime.MAX) || dateTime.equals(java.time.LocalDateTime.MIN)) {
                out.writeString(dateTimeText(dateTime)); // pgjdbc's infinity and -infinity
            } else {
                writeDateTime(out, dateTime);
            }
        } else if (value instanceof java.sql.Timestamp t) {
            writeDateTime(out, t.toLocalDateTime());
        } else if (value instanceof java.sql.Date d) {
            out.writeString(d.toLocalDate().toString());
        } else if (value instanceof java.sql.Time t) {
            out.writeString(t.toLocalTime().toString());
        } else if (value instanceof byte[] bytes) {
            out.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof NumberText number) {
            out.writeNumber(number.text());
        } else if (value instanceof Base64Text encoded) {
            out.writeString(encoded.text());
        } else {
            out.writeString(value.toString()); // LocalDate, LocalTime, OffsetDateTime...: their ISO-8601 text
        }
    }

    /** Writes a boolean or a number (a non-finite double as its text) and says so; false for any other value. */
    private static boolean writeNumberOrBoolean(JsonGenerator out, Object value) throws IOException {
        if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            out.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            out.writeNumber(decimal);
        } else if (value instanceof Double || value instanceof Float) {
            writeDouble(out, ((Number) value).doubleValue());
        } else {
            return false;
        }
        return true;
    }

    /**
     * {@code value.toString()} written without building the String (a timestamp column is read once per row: the
     * StringBuilder and the date and time Strings of {@link java.time.LocalDateTime#toString} were a fifth of the
     * host's time per row streaming timestamps, bench/query-postgresql.sh).
     */
    static void writeDateTime(JsonGenerator out, java.time.LocalDateTime value) throws IOException {
        byte[] text = new byte[29];
        int length = isoText(value, text);
        if (length < 0) {
            out.writeString(value.toString());
        } else if (out instanceof com.fasterxml.jackson.core.json.UTF8JsonGenerator) {
            // ASCII digits and separators: nothing to escape or encode, written as the bytes they are
            out.writeRawUTF8String(text, 0, length);
        } else {
            out.writeString(new String(text, 0, length, java.nio.charset.StandardCharsets.US_ASCII)); // a generator on a Writer
        }
    }

    /**
     * Writes {@link java.time.LocalDateTime#toString}'s text into {@code text} (29 chars at least) and returns its length;
     * -1 for a year outside 0..9999, whose text has a sign or more digits (the caller uses toString then).
     */
    static int isoText(java.time.LocalDateTime value, byte[] text) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, value.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, value.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, value.getHour(), 2);
        text[13] = ':';
        digits(text, 14, value.getMinute(), 2);
        int second = value.getSecond();
        int nano = value.getNano();
        if (second == 0 && nano == 0) {
            return 16; // LocalTime.toString leaves out zero seconds
        }
        text[16] = ':';
        digits(text, 17, second, 2);
        if (nano == 0) {
            return 19;
        }
        text[19] = '.';
        // milliseconds, microseconds or nanoseconds: the shortest of the three that holds the value, as LocalTime does
        if (nano % 1_000_000 == 0) {
            digits(text, 20, nano / 1_000_000, 3);
            return 23;
        }
        if (nano % 1_000 == 0) {
            digits(text, 20, nano / 1_000, 6);
            return 26;
        }
        digits(text, 20, nano, 9);
        return 29;
    }

    /** {@code value} in {@code width} decimal digits, zero-padded, at {@code offset}. */
    private static void digits(byte[] text, int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static void writeDouble(JsonGenerator out, double value) throws IOException {
        if (Double.isFinite(value)) {
            out.writeNumber(value);
        } else {
            out.writeString(Double.toString(value));
        }
    }

    /**
     * The value {@link #writeRead} writes, as a Java value for {@link dev.dbspec.api.DataExpander}: numbers and
     * booleans as such, temporal values as their ISO-8601 text, binary in Base64, other values as their text.
     */
    static Object value(ResultSet rs, int column, GenericType type, int jdbcType) throws SQLException {
        if (jdbcType == java.sql.Types.JAVA_OBJECT) {
            byte[] bytes = rs.getBytes(column);
            return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
        }
        Object value = rs.getObject(column);
        if (value == null || rs.wasNull()) {
            return null;
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? (Object) d : Double.toString(d);
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
        }
        if (value instanceof java.sql.Timestamp || value instanceof java.sql.Date || value instanceof java.sql.Time
                || value instanceof java.time.temporal.TemporalAccessor || value instanceof byte[]) {
            return plain(value);
        }
        if (type == GenericType.BOOLEAN) {
            return rs.getBoolean(column);
        }
        return rs.getString(column);
    }

    /** A value inside a nested one, made JSON-friendly: temporal values in ISO-8601, binary in Base64, the rest kept. */
    private static Object plain(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time t) {
            return t.toLocalTime().toString();
        }
        if (value instanceof java.time.temporal.TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value;
    }

    /** Writes a plain Java value: maps as objects, lists as arrays, numbers, booleans, text; anything else by its text. */
    static void writeObject(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof java.util.Map<?, ?> map) {
            out.writeStartObject();
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                writeObject(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof java.util.List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                writeObject(out, item);
            }
            out.writeEndArray();
        } else if (!writeNumberOrBoolean(out, value)) {
            Object plain = plain(value);
            out.writeString(plain instanceof String text ? text : String.valueOf(plain));
        }
    }
}
