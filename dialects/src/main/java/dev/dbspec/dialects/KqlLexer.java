package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits KQL text into {@link Token tokens}. String literals ({@code '...'} and {@code "..."} with
 * backslash escapes, verbatim {@code @'...'} with doubled quotes, obfuscated {@code h'...'}, multi-line
 * {@code ```...```}) and {@code //} comments are single tokens, so nothing inside them is taken for a
 * pipe, a bracket or a statement separator. The management-command arrow {@code <|} is one token so its
 * bar is never taken for a pipe. Linear in the text.
 */
final class KqlLexer {
    private final String engineId;

    KqlLexer(String engineId) {
        this.engineId = requireNonNull(engineId, "engineId is null");
    }

    /**
     * The tokens of {@code text}.
     *
     * @throws SqlParseException for an unterminated string literal
     */
    Tokens tokenize(String text) {
        requireNonNull(text, "text is null");
        List<Token> tokens = new ArrayList<>(Math.max(16, text.length() / 5));
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            int quoteAt = stringQuoteAt(text, i);
            TokenType type;
            if (text.startsWith("//", i)) {
                i = lineEnd(text, i);
                type = TokenType.LINE_COMMENT;
            } else if (text.startsWith("```", i)) {
                int close = text.indexOf("```", i + 3);
                if (close < 0) {
                    throw error(text, i, "unterminated multi-line string literal");
                }
                i = close + 3;
                type = TokenType.STRING;
            } else if (quoteAt >= 0) {
                i = stringEnd(text, start, quoteAt);
                type = TokenType.STRING;
            } else if (Character.isDigit(c)) {
                i = numberEnd(text, i);
                type = TokenType.NUMBER;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                i++;
                while (i < length && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                type = TokenType.WORD;
            } else if (text.startsWith("<|", i)) {
                i += 2;
                type = TokenType.SYMBOL;
            } else {
                i++;
                type = switch (c) {
                    case '(' -> TokenType.LPAREN;
                    case ')' -> TokenType.RPAREN;
                    case ',' -> TokenType.COMMA;
                    case '.' -> TokenType.DOT;
                    case ';' -> TokenType.SEMICOLON;
                    default -> TokenType.SYMBOL;
                };
            }
            tokens.add(new Token(type, start, i));
        }
        return new Tokens(text, tokens);
    }

    /**
     * The offset of the opening quote when a string literal starts at {@code i} ({@code '}, {@code "},
     * or one after an {@code @}, {@code h} or {@code h@} prefix), else -1. A token never starts inside a
     * word, so an {@code h} here is a prefix, not the end of a name.
     */
    private static int stringQuoteAt(String text, int i) {
        int at = i;
        if (text.charAt(at) == 'h' || text.charAt(at) == 'H') {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '@') {
            at++;
        }
        return at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"') ? at : -1;
    }

    /** The end of the literal opened at {@code quoteAt}; a line break ends the text a literal may span. */
    private int stringEnd(String text, int start, int quoteAt) {
        char quote = text.charAt(quoteAt);
        boolean verbatim = quoteAt > start && text.charAt(quoteAt - 1) == '@';
        int i = quoteAt + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            } else if (c == '\\' && !verbatim) {
                i += 2;
            } else if (c == quote && verbatim && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        throw error(text, start, "unterminated string literal");
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** A number with any unit or type suffix glued to it ({@code 10}, {@code 1.5}, {@code 1e3}, {@code 10ms}, {@code 0x1F}). */
    private static int numberEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean fraction = c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
            if (!(Character.isLetterOrDigit(c) || c == '_' || fraction)) {
                break;
            }
            i++;
        }
        return i;
    }

    private SqlParseException error(String text, int offset, String reason) {
        int[] position = TextPosition.lineColumn(text, offset);
        int end = Math.min(lineEnd(text, offset), offset + 20);
        return new SqlParseException(engineId, position[0], position[1], text.substring(offset, end), reason);
    }
}
