package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

/** A client error: HTTP status, a short machine-readable code and a message (never a stack trace or secret). */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final java.util.Map<String, String> fields;

    ApiError(int status, String code, String message) {
        this(status, code, message, java.util.Map.of());
    }

    /** An error with one message per refused request field (connection parameters), answered as {@code "fields"}. */
    ApiError(int status, String code, String message, java.util.Map<String, String> fields) {
        super(requireNonNull(message, "message is null"));
        this.status = status;
        this.code = requireNonNull(code, "code is null");
        this.fields = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(requireNonNull(fields, "fields is null")));
    }

    /** Field name to why it is refused; empty for most errors. */
    java.util.Map<String, String> fields() {
        return fields;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
