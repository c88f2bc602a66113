package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a script, exactly as the user wrote it.
 *
 * <p>The span runs from the statement's first token (a leading comment included) to its last token,
 * without the terminating {@code ;}. When only comments follow the script's last {@code ;}, they stay
 * with the last statement: its span then runs over that {@code ;} to the end of the last comment.
 *
 * @param text  {@code script.substring(start, end)}
 * @param start offset of the first character in the script
 * @param end   offset after the last character in the script
 */
public record Statement(String text, int start, int end) {
    public Statement {
        requireNonNull(text, "text is null");
        if (start < 0 || end < start || end - start != text.length()) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for text of length " + text.length());
        }
    }
}
