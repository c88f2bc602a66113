package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Which audit entries to read: the newest {@code limit} ones, optionally of one user, one database, one action.
 *
 * @param limit    1 to {@link #MAX_LIMIT}
 * @param user     only this user's entries
 * @param database only entries about this database
 * @param action   only this action
 */
public record AuditQuery(int limit, Optional<String> user, Optional<String> database, Optional<AuditAction> action) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        requireNonNull(user, "user is null");
        requireNonNull(database, "database is null");
        requireNonNull(action, "action is null");
    }

    /** The newest {@code limit} entries, unfiltered. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(limit, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether {@code entry} passes the filters. */
    public boolean matches(AuditEntry entry) {
        return user.map(entry.user()::equals).orElse(true)
                && database.map(name -> entry.database().map(name::equals).orElse(false)).orElse(true)
                && action.map(entry.action()::equals).orElse(true);
    }
}
