package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replace {@code [start, end)} of a text with {@code replacement}; an insertion when start equals end.
 * Applying edits leaves every character outside their spans as it was.
 */
record TextEdit(int start, int end, String replacement) {
    TextEdit {
        requireNonNull(replacement, "replacement is null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    static TextEdit insert(int at, String text) {
        return new TextEdit(at, at, text);
    }

    /** {@code text} with non-overlapping {@code edits} applied; insertions at one offset keep their list order. */
    static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(TextEdit::start));
        StringBuilder out = new StringBuilder(text.length() + 64);
        int cursor = 0;
        for (TextEdit edit : sorted) {
            if (edit.start() < cursor) {
                throw new IllegalArgumentException("overlapping edits: " + edits);
            }
            out.append(text, cursor, edit.start()).append(edit.replacement());
            cursor = edit.end();
        }
        return out.append(text, cursor, text.length()).toString();
    }
}
