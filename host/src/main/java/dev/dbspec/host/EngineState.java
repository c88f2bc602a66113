package dev.dbspec.host;

/** Whether an engine is usable. */
public enum EngineState {
    /** Loaded and ready. */
    STARTED,
    /** Its plugin or spec could not be loaded; the entry says why. */
    FAILED,
    /** Switched off by the operator ({@code disabled.txt} in the plugins directory). */
    DISABLED
}
