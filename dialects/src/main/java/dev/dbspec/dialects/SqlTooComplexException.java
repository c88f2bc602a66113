package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * SQL text that exceeds one of the pipeline's {@link SqlLimits}: too long, too many tokens or operators in
 * a statement, nested too deeply, or more parsing than the budget allows. It is not a parse error (the text
 * may well be valid SQL) and is deliberately not a {@link SqlParseException}, so that no caller that
 * tolerates unparseable SQL (running it as written, for example) lets it through. Carries the engine, the
 * limit, the value found and the maximum; the message says what to do.
 */
public final class SqlTooComplexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which bound was exceeded, with its configuration key. */
    public enum Limit {
        LENGTH("sql.max-length", "characters in the script"),
        TOKENS("sql.max-tokens", "tokens in one statement"),
        OPERATORS("sql.max-operators", "operators in one statement"),
        NESTING("sql.max-nesting", "levels of nesting"),
        PARSE_BUDGET("sql.parse-budget-ms", "milliseconds of parsing"),
        /** The parser ran out of thread stack: nesting the lexer does not count ({@code CASE} inside {@code CASE}). */
        STACK("sql.max-nesting", "levels of nesting (the parser's stack was exhausted)");

        private final String key;
        private final String unit;

        Limit(String key, String unit) {
            this.key = key;
            this.unit = unit;
        }

        /** The configuration key that sets this bound. */
        public String key() {
            return key;
        }

        String unit() {
            return unit;
        }
    }

    private final String engineId;
    private final Limit limit;
    private final long value;
    private final long maximum;
    private final String where;

    /**
     * @param value   what was found: the length, or the count at which counting stopped (the maximum plus one); -1 when unknown
     * @param maximum the configured bound; -1 when none applies ({@link Limit#STACK})
     * @param where   where in the script it was exceeded ({@code "line 1, column 12"}), or empty
     */
    public SqlTooComplexException(String engineId, Limit limit, long value, long maximum, String where) {
        super(message(engineId, limit, value, maximum, where));
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.limit = requireNonNull(limit, "limit is null");
        this.value = value;
        this.maximum = maximum;
        this.where = where;
    }

    private static String message(String engineId, Limit limit, long value, long maximum, String where) {
        requireNonNull(where, "where is null");
        String at = where.isEmpty() ? "" : " at " + where;
        String found = switch (limit) {
            case STACK -> "the statement nests too deeply for the parser" + at;
            case PARSE_BUDGET -> "parsing took more than " + maximum + " ms of CPU" + at;
            case LENGTH -> value + " " + limit.unit() + " (the limit is " + maximum + ")";
            default -> "more than " + maximum + " " + limit.unit() + at;
        };
        String advice = switch (limit) {
            case LENGTH, TOKENS, PARSE_BUDGET -> "split the script or the statement into smaller ones";
            case OPERATORS -> "shorten long expressions (an IN list instead of OR chains, for example)";
            case NESTING, STACK -> "flatten the nesting (a CTE instead of nested subqueries, for example)";
        };
        return engineId + ": SQL too complex: " + found + "; " + advice + ", or raise " + limit.key() + " on the server";
    }

    /** The id of the engine whose configuration was used. */
    public String engineId() {
        return engineId;
    }

    /** The bound that was exceeded. */
    public Limit limit() {
        return limit;
    }

    /** What was found: the length, or the count at which counting stopped (the maximum plus one); -1 when unknown. */
    public long value() {
        return value;
    }

    /** The bound; -1 when none applies. */
    public long maximum() {
        return maximum;
    }

    /** Where in the script the bound was exceeded ({@code "line 1, column 12"}), or empty. */
    public String where() {
        return where;
    }
}
