package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TimeGrainTest {
    // Wednesday 2024-02-28 17:47:38.250; 2024 is a leap year.
    private static final LocalDateTime T = LocalDateTime.of(2024, 2, 28, 17, 47, 38, 250_000_000);

    @Test
    void subDayGrainsFloorToTheirStep() {
        assertThat(TimeGrain.SECOND.truncate(T)).isEqualTo("2024-02-28T17:47:38");
        assertThat(TimeGrain.FIVE_SECONDS.truncate(T)).isEqualTo("2024-02-28T17:47:35");
        assertThat(TimeGrain.THIRTY_SECONDS.truncate(T)).isEqualTo("2024-02-28T17:47:30");
        assertThat(TimeGrain.MINUTE.truncate(T)).isEqualTo("2024-02-28T17:47");
        assertThat(TimeGrain.FIVE_MINUTES.truncate(T)).isEqualTo("2024-02-28T17:45");
        assertThat(TimeGrain.TEN_MINUTES.truncate(T)).isEqualTo("2024-02-28T17:40");
        assertThat(TimeGrain.FIFTEEN_MINUTES.truncate(T)).isEqualTo("2024-02-28T17:45");
        assertThat(TimeGrain.THIRTY_MINUTES.truncate(T)).isEqualTo("2024-02-28T17:30");
        assertThat(TimeGrain.HALF_HOUR.truncate(T)).isEqualTo(TimeGrain.THIRTY_MINUTES.truncate(T));
        assertThat(TimeGrain.HOUR.truncate(T)).isEqualTo("2024-02-28T17:00");
        assertThat(TimeGrain.SIX_HOURS.truncate(T)).isEqualTo("2024-02-28T12:00");
        assertThat(TimeGrain.DAY.truncate(T)).isEqualTo("2024-02-28T00:00");
    }

    @Test
    void weekGrainsFollowTheirAnchors() {
        assertThat(TimeGrain.WEEK.truncate(T)).isEqualTo("2024-02-26T00:00");
        assertThat(TimeGrain.WEEK_STARTING_MONDAY.truncate(T)).isEqualTo("2024-02-26T00:00");
        assertThat(TimeGrain.WEEK_STARTING_SUNDAY.truncate(T)).isEqualTo("2024-02-25T00:00");
        assertThat(TimeGrain.WEEK_ENDING_SATURDAY.truncate(T)).isEqualTo("2024-03-02T00:00");
        assertThat(TimeGrain.WEEK_ENDING_SUNDAY.truncate(T)).isEqualTo("2024-03-03T00:00");
        LocalDateTime sunday = LocalDateTime.of(2023, 1, 1, 10, 0);
        assertThat(TimeGrain.WEEK_STARTING_SUNDAY.truncate(sunday)).isEqualTo("2023-01-01T00:00");
        assertThat(TimeGrain.WEEK_ENDING_SUNDAY.truncate(sunday)).isEqualTo("2023-01-01T00:00");
        assertThat(TimeGrain.WEEK.truncate(sunday)).isEqualTo("2022-12-26T00:00");
    }

    @Test
    void calendarGrains() {
        assertThat(TimeGrain.MONTH.truncate(T)).isEqualTo("2024-02-01T00:00");
        assertThat(TimeGrain.QUARTER.truncate(T)).isEqualTo("2024-01-01T00:00");
        assertThat(TimeGrain.QUARTER.truncate(LocalDateTime.of(2023, 12, 31, 23, 59))).isEqualTo("2023-10-01T00:00");
        assertThat(TimeGrain.QUARTER_YEAR.truncate(LocalDateTime.of(2023, 6, 30, 1, 0))).isEqualTo("2023-04-01T00:00");
        assertThat(TimeGrain.YEAR.truncate(T)).isEqualTo("2024-01-01T00:00");
    }

    @Test
    void preEpochValuesTruncateTowardsTheBucketStart() {
        LocalDateTime before = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000);
        assertThat(TimeGrain.SECOND.truncate(before)).isEqualTo("1969-12-31T23:59:59");
        assertThat(TimeGrain.FIVE_MINUTES.truncate(before)).isEqualTo("1969-12-31T23:55");
        assertThat(TimeGrain.WEEK.truncate(before)).isEqualTo("1969-12-29T00:00");
    }

    @Test
    void findsByIsoKeyOrName() {
        assertThat(TimeGrain.find("PT15M")).contains(TimeGrain.FIFTEEN_MINUTES);
        assertThat(TimeGrain.find("week_ending_sunday")).contains(TimeGrain.WEEK_ENDING_SUNDAY);
        assertThat(TimeGrain.find("1969-12-28T00:00:00Z/P1W")).contains(TimeGrain.WEEK_STARTING_SUNDAY);
        assertThat(TimeGrain.find("P2W")).isEmpty();
        assertThat(TimeGrain.values()).hasSize(21);
    }
}
