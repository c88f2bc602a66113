package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * SQL text that the engine's parser configuration cannot read: an unterminated string, quoted name or
 * comment, or a statement the engine's grammar rejects. Carries the engine id, the 1-based line and
 * column in the script, the offending token as written (empty at end of input) and the parser's reason.
 */
public final class SqlParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String engineId;
    private final int line;
    private final int column;
    private final String token;
    private final String reason;

    public SqlParseException(String engineId, int line, int column, String token, String reason) {
        super(message(engineId, line, column, token, reason));
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.line = line;
        this.column = column;
        this.token = requireNonNull(token, "token is null");
        this.reason = requireNonNull(reason, "reason is null");
    }

    private static String message(String engineId, int line, int column, String token, String reason) {
        String near = token.isEmpty() ? "at end of input" : "near '" + token + "'";
        return engineId + ": cannot parse SQL at line " + line + ", column " + column + " " + near + ": " + reason;
    }

    /** The id of the engine whose configuration was used. */
    public String engineId() {
        return engineId;
    }

    /** 1-based line in the script. */
    public int line() {
        return line;
    }

    /** 1-based column in the line. */
    public int column() {
        return column;
    }

    /** The offending token as written in the script, empty at end of input. */
    public String token() {
        return token;
    }

    /** Why the text was rejected, without the position. */
    public String reason() {
        return reason;
    }
}
