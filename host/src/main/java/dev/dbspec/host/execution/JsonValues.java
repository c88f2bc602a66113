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

    /** @param jdbcType the column's {@link java.sql.Types} code, read once from the result's metadata */
    static void write(JsonGenerator out, ResultSet rs, int column, GenericType type, int jdbcType) throws SQLException, IOException {
        if (jdbcType == java.sql.Types.JAVA_OBJECT) {
            // getObject would deserialize user-supplied bytes in the host (H2 JAVA_OBJECT): send the bytes
            byte[] bytes = rs.getBytes(column);
            if (bytes == null) {
                out.writeNull();
            } else {
                out.writeString(Base64.getEncoder().encodeToString(bytes));
            }
            return;
        }
        Object value = rs.getObject(column);
        if (value == null || rs.wasNull()) {
            out.writeNull();
            return;
        }
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
        } else if (value instanceof java.sql.Timestamp t) {
            out.writeString(t.toLocalDateTime().toString());
        } else if (value instanceof java.sql.Date d) {
            out.writeString(d.toLocalDate().toString());
        } else if (value instanceof java.sql.Time t) {
            out.writeString(t.toLocalTime().toString());
        } else if (value instanceof java.time.temporal.TemporalAccessor) {
            out.writeString(value.toString());
        } else if (value instanceof byte[] bytes) {
            out.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Clob clob) {
            out.writeString(clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length())));
        } else if (value instanceof Array) {
            out.writeString(rs.getString(column));
        } else if (type == GenericType.BOOLEAN) {
            out.writeBoolean(rs.getBoolean(column));
        } else {
            out.writeString(rs.getString(column));
        }
    }

    private static void writeDouble(JsonGenerator out, double value) throws IOException {
        if (Double.isFinite(value)) {
            out.writeNumber(value);
        } else {
            out.writeString(Double.toString(value));
        }
    }
}
