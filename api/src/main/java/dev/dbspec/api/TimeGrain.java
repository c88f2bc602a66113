package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * The 21 standard time grains, keyed by their ISO-8601 duration (the keys Superset stores), each with
 * its exact meaning given by {@link #truncate(LocalDateTime)}.
 *
 * <p>An engine spec maps the grains it supports to SQL templates over a column ({@code {col}}); the
 * conformance kit executes every template and compares each value with {@code truncate}. Week grains
 * follow the anchors in their ISO keys: {@link #WEEK} is the ISO week (starting Monday), the "ending"
 * grains label a week by its last day.
 */
public enum TimeGrain {
    SECOND("PT1S", "Second"),
    FIVE_SECONDS("PT5S", "5 second"),
    THIRTY_SECONDS("PT30S", "30 second"),
    MINUTE("PT1M", "Minute"),
    FIVE_MINUTES("PT5M", "5 minute"),
    TEN_MINUTES("PT10M", "10 minute"),
    FIFTEEN_MINUTES("PT15M", "15 minute"),
    THIRTY_MINUTES("PT30M", "30 minute"),
    /** Legacy alias of {@link #THIRTY_MINUTES}. */
    HALF_HOUR("PT0.5H", "Half hour"),
    HOUR("PT1H", "Hour"),
    SIX_HOURS("PT6H", "6 hour"),
    DAY("P1D", "Day"),
    /** ISO week: starts on Monday. */
    WEEK("P1W", "Week"),
    WEEK_STARTING_SUNDAY("1969-12-28T00:00:00Z/P1W", "Week starting Sunday"),
    WEEK_STARTING_MONDAY("1969-12-29T00:00:00Z/P1W", "Week starting Monday"),
    /** Labelled by the Saturday that ends the week (the same day when it is a Saturday). */
    WEEK_ENDING_SATURDAY("P1W/1970-01-03T00:00:00Z", "Week ending Saturday"),
    /** Labelled by the Sunday that ends the week (the same day when it is a Sunday). */
    WEEK_ENDING_SUNDAY("P1W/1970-01-04T00:00:00Z", "Week ending Sunday"),
    MONTH("P1M", "Month"),
    QUARTER("P3M", "Quarter"),
    /** Legacy alias of {@link #QUARTER}. */
    QUARTER_YEAR("P0.25Y", "Quarter year"),
    YEAR("P1Y", "Year");

    private final String iso;
    private final String displayName;

    TimeGrain(String iso, String displayName) {
        this.iso = iso;
        this.displayName = displayName;
    }

    /** The ISO-8601 key, for example {@code PT5M} or {@code 1969-12-28T00:00:00Z/P1W}. */
    public String iso() {
        return iso;
    }

    /** The display name, for example {@code 5 minute}. */
    public String displayName() {
        return displayName;
    }

    /**
     * Finds a grain by ISO key ({@code PT1H}) or constant name ({@code HOUR}, case-insensitive).
     */
    public static Optional<TimeGrain> find(String isoOrName) {
        requireNonNull(isoOrName, "isoOrName is null");
        for (TimeGrain grain : values()) {
            if (grain.iso.equals(isoOrName) || grain.name().equals(isoOrName.toUpperCase(Locale.ROOT))) {
                return Optional.of(grain);
            }
        }
        return Optional.empty();
    }

    /**
     * The reference meaning of this grain: the start (or, for "ending" week grains, the label day)
     * of the bucket that contains {@code value}.
     */
    public LocalDateTime truncate(LocalDateTime value) {
        requireNonNull(value, "value is null");
        LocalDateTime minute = value.truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime hour = value.truncatedTo(ChronoUnit.HOURS);
        LocalDateTime day = value.truncatedTo(ChronoUnit.DAYS);
        switch (this) {
            case SECOND:
                return value.truncatedTo(ChronoUnit.SECONDS);
            case FIVE_SECONDS:
                return minute.plusSeconds(floor(value.getSecond(), 5));
            case THIRTY_SECONDS:
                return minute.plusSeconds(floor(value.getSecond(), 30));
            case MINUTE:
                return minute;
            case FIVE_MINUTES:
                return hour.plusMinutes(floor(value.getMinute(), 5));
            case TEN_MINUTES:
                return hour.plusMinutes(floor(value.getMinute(), 10));
            case FIFTEEN_MINUTES:
                return hour.plusMinutes(floor(value.getMinute(), 15));
            case THIRTY_MINUTES:
            case HALF_HOUR:
                return hour.plusMinutes(floor(value.getMinute(), 30));
            case HOUR:
                return hour;
            case SIX_HOURS:
                return day.plusHours(floor(value.getHour(), 6));
            case DAY:
                return day;
            case WEEK:
            case WEEK_STARTING_MONDAY:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case WEEK_STARTING_SUNDAY:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            case WEEK_ENDING_SATURDAY:
                return day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
            case WEEK_ENDING_SUNDAY:
                return day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH:
                return day.withDayOfMonth(1);
            case QUARTER:
            case QUARTER_YEAR:
                return day.withDayOfMonth(1).withMonth((value.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR:
                return day.withDayOfYear(1);
        }
        throw new AssertionError(this);
    }

    private static int floor(int value, int step) {
        return value / step * step;
    }
}
