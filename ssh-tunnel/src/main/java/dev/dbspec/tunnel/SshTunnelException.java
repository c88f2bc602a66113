package dev.dbspec.tunnel;

/** An SSH tunnel could not be opened: the server unreachable, its host key not the pinned one, authentication refused. */
public final class SshTunnelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, for people: never holds a password, a private key or a passphrase. */
    public enum Reason {
        UNREACHABLE,
        HOST_KEY_MISMATCH,
        AUTHENTICATION_FAILED,
        BAD_PRIVATE_KEY,
        FORWARDING_REFUSED
    }

    private final Reason reason;

    public SshTunnelException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
