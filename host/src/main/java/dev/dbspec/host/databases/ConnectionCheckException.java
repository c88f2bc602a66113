package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A registration refused because its one test connection failed (REST: 400 {@code connection_failed} with the
 * {@link #category()}); the message is masked of every secret of the candidate registration.
 */
public final class ConnectionCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the test connection failed, as answered in {@code "category"}. */
    public enum Category {
        BAD_CREDENTIALS, UNKNOWN_DATABASE, UNREACHABLE_HOST, TIMEOUT, DRIVER_MISSING, TLS, OTHER;

        /** The lower-case name answered by the REST API. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Category category;

    public ConnectionCheckException(Category category, String message) {
        super(requireNonNull(message, "message is null"));
        this.category = requireNonNull(category, "category is null");
    }

    public Category category() {
        return category;
    }
}
