package dev.dbspec.host.drivers;

import static java.util.Objects.requireNonNull;

/** Why {@code dbspec drivers install} did not install a driver; nothing was left in the plugin's folder. */
public final class DriverInstallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so the CLI can answer with the right exit code and the user with the right fix. */
    public enum Kind {
        /** The repository URL is not https:// or file://, or the version is not a plain version. */
        REFUSED,
        /** The engine cannot have a driver installed: no coordinates in its spec, or a plugin that is a single jar. */
        NOT_INSTALLABLE,
        /** The repository does not hold the driver (or one of its dependencies). */
        NOT_FOUND,
        /** A downloaded file did not match its checksum, or came without one. */
        CHECKSUM,
        /** Anything else: network, disk. */
        FAILED
    }

    private final Kind kind;

    public DriverInstallException(Kind kind, String message) {
        this(kind, message, null);
    }

    public DriverInstallException(Kind kind, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }
}
