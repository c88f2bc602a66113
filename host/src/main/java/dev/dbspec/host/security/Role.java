package dev.dbspec.host.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do, each role including the ones below it: a {@link #VIEWER} reads engines, grains and
 * the SQL tools ({@code sql/limit}, {@code sql/inspect}); an {@link #ANALYST} also lists, inspects and
 * queries the databases granted to them; an {@link #ADMIN} does everything (databases, grants, audit,
 * every database and every task).
 */
public enum Role {
    VIEWER,
    ANALYST,
    ADMIN;

    /** The name used in the CLI, the store, JWT role claims and answers: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The role named exactly {@code id} (lower case), if any. */
    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }

    /**
     * The role named {@code id}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Role parse(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown role '" + id + "': admin, analyst or viewer"));
    }
}
