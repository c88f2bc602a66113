package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The scanning loop shared by the SQL and KQL lexers: whitespace is skipped, every other run of text
 * becomes one {@link Token} whose type and end a subclass decides ({@link #scan}), and errors carry the
 * engine with line and column. Linear in the text.
 */
abstract class Lexer {
    private final String engineId;

    Lexer(String engineId) {
        this.engineId = requireNonNull(engineId, "engineId is null");
    }

    /**
     * The tokens of {@code text}.
     *
     * @throws SqlParseException for an unterminated string, quoted identifier or comment
     */
    final Tokens tokenize(String text) {
        requireNonNull(text, "text is null");
        List<Token> tokens = new ArrayList<>(Math.max(16, text.length() / 5));
        TokenType[] type = new TokenType[1];
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int end = scan(text, i, type);
            tokens.add(new Token(type[0], i, end));
            i = end;
        }
        return new Tokens(text, tokens);
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
