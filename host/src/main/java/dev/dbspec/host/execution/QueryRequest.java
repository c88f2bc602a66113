package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A statement to run on a registered database.
 *
 * @param database   the database name
 * @param databaseId the registration id the caller saw, if any (workers use it to notice a re-registration)
 * @param sql        the SQL text; only its last statement is limited
 * @param limit      most rows returned
 * @param timeout    longest run time, empty for the configured default
 * @param queryId    an id under which the running query can be cancelled
 */
public record QueryRequest(String database, Optional<String> databaseId, String sql, long limit,
                           Optional<Duration> timeout, String queryId) {
    public QueryRequest {
        requireNonNull(database, "database is null");
        requireNonNull(databaseId, "databaseId is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(queryId, "queryId is null");
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
    }
}
