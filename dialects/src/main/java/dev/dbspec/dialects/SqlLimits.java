package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Bounds on the work the pipeline does for one script, so that no input costs more than a fraction of a
 * second of CPU or exhausts a thread's stack. Length, tokens, operators and nesting are counted by the lexer
 * before Calcite sees the text; the budget is checked between statements. Exceeding any of them raises
 * {@link SqlTooComplexException}, never a parse error.
 *
 * <p>Why these defaults (measured on Calcite's Babel parser; see the README): its time grows with the square
 * of the operators in one expression ({@code 1+1+...}: 2,000 take about 15 ms, 100,000 take 25 s and then
 * overflow the stack), and its recursion, one frame per operator of an expression, overflows a 1 MB thread
 * stack from about 3,000 operators in a cold JVM, and from 500 to 1,000 nested parentheses or subqueries.
 * The worst statement within these bounds costs about 0.3 s of CPU. The largest TPC-DS statement has 1,358
 * tokens, 261 operators and 6 levels of parentheses. A statement that still exhausts the stack (nesting the
 * lexer does not count, such as {@code CASE} inside {@code CASE}) is too complex as well.
 *
 * @param maxLength    most characters in a script ({@code sql.max-length})
 * @param maxTokens    most tokens (comments included) in one statement ({@code sql.max-tokens})
 * @param maxOperators most operators in one statement: symbol characters ({@code +}, {@code =}, {@code ::}
 *                     counts two) and the operator keywords {@code AND}, {@code OR}, {@code NOT}, {@code IS},
 *                     {@code IN}, {@code LIKE}, {@code BETWEEN}, {@code UNION}... ({@code sql.max-operators})
 * @param maxNesting   deepest nesting of parentheses, brackets and braces, and of statements inside
 *                     statements ({@code EXPLAIN}, {@code WITH}) ({@code sql.max-nesting})
 * @param parseBudget  CPU time one call may spend on a script's statements, checked between statements
 *                     ({@code sql.parse-budget-ms})
 */
public record SqlLimits(int maxLength, int maxTokens, int maxOperators, int maxNesting, Duration parseBudget) {
    /** 1,000,000 characters, 50,000 tokens, 2,000 operators, nesting 200, one second of parsing. */
    public static final SqlLimits DEFAULTS = new SqlLimits(1_000_000, 50_000, 2_000, 200, Duration.ofSeconds(1));

    public SqlLimits {
        requireNonNull(parseBudget, "parseBudget is null");
        if (maxLength < 1 || maxTokens < 1 || maxOperators < 1 || maxNesting < 1) {
            throw new IllegalArgumentException("SQL limits must be positive: " + maxLength + ", " + maxTokens + ", " + maxOperators
                    + ", " + maxNesting);
        }
        if (parseBudget.isNegative() || parseBudget.isZero()) {
            throw new IllegalArgumentException("parseBudget must be positive: " + parseBudget);
        }
    }

    public SqlLimits withMaxLength(int value) {
        return new SqlLimits(value, maxTokens, maxOperators, maxNesting, parseBudget);
    }

    public SqlLimits withMaxTokens(int value) {
        return new SqlLimits(maxLength, value, maxOperators, maxNesting, parseBudget);
    }

    public SqlLimits withMaxOperators(int value) {
        return new SqlLimits(maxLength, maxTokens, value, maxNesting, parseBudget);
    }

    public SqlLimits withMaxNesting(int value) {
        return new SqlLimits(maxLength, maxTokens, maxOperators, value, parseBudget);
    }

    public SqlLimits withParseBudget(Duration value) {
        return new SqlLimits(maxLength, maxTokens, maxOperators, maxNesting, value);
    }
}
