package dev.dbspec.dialects;

/** Converts offsets to 1-based line and column the way the parser counts them ({@code \r\n}, {@code \r}, {@code \n} end a line; a tab is one column). */
final class TextPosition {
    private TextPosition() {
    }

    /** {@code {line, column}} of {@code offset} in {@code text}. */
    static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    /** The offset of 1-based {@code line} and {@code column} in {@code text}, clamped to its length. */
    static int offset(String text, int line, int column) {
        int currentLine = 1;
        int i = 0;
        while (currentLine < line && i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                currentLine++;
            }
            i++;
        }
        return Math.min(text.length(), Math.max(0, i + column - 1));
    }
}
