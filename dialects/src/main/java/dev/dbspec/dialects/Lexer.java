package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The scanning loop shared by the SQL and KQL lexers: whitespace is skipped, every other run of text
 * becomes one {@link Token} whose type and end a subclass decides ({@link #scan}), and errors carry the
 * engine with line and column. Linear in the text.
 *
 * <p>It also enforces the {@link SqlLimits} that bound what the parser will be given: the script's length
 * before scanning, and while scanning the tokens and operators of each statement (counted from one
 * {@code ;} to the next) and the nesting of parentheses, brackets and braces. It stops at the first bound
 * exceeded, so its own work is bounded too.
 */
abstract class Lexer {
    /** Keywords that are operators of an expression or a query: each costs the parser like a symbol. */
    private static final List<String> OPERATOR_WORDS = List.of("AND", "OR", "NOT", "IS", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP",
            "SIMILAR", "BETWEEN", "UNION", "INTERSECT", "EXCEPT", "MINUS");

    private final String engineId;
    private final SqlLimits limits;

    Lexer(String engineId, SqlLimits limits) {
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * The tokens of {@code text}.
     *
     * @throws SqlParseException      for an unterminated string, quoted identifier or comment
     * @throws SqlTooComplexException when the text exceeds a bound of the {@link SqlLimits}
     */
    final Tokens tokenize(String text) {
        requireNonNull(text, "text is null");
        if (text.length() > limits.maxLength()) {
            throw new SqlTooComplexException(engineId, SqlTooComplexException.Limit.LENGTH, text.length(), limits.maxLength(), "");
        }
        List<Token> tokens = new ArrayList<>(Math.max(16, Math.min(text.length() / 5, limits.maxTokens())));
        TokenType[] type = new TokenType[1];
        int statementTokens = 0;
        int operators = 0;
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int end = scan(text, i, type);
            tokens.add(new Token(type[0], i, end));
            if (type[0] == TokenType.SEMICOLON) {
                statementTokens = 0;
                operators = 0;
            } else if (++statementTokens > limits.maxTokens()) {
                throw tooComplex(SqlTooComplexException.Limit.TOKENS, limits.maxTokens(), text, i);
            } else {
                int nesting = nesting(type[0], text.charAt(i));
                if (nesting != 0) {
                    depth = Math.max(0, depth + nesting);
                    if (depth > limits.maxNesting()) {
                        throw tooComplex(SqlTooComplexException.Limit.NESTING, limits.maxNesting(), text, i);
                    }
                } else if (isOperator(type[0], text, i, end) && ++operators > limits.maxOperators()) {
                    throw tooComplex(SqlTooComplexException.Limit.OPERATORS, limits.maxOperators(), text, i);
                }
            }
            i = end;
        }
        return new Tokens(text, tokens);
    }

    /** +1 for an opening parenthesis, bracket or brace, -1 for a closing one, else 0. */
    private static int nesting(TokenType type, char first) {
        if (type == TokenType.LPAREN || type == TokenType.SYMBOL && (first == '[' || first == '{')) {
            return 1;
        }
        if (type == TokenType.RPAREN || type == TokenType.SYMBOL && (first == ']' || first == '}')) {
            return -1;
        }
        return 0;
    }

    private static boolean isOperator(TokenType type, String text, int start, int end) {
        if (type == TokenType.SYMBOL) {
            return true;
        }
        if (type != TokenType.WORD || end - start > 9 || end - start < 2) {
            return false;
        }
        for (String word : OPERATOR_WORDS) {
            if (word.length() == end - start && text.regionMatches(true, start, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private SqlTooComplexException tooComplex(SqlTooComplexException.Limit limit, int maximum, String text, int offset) {
        int[] position = TextPosition.lineColumn(text, offset);
        return new SqlTooComplexException(engineId, limit, maximum + 1L, maximum, "line " + position[0] + ", column " + position[1]);
    }

    /**
     * Scans the token starting at {@code start} (not whitespace): stores its type in {@code type[0]} and
     * returns the offset after it.
     *
     * @throws SqlParseException when the token is not terminated
     */
    abstract int scan(String text, int start, TokenType[] type);

    /** The type of a one-character token that is none of the language's literals, names or comments. */
    static TokenType punctuation(char c) {
        return switch (c) {
            case '(' -> TokenType.LPAREN;
            case ')' -> TokenType.RPAREN;
            case ',' -> TokenType.COMMA;
            case '.' -> TokenType.DOT;
            case ';' -> TokenType.SEMICOLON;
            default -> TokenType.SYMBOL;
        };
    }

    static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** A parse error at {@code offset}, quoting up to 20 characters of the rest of its line. */
    final SqlParseException error(String text, int offset, String reason) {
        int[] position = TextPosition.lineColumn(text, offset);
        int end = Math.min(lineEnd(text, offset), offset + 20);
        return new SqlParseException(engineId, position[0], position[1], text.substring(offset, end), reason);
    }
}
