package dev.dbspec.api;

/**
 * A CSV upload refused because of its data: a malformed record or a value that does not fit its column. The
 * message names the line (1-based, of the file, where the record starts) and the column (1-based, and its name
 * when known), and quotes at most 40 characters of the value.
 */
public final class UploadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long line;
    private final int column;

    public UploadException(long line, int column, String message) {
        super("line " + line + (column > 0 ? ", column " + column : "") + ": " + message);
        this.line = line;
        this.column = column;
    }

    /** A failure not tied to a place in the file (a missing column, a target table that already exists). */
    public UploadException(String message) {
        super(message);
        this.line = 0;
        this.column = 0;
    }

    /** The line where the record starts, 0 when not about one record. */
    public long line() {
        return line;
    }

    /** The 1-based column, 0 when not about one value. */
    public int column() {
        return column;
    }

    /** {@code value} quoted for a message, cut to 40 characters. */
    public static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + cut.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }
}
