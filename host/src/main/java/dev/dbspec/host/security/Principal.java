package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

/**
 * Who sent a request, once authenticated: the name that owns their tasks and queries and that grants
 * and the audit log refer to, and their role.
 *
 * @param name   a local user's name, or {@code jwt:} and the token's user claim for an OIDC user (the two
 *               kinds never share a name: local names have no {@code :})
 * @param role   what they may do
 * @param source how they proved it
 */
public record Principal(String name, Role role, Source source) {
    /** How a principal authenticated. */
    public enum Source {
        /** A dbspec access token ({@code dbspec users add}, {@code dbspec tokens rotate} or the bootstrap token). */
        TOKEN,
        /** A JWT from the configured OIDC provider, checked against its JWKS. */
        JWT
    }

    /** The prefix of the names of OIDC users. */
    public static final String JWT_PREFIX = "jwt:";

    public Principal {
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(source, "source is null");
    }

    /** Whether this principal may do what {@code required} may. */
    public boolean has(Role required) {
        return role.includes(required);
    }

    /**
     * The database user this principal runs as on databases registered with impersonation: a local user's name, or an
     * OIDC user's claim without {@link #JWT_PREFIX} (so {@code jwt:alice} and local {@code alice} are the same database
     * user: databases know users by name only).
     */
    public String databaseUser() {
        return name.startsWith(JWT_PREFIX) ? name.substring(JWT_PREFIX.length()) : name;
    }

    /** The owner string recorded with this principal's tasks and queries (their name). */
    public String owner() {
        return name;
    }
}
