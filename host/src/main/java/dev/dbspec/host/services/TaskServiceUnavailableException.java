package dev.dbspec.host.services;

/** The broker or the task state store cannot be reached; the message never holds a password. */
public final class TaskServiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
