package dev.dbspec.host.services;

/**
 * Tells whether a task failure may succeed when run again; failures that do not implement it are
 * retried. A task service retries a retryable failure up to its bound, then dead-letters the task.
 */
public interface RetryableFailure {
    boolean retryable();
}
