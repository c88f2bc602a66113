package dev.dbspec.host;

import java.util.List;

/** More than one engine matches equally well; dbspec never picks one silently. */
public final class AmbiguousEngineException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> candidates;

    public AmbiguousEngineException(String message, List<String> candidates) {
        super(message + ": " + String.join(", ", candidates) + "; name the engine explicitly");
        this.candidates = List.copyOf(candidates);
    }

    /** The engine ids that matched. */
    public List<String> candidates() {
        return candidates;
    }
}
