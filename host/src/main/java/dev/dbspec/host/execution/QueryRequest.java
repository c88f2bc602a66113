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
 * @param owner      the authenticated user it runs for (their principal's name), empty for the host's own
 *                   work and Java API callers; per-user policies key on it
 */
public record QueryRequest(String database, Optional<String> databaseId, String sql, long limit,
                           Optional<Duration> timeout, String queryId, Optional<String> owner) {
    /** A request run for no particular user. */
    public QueryRequest(String database, Optional<String> databaseId, String sql, long limit, Optional<Duration> timeout, String queryId) {
        this(database, databaseId, sql, limit, timeout, queryId, Optional.empty());
    }

    public QueryRequest {
        requireNonNull(owner, "owner is null");
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
