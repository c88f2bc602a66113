package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

/** A client error: HTTP status, a short machine-readable code and a message (never a stack trace or secret). */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(requireNonNull(message, "message is null"));
        this.status = status;
        this.code = requireNonNull(code, "code is null");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
