package dev.dbspec.host.security;

import java.util.List;

/** Which users may use which databases beyond their role (analysts: list, inspect, query). */
public interface GrantStore {
    /** The grants on {@code database}, by user. */
    List<Grant> grants(String database);

    /** The grants made to {@code user}, by database. */
    List<Grant> grantsTo(String user);

    /** Whether {@code user} holds a grant on {@code database}. */
    default boolean isGranted(String database, String user) {
        return grantsTo(user).stream().anyMatch(grant -> grant.database().equals(database));
    }

    /**
     * Adds {@code grant}.
     *
     * @return false when that user already holds a grant on that database (nothing changes)
     */
    boolean addGrant(Grant grant);

    /**
     * Removes the grant of {@code user} on {@code database}.
     *
     * @return false when there was none
     */
    boolean removeGrant(String database, String user);

    /** Removes every grant on {@code database} (it was removed: a new database of that name starts without grants). */
    void removeGrants(String database);
}
