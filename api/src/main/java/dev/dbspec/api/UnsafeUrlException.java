package dev.dbspec.api;

/** A JDBC URL was refused because an option in it could run code or touch local files. */
public final class UnsafeUrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String engineId;
    private final String option;

    public UnsafeUrlException(String engineId, String option, String reason) {
        super(engineId + ": URL option '" + option + "' is refused: " + reason);
        this.engineId = engineId;
        this.option = option;
    }

    /** The engine whose spec refused the URL. */
    public String engineId() {
        return engineId;
    }

    /** The offending option name as written in the URL. */
    public String option() {
        return option;
    }
}
