package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.ErrorCategory;

/** A statement the database could not run, with the engine spec's category for the error. */
public final class QueryFailedException extends RuntimeException implements dev.dbspec.host.services.RetryableFailure {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;
    private final String sqlState;

    public QueryFailedException(ErrorCategory category, String sqlState, String message) {
        super(requireNonNull(message, "message is null"));
        this.category = requireNonNull(category, "category is null");
        this.sqlState = sqlState;
    }

    public ErrorCategory category() {
        return category;
    }

    /** The SQLSTATE, or null. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether running again may succeed (the database was unreachable), as opposed to a bad statement. */
    @Override
    public boolean retryable() {
        return category == ErrorCategory.UNREACHABLE_HOST;
    }
}
