package dev.dbspec.testdb;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Timestamps that trip time-grain SQL: leap days, month, quarter and year ends, both DST changes of
 * Europe and the US (as wall-clock values), the epoch and values before it, every weekday, ISO-week
 * year boundaries, and sub-second values next to bucket boundaries. Millisecond precision, which
 * every engine stores exactly.
 */
public final class TimeGrainFixture {
    private static final List<LocalDateTime> VALUES = List.of(
            ts("2024-02-29T13:45:30.123"),   // leap day, Thursday
            ts("2023-02-28T23:59:59.999"),   // end of February in a common year
            ts("2023-01-31T23:59:59.999"),   // month end
            ts("2023-03-31T23:59:59.999"),   // quarter end
            ts("2023-06-30T12:00:00"),       // half-year end, exactly on an hour
            ts("2022-12-31T23:59:59"),       // year end, Saturday
            ts("2023-01-01T00:00:00"),       // year start, Sunday
            ts("2023-01-07T18:30:00"),       // Saturday
            ts("2023-01-08T06:15:00"),       // Sunday
            ts("2023-01-09T00:00:00.001"),   // Monday, just after midnight
            ts("2021-01-03T10:00:00"),       // Sunday ending ISO week 53 of 2020
            ts("2020-12-31T11:11:11"),       // Thursday in ISO week 53
            ts("2023-03-26T02:30:00"),       // Europe spring-forward gap (wall clock)
            ts("2023-10-29T02:30:00"),       // Europe fall-back overlap (wall clock)
            ts("2023-03-12T02:30:00"),       // US spring-forward gap (wall clock)
            ts("2023-11-05T01:30:00"),       // US fall-back overlap (wall clock)
            ts("1970-01-01T00:00:00"),       // the epoch, Thursday
            ts("1969-12-31T23:59:59.500"),   // just before the epoch
            ts("1969-07-20T20:17:40"),       // pre-1970
            ts("1900-03-01T05:05:05"),       // long before the epoch
            ts("2021-06-15T12:34:56.789"),   // sub-second
            ts("2021-06-15T12:14:59.999"),   // just before a 15-minute boundary
            ts("2021-06-15T17:59:29.999"),   // just before a 30-second boundary, last 6-hour bucket start
            ts("2021-06-15T05:59:59.999"),   // just before a 6-hour boundary
            ts("2021-06-15T00:04:04.004"));  // first 5-second and 5-minute buckets of the day

    private TimeGrainFixture() {
    }

    /** The fixture timestamps, in a fixed order. */
    public static List<LocalDateTime> values() {
        return VALUES;
    }

    private static LocalDateTime ts(String text) {
        return LocalDateTime.parse(text);
    }
}
