package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Bounds on queries.
 *
 * @param defaultLimit   rows returned when the request names no limit
 * @param maximumLimit   largest limit accepted
 * @param defaultTimeout statement timeout when the request names none
 * @param maximumTimeout longest timeout accepted
 * @param fetchSize      rows fetched from the driver per round trip
 */
public record QuerySettings(long defaultLimit, long maximumLimit, Duration defaultTimeout, Duration maximumTimeout, int fetchSize) {
    public QuerySettings {
        requireNonNull(defaultTimeout, "defaultTimeout is null");
        requireNonNull(maximumTimeout, "maximumTimeout is null");
        if (defaultLimit < 1 || maximumLimit < defaultLimit || fetchSize < 1) {
            throw new IllegalArgumentException("need 1 <= defaultLimit <= maximumLimit and fetchSize >= 1");
        }
    }

    public static QuerySettings defaults() {
        return new QuerySettings(1_000, 1_000_000, Duration.ofMinutes(5), Duration.ofHours(1), 500);
    }
}
