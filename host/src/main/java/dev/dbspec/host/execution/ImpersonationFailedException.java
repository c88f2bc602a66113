package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

/**
 * The engine refused to run a request as its user (a role that does not exist, one the login user may not assume, a name
 * the engine cannot hold): the request did not run, neither as that user nor as the login user. REST answers 403
 * {@code impersonation_failed} naming the user.
 */
public final class ImpersonationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String user;

    public ImpersonationFailedException(String user, String reason) {
        super("cannot run as database user '" + requireNonNull(user, "user is null") + "': " + requireNonNull(reason, "reason is null")
                + " (nothing was run)");
        this.user = user;
    }

    /** The database user the request was to run as. */
    public String user() {
        return user;
    }
}
