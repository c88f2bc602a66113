package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

/**
 * Credentials missing or refused (HTTP 401). The message says why in general terms and never holds
 * the credentials.
 */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean presented;

    /** Credentials were presented and refused. */
    public AuthenticationException(String message) {
        this(message, true);
    }

    private AuthenticationException(String message, boolean presented) {
        super(requireNonNull(message, "message is null"));
        this.presented = presented;
    }

    /** No credentials at all. */
    public static AuthenticationException missing() {
        return new AuthenticationException("a bearer token is required: Authorization: Bearer <token>", false);
    }

    /** Whether credentials were presented (and refused), as opposed to missing. */
    public boolean presented() {
        return presented;
    }
}
