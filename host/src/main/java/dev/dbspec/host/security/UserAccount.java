package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A local user as the store lists it: never the token nor its hash.
 *
 * @param name          letters, digits, {@code _ . @ -}, starting with a letter or digit, at most 64
 * @param role          what the user may do
 * @param created       when the user was added
 * @param tokenIssued   when the current token was issued (added or rotated)
 */
public record UserAccount(String name, Role role, Instant created, Instant tokenIssued) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@\\-]{0,63}");

    public UserAccount {
        checkName(name);
        requireNonNull(role, "role is null");
        requireNonNull(created, "created is null");
        requireNonNull(tokenIssued, "tokenIssued is null");
    }

    /**
     * Checks a local user name.
     *
     * @throws IllegalArgumentException when it is not 1 to 64 letters, digits, {@code _ . @ -} starting with a letter or digit
     */
    public static String checkName(String name) {
        requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid user name: 1 to 64 letters, digits, '_', '.', '@' or '-', "
                    + "starting with a letter or digit");
        }
        return name;
    }

    /**
     * Checks the name of a grant's user: a local name, or {@code jwt:} and an OIDC user claim (at most 256
     * printable characters).
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String checkGrantee(String name) {
        requireNonNull(name, "name is null");
        if (name.startsWith(Principal.JWT_PREFIX)) {
            String subject = name.substring(Principal.JWT_PREFIX.length());
            if (!JwtVerifier.isAcceptableUserClaim(subject)) {
                throw new IllegalArgumentException("invalid OIDC user name: 'jwt:' then 1 to 256 printable characters");
            }
            return name;
        }
        return checkName(name);
    }
}
