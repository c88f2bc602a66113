package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import dev.dbspec.dialects.SqlLimits;
import java.time.Duration;

/**
 * Bounds on queries.
 *
 * @param defaultLimit   rows returned when the request names no limit
 * @param maximumLimit   largest limit a request may name (a larger one is refused)
 * @param defaultTimeout statement timeout when the request names none
 * @param maximumTimeout longest timeout accepted
 * @param fetchSize      rows fetched from the driver per round trip
 * @param maxRows        most rows any answer holds, whatever limit the request names (the request's limit is
 *                       lowered to it): the server's hard cap
 * @param sqlLimits      bounds on the SQL text the pipeline parses before anything runs
 */
public record QuerySettings(long defaultLimit, long maximumLimit, Duration defaultTimeout, Duration maximumTimeout, int fetchSize,
                            long maxRows, SqlLimits sqlLimits) {
    /** 100,000 rows, as Superset's {@code SQL_MAX_ROW}. */
    public static final long DEFAULT_MAX_ROWS = 100_000;

    public QuerySettings {
        requireNonNull(defaultTimeout, "defaultTimeout is null");
        requireNonNull(maximumTimeout, "maximumTimeout is null");
        requireNonNull(sqlLimits, "sqlLimits is null");
        if (defaultLimit < 1 || maximumLimit < defaultLimit || fetchSize < 1 || maxRows < 1) {
            throw new IllegalArgumentException("need 1 <= defaultLimit <= maximumLimit, fetchSize >= 1 and maxRows >= 1");
        }
    }

    /** Settings with the default row cap and SQL limits. */
    public QuerySettings(long defaultLimit, long maximumLimit, Duration defaultTimeout, Duration maximumTimeout, int fetchSize) {
        this(defaultLimit, maximumLimit, defaultTimeout, maximumTimeout, fetchSize, DEFAULT_MAX_ROWS, SqlLimits.DEFAULTS);
    }

    public static QuerySettings defaults() {
        return new QuerySettings(1_000, 1_000_000, Duration.ofMinutes(5), Duration.ofHours(1), 500);
    }

    /** The rows a request for {@code requested} rows gets at most: its limit, lowered to {@link #maxRows()}. */
    public long rowLimit(long requested) {
        return Math.min(requested, maxRows);
    }
}
