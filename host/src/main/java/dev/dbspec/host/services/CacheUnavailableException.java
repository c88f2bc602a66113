package dev.dbspec.host.services;

/** The shared cache cannot be reached; the message names the cache, never a password. */
public final class CacheUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
