package dev.dbspec.api;

/** What went wrong, independent of the engine's wording. */
public enum ErrorCategory {
    BAD_CREDENTIALS,
    UNREACHABLE_HOST,
    UNKNOWN_DATABASE,
    SYNTAX,
    MISSING_TABLE,
    PERMISSION,
    TIMEOUT,
    /** The statement was cancelled on request. */
    CANCELLED,
    OTHER
}
