package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

/** A request the host refuses, with why; the message never holds a secret. */
public final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request is refused. */
    public enum Kind {
        /** Malformed or unsafe input. */
        INVALID,
        /** An unknown database, engine, query or task. */
        NOT_FOUND,
        /** A name already taken, or a task not in a state that allows the request. */
        CONFLICT,
        /** Allowed input the database's policy refuses (a mutating statement on a read-only database). */
        FORBIDDEN,
        /** A service the request needs (cache, broker, pool) cannot be reached now. */
        UNAVAILABLE,
        /** A feature the database's engine does not have ({@link dev.dbspec.api.Capability}): 422 {@code not_supported}. */
        NOT_SUPPORTED
    }

    private final Kind kind;

    public RequestException(Kind kind, String message) {
        super(requireNonNull(message, "message is null"));
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }
}
