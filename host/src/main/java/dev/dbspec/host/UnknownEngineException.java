package dev.dbspec.host;

import java.util.List;

/** No engine matches an id, alias or URL; the message lists what is known. */
public final class UnknownEngineException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> known;

    public UnknownEngineException(String message, List<String> known) {
        this(message, known, "known: ");
    }

    private UnknownEngineException(String message, List<String> known, String label) {
        super(message + "; " + (known.isEmpty() ? "`dbspec engines` lists every URL prefix" : label + String.join(", ", known)));
        this.known = List.copyOf(known);
    }

    /** No engine serves a URL: offers the few close prefixes (a typo), never the whole list. */
    public static UnknownEngineException forUrl(String message, List<String> closePrefixes) {
        return new UnknownEngineException(message, closePrefixes, "did you mean: ");
    }

    /** No engine has this id: offers the few close ids (a typo), or every known id when none is close. */
    public static UnknownEngineException forId(String message, List<String> closeIds, List<String> allIds) {
        return closeIds.isEmpty() ? new UnknownEngineException(message, allIds) : new UnknownEngineException(message, closeIds, "did you mean: ");
    }

    /** The known engine ids (or the close URL prefixes) offered instead. */
    public List<String> known() {
        return known;
    }
}
