package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Connection parameters were refused: one message per field ({@code port}, {@code options.sslmode}...), each
 * naming the rule the value broke, never the value (it may be a secret).
 */
public final class InvalidParametersException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String engineId;
    private final Map<String, String> fieldErrors;

    public InvalidParametersException(String engineId, Map<String, String> fieldErrors) {
        super(engineId + ": invalid connection parameters: " + new TreeMap<>(fieldErrors));
        this.engineId = requireNonNull(engineId, "engineId is null");
        if (fieldErrors.isEmpty()) {
            throw new IllegalArgumentException("fieldErrors is empty");
        }
        this.fieldErrors = Collections.unmodifiableMap(new TreeMap<>(fieldErrors));
    }

    /** The engine whose parameters were refused. */
    public String engineId() {
        return engineId;
    }

    /** Field name to why its value is refused, sorted by field. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
