package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.host.EngineRegistry;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

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

    /**
     * {@code error} as {@code spec} classifies it ({@link ErrorCategory#OTHER} when its classifier fails), with
     * credentials masked in the message; when the pool could not open a connection, the driver's reason behind it.
     */
    public static QueryFailedException of(EngineSpec spec, SQLException error) {
        SQLException cause = driverError(error);
        ErrorCategory category;
        try {
            category = spec.classifyError(cause);
        } catch (RuntimeException classifierFailure) {
            category = ErrorCategory.OTHER;
        }
        String message = cause.getMessage() == null ? "" : EngineRegistry.redactUrl(cause.getMessage());
        return new QueryFailedException(category, cause.getSQLState(), (cause == error ? "" : "cannot connect: ") + message);
    }

    /** The driver's own error behind a pool's failure to open a connection (HikariCP wraps it), else {@code error}. */
    static SQLException driverError(SQLException error) {
        return error instanceof SQLTransientConnectionException && error.getCause() instanceof SQLException cause ? cause : error;
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
