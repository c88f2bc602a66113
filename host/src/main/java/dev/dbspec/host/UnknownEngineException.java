package dev.dbspec.host;

import java.util.List;

/** No engine matches an id, alias or URL; the message lists what is known. */
public final class UnknownEngineException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> known;

    public UnknownEngineException(String message, List<String> known) {
        super(message + "; known: " + String.join(", ", known));
        this.known = List.copyOf(known);
    }

    /** The known engine ids (or URL prefixes) offered instead. */
    public List<String> known() {
        return known;
    }
}
