package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * How an engine quotes identifiers and what it does to unquoted ones.
 *
 * @param open          opening quote, for example {@code "}, {@code `} or {@code [}
 * @param close         closing quote; inside a quoted name it is escaped by doubling
 * @param unquotedCase  how the engine stores unquoted identifiers
 */
public record IdentifierQuoting(String open, String close, IdentifierCase unquotedCase) {
    /** SQL standard: double quotes, unquoted names stored in upper case. */
    public static final IdentifierQuoting ANSI = new IdentifierQuoting("\"", "\"", IdentifierCase.UPPER);
    /** Double quotes, unquoted names stored in lower case (PostgreSQL and its family). */
    public static final IdentifierQuoting DOUBLE_QUOTES_LOWER = new IdentifierQuoting("\"", "\"", IdentifierCase.LOWER);
    /** Double quotes, case kept: unquoted names are matched as written (DuckDB, SQLite, Druid, Pinot...). */
    public static final IdentifierQuoting DOUBLE_QUOTES = new IdentifierQuoting("\"", "\"", IdentifierCase.AS_IS);
    /** Backticks, case kept (MySQL family). */
    public static final IdentifierQuoting BACKTICKS = new IdentifierQuoting("`", "`", IdentifierCase.AS_IS);
    /** Brackets, case kept (SQL Server family). */
    public static final IdentifierQuoting BRACKETS = new IdentifierQuoting("[", "]", IdentifierCase.AS_IS);

    public IdentifierQuoting {
        requireNonNull(open, "open is null");
        requireNonNull(close, "close is null");
        requireNonNull(unquotedCase, "unquotedCase is null");
    }

    /** Quotes {@code name}, doubling any closing quote inside it. */
    public String quote(String name) {
        requireNonNull(name, "name is null");
        return open + name.replace(close, close + close) + close;
    }

    /** The name the engine stores for an unquoted {@code name}. */
    public String normalizeUnquoted(String name) {
        requireNonNull(name, "name is null");
        return switch (unquotedCase) {
            case UPPER -> name.toUpperCase(Locale.ROOT);
            case LOWER -> name.toLowerCase(Locale.ROOT);
            case AS_IS -> name;
        };
    }

    /** What an engine does with the case of unquoted identifiers. */
    public enum IdentifierCase {
        UPPER, LOWER, AS_IS
    }
}
