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
 * @param catalog    the catalog unqualified names resolve in for this request, empty for the connection's
 * @param schema     the schema unqualified names resolve in for this request, empty for the connection's
 * @param runAs      the database user the request runs as on a database registered with impersonation (resolved from
 *                   the requesting user by the REST layer); must be empty on any other database, and present on one
 *                   registered with impersonation (the executor refuses both mismatches: never the login user by default)
 * @param expandData whether nested values are spread into rows and columns ({@link dev.dbspec.api.DataExpander},
 *                   Superset's {@code expand_data}) on an engine claiming {@link dev.dbspec.api.Capability#EXPAND_DATA}
 */
public record QueryRequest(String database, Optional<String> databaseId, String sql, long limit,
                           Optional<Duration> timeout, String queryId, Optional<String> owner,
                           Optional<String> catalog, Optional<String> schema, Optional<String> runAs, boolean expandData) {
    /** A request whose nested values are answered as they are. */
    public QueryRequest(String database, Optional<String> databaseId, String sql, long limit, Optional<Duration> timeout, String queryId,
                        Optional<String> owner, Optional<String> catalog, Optional<String> schema, Optional<String> runAs) {
        this(database, databaseId, sql, limit, timeout, queryId, owner, catalog, schema, runAs, false);
    }

    /** This request with nested values expanded or not. */
    public QueryRequest withExpandData(boolean expand) {
        return new QueryRequest(database, databaseId, sql, limit, timeout, queryId, owner, catalog, schema, runAs, expand);
    }

    /** A request run as the registration's login user. */
    public QueryRequest(String database, Optional<String> databaseId, String sql, long limit, Optional<Duration> timeout, String queryId,
                        Optional<String> owner, Optional<String> catalog, Optional<String> schema) {
        this(database, databaseId, sql, limit, timeout, queryId, owner, catalog, schema, Optional.empty());
    }

    /** A request in the connection's own catalog and schema. */
    public QueryRequest(String database, Optional<String> databaseId, String sql, long limit, Optional<Duration> timeout, String queryId,
                        Optional<String> owner) {
        this(database, databaseId, sql, limit, timeout, queryId, owner, Optional.empty(), Optional.empty());
    }

    /** A request run for no particular user. */
    public QueryRequest(String database, Optional<String> databaseId, String sql, long limit, Optional<Duration> timeout, String queryId) {
        this(database, databaseId, sql, limit, timeout, queryId, Optional.empty());
    }

    /** This request run as {@code user} (empty: as the login user). */
    public QueryRequest withRunAs(Optional<String> user) {
        return new QueryRequest(database, databaseId, sql, limit, timeout, queryId, owner, catalog, schema, user, expandData);
    }

    /** Whether the request runs in another catalog or schema than the connection's. */
    public boolean changesNamespace() {
        return catalog.isPresent() || schema.isPresent();
    }

    public QueryRequest {
        requireNonNull(owner, "owner is null");
        requireNonNull(database, "database is null");
        requireNonNull(databaseId, "databaseId is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(queryId, "queryId is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(runAs, "runAs is null");
        if (catalog.filter(String::isEmpty).isPresent() || schema.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("catalog and schema must not be empty strings");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
    }
}
