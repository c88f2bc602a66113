package dev.dbspec.host.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Local users and the hashes of their tokens (never the tokens). */
public interface UserStore {
    /** Every user, by name. */
    List<UserAccount> users();

    /** The user named {@code name}, if any. */
    default Optional<UserAccount> user(String name) {
        return users().stream().filter(user -> user.name().equals(name)).findFirst();
    }

    /**
     * Adds {@code user} whose token hashes to {@code tokenHash} ({@link AccessTokens#hash}).
     *
     * @return false when the name is taken (nothing changes)
     */
    boolean addUser(UserAccount user, String tokenHash);

    /**
     * Adds {@code user} only while there is no user at all (the bootstrap admin), atomically where the store can.
     *
     * @return false when a user exists
     */
    boolean addFirstUser(UserAccount user, String tokenHash);

    /**
     * Removes the user and the grants made to them, so a later user of the same name inherits nothing.
     *
     * @return false when there is no such user
     */
    boolean removeUser(String name);

    /**
     * Replaces the user's token hash; the old token stops working at once.
     *
     * @return false when there is no such user
     */
    boolean replaceToken(String name, String tokenHash, Instant issued);

    /** The user whose token hashes to {@code tokenHash}, compared in constant time. */
    Optional<UserAccount> userByTokenHash(String tokenHash);
}
