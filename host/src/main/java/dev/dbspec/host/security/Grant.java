package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An analyst's right to list, inspect and query one database.
 *
 * @param database  the database name
 * @param user      the grantee: a local user name or {@code jwt:<user claim>}
 * @param grantedBy who granted it
 * @param at        when
 */
public record Grant(String database, String user, String grantedBy, Instant at) {
    public Grant {
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        requireNonNull(grantedBy, "grantedBy is null");
        requireNonNull(at, "at is null");
    }
}
