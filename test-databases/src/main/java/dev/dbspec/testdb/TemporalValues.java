package dev.dbspec.testdb;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Reads what drivers return for temporal expressions (java.sql types, java.time types, or text as
 * SQLite returns it) as java.time values, so results can be compared with a reference.
 */
public final class TemporalValues {
    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter();

    private TemporalValues() {
    }

    /** {@code value} as a local date-time, dropping any offset after converting to UTC. */
    public static LocalDateTime toLocalDateTime(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null temporal value");
        }
        if (value instanceof LocalDateTime v) {
            return v;
        }
        if (value instanceof Timestamp v) {
            return v.toLocalDateTime();
        }
        if (value instanceof Date v) {
            return v.toLocalDate().atStartOfDay();
        }
        if (value instanceof LocalDate v) {
            return v.atStartOfDay();
        }
        if (value instanceof OffsetDateTime v) {
            return v.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime v) {
            return v.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof Instant v) {
            return LocalDateTime.ofInstant(v, ZoneOffset.UTC);
        }
        if (value instanceof CharSequence text) {
            var parsed = TEXT.parse(text.toString().trim());
            LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed), LocalTime.from(parsed));
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return local.atOffset(ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)))
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return local;
        }
        throw new IllegalArgumentException("not a temporal value: " + value.getClass().getName() + " " + value);
    }

    /** {@code value} as a local time. */
    public static LocalTime toLocalTime(Object value) {
        if (value instanceof LocalTime v) {
            return v;
        }
        if (value instanceof Time v) {
            return v.toLocalTime();
        }
        if (value instanceof CharSequence text) {
            return LocalTime.parse(text.toString().trim());
        }
        return toLocalDateTime(value).toLocalTime();
    }
}
