package dev.dbspec.api;

/**
 * A JDBC URL or connection property was refused: an option not on the engine's allow-list, a value
 * its rule refuses, a form the driver reads differently from the check, or a local path outside the
 * host's files directory. The message names the option and the reason, never a value.
 */
public final class UnsafeUrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String engineId;
    private final String option;

    public UnsafeUrlException(String engineId, String option, String reason) {
        super(engineId + ": URL option '" + option + "' is refused: " + reason);
        this.engineId = engineId;
        this.option = option;
    }

    private UnsafeUrlException(String engineId, String reason, boolean wholeUrl) {
        super(engineId + ": the URL is refused: " + reason);
        this.engineId = engineId;
        this.option = "";
    }

    /** The URL as a whole is refused (a form the driver reads differently, a path outside the files directory). */
    public static UnsafeUrlException url(String engineId, String reason) {
        return new UnsafeUrlException(engineId, reason, true);
    }

    /** The engine whose spec refused the URL. */
    public String engineId() {
        return engineId;
    }

    /** The offending option name as the driver reads it; empty when the URL as a whole is refused. */
    public String option() {
        return option;
    }
}
