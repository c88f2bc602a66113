package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an engine made of a statement it parsed and planned without running it
 * ({@link EngineSpec#validate(java.sql.Connection, String)}).
 *
 * @param valid  whether the engine accepted the statement
 * @param errors the errors, empty when valid
 */
public record SqlValidation(boolean valid, List<Problem> errors) {
    private static final Pattern POSTGRES_POSITION = Pattern.compile("(?m)^\\s*Position: (\\d+)\\s*$");

    /**
     * One error, located in the user's text.
     *
     * @param line    1-based line in the text as the user wrote it
     * @param column  1-based column (in characters) on that line
     * @param message the engine's message
     */
    public record Problem(int line, int column, String message) {
        public Problem {
            requireNonNull(message, "message is null");
            if (line < 1 || column < 1) {
                throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
            }
        }
    }

    public SqlValidation {
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
        if (valid != errors.isEmpty()) {
            throw new IllegalArgumentException("a valid statement has no errors, an invalid one at least one");
        }
    }

    /** The statement is valid. */
    public static SqlValidation ok() {
        return new SqlValidation(true, List.of());
    }

    /** The statement is invalid for the reason {@code message}, at {@code line}:{@code column}. */
    public static SqlValidation invalid(int line, int column, String message) {
        return new SqlValidation(false, List.of(new Problem(line, column, message)));
    }

    /**
     * The error at character {@code offset} (0-based, in code points, as engines count characters) of {@code sql},
     * as line and column; an offset outside the text is placed at 1:1.
     */
    public static SqlValidation invalidAt(String sql, int offset, String message) {
        requireNonNull(sql, "sql is null");
        if (offset < 0 || offset > sql.codePointCount(0, sql.length())) {
            return invalid(1, 1, message);
        }
        int index = sql.offsetByCodePoints(0, offset);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return invalid(line, sql.codePointCount(lineStart, index) + 1, message);
    }

    /**
     * A PostgreSQL-protocol error: the server's {@code Position} (1-based character in the text sent, which was the
     * user's text after {@code prefixLength} characters of prefix such as {@code EXPLAIN }) gives line and column;
     * without one, 1:1. The message is the first line of the driver's message.
     */
    public static SqlValidation fromPostgresError(String sql, int prefixLength, SQLException error) {
        String message = String.valueOf(error.getMessage());
        Matcher position = POSTGRES_POSITION.matcher(message);
        String firstLine = message.lines().findFirst().orElse(message).strip();
        if (position.find()) {
            try {
                return invalidAt(sql, Integer.parseInt(position.group(1)) - 1 - prefixLength, firstLine);
            } catch (NumberFormatException e) {
                return invalid(1, 1, firstLine);
            }
        }
        return invalid(1, 1, firstLine);
    }

    /**
     * The first word of {@code sql} in upper case, after blanks and {@code --} and {@code /* *}{@code /} comments;
     * empty when the text does not start with a word (a parenthesis, a quote...).
     */
    public static Optional<String> firstKeyword(String sql) {
        requireNonNull(sql, "sql is null");
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return Optional.empty();
                }
                i = end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        // "SELECT" followed by a letter-like character is one word; a word must end the keyword cleanly
        return i == start ? Optional.empty() : Optional.of(sql.substring(start, i).toUpperCase(Locale.ROOT));
    }

    /**
     * For validators that run {@code EXPLAIN} + {@code sql}: whether the engine explains it without running anything,
     * judged by an allow-list of first keywords ({@code explainable}; never an {@code EXPLAIN} option such as
     * {@code ANALYZE}) on a text that holds no {@code ;} but trailing ones ({@link #innerSemicolon}).
     */
    public static boolean explainable(String sql, Set<String> explainable) {
        requireNonNull(explainable, "explainable is null");
        String trimmed = stripTrailingSemicolons(requireNonNull(sql, "sql is null"));
        return trimmed.indexOf(';') < 0 && firstKeyword(trimmed).map(explainable::contains).orElse(false);
    }

    /**
     * The refusal of a text with a {@code ;} before its end: a driver or engine could run what follows it, so validators
     * that execute a wrapper ({@code EXPLAIN}) take one statement at a time. An allow-list rule: a {@code ;} inside a
     * literal or comment is refused too. Empty when there is none.
     */
    public static Optional<SqlValidation> innerSemicolon(String sql) {
        String trimmed = stripTrailingSemicolons(requireNonNull(sql, "sql is null"));
        int semicolon = trimmed.indexOf(';');
        return semicolon < 0 ? Optional.empty() : Optional.of(invalidAt(sql, sql.codePointCount(0, semicolon),
                "validate one statement at a time: a ';' may only end the text"));
    }

    /** {@code sql} without trailing blanks and semicolons. */
    public static String stripTrailingSemicolons(String sql) {
        String trimmed = sql.stripTrailing();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
        }
        return trimmed;
    }

    /**
     * Whether {@code error} says the connection failed (SQLState class {@code 08}) rather than the statement:
     * validators rethrow such errors instead of calling the statement invalid.
     */
    public static boolean isConnectionFailure(SQLException error) {
        String state = error.getSQLState();
        return state != null && state.startsWith("08");
    }
}
