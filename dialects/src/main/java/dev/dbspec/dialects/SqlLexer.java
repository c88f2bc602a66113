package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into {@link Token tokens} by one family's {@link LexicalRules}: string literals,
 * quoted identifiers, line and block comments and dollar-quoted bodies are single tokens, so nothing
 * inside them is ever taken for a keyword, a parenthesis or a statement separator. Linear in the text.
 */
final class SqlLexer {
    private final String engineId;
    private final LexicalRules rules;

    SqlLexer(String engineId, LexicalRules rules) {
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.rules = requireNonNull(rules, "rules is null");
    }

    /**
     * The tokens of {@code text}.
     *
     * @throws SqlParseException for an unterminated string, quoted identifier, comment or dollar quote
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
            char next = i + 1 < length ? text.charAt(i + 1) : 0;
            TokenType type;
            if (c == '-' && next == '-' || c == '#' && rules.hashComments()) {
                i = lineEnd(text, i);
                type = TokenType.LINE_COMMENT;
            } else if (c == '/' && next == '*') {
                i = blockCommentEnd(text, i);
                type = TokenType.BLOCK_COMMENT;
            } else if (c == '\'') {
                i = stringEnd(text, i, '\'');
                type = TokenType.STRING;
            } else if (c == '"' && rules.doubleQuotedStrings()) {
                i = stringEnd(text, i, '"');
                type = TokenType.STRING;
            } else if (rules.identifierClose(c) != 0) {
                i = quotedEnd(text, i, rules.identifierClose(c));
                type = TokenType.QUOTED_ID;
            } else if (c == '$' && rules.dollarQuotes() && dollarTagEnd(text, i) > 0) {
                i = dollarQuoteEnd(text, i, dollarTagEnd(text, i));
                type = TokenType.STRING;
            } else if (isStringPrefix(text, i)) {
                i = stringEnd(text, text.indexOf('\'', i), '\'');
                type = TokenType.STRING;
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(next)) {
                i = numberEnd(text, i);
                type = TokenType.NUMBER;
            } else if (isWordStart(c)) {
                i = wordEnd(text, i + 1);
                type = TokenType.WORD;
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

    private boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@' || c == '#' && rules.hashIdentifiers();
    }

    private static int wordEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '#')) {
                break;
            }
            i++;
        }
        return i;
    }

    /** {@code E'...'}, {@code N'...'}, {@code X'...'}, {@code B'...'}, {@code U&'...'} and the like. */
    private static boolean isStringPrefix(String text, int i) {
        char c = Character.toUpperCase(text.charAt(i));
        if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_')) {
            return false;
        }
        if ((c == 'E' || c == 'N' || c == 'X' || c == 'B' || c == 'R') && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
            return true;
        }
        return c == 'U' && text.startsWith("&'", i + 1);
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private int blockCommentEnd(String text, int from) {
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                if (depth == 0 || rules.nestedComments()) {
                    depth++;
                }
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw error(text, from, "unterminated comment");
    }

    private int stringEnd(String text, int from, char quote) {
        boolean escapes = rules.backslashEscapes() || isEscapeString(text, from);
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && escapes) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw error(text, startOfLiteral(text, from), "unterminated string literal");
    }

    private static boolean isEscapeString(String text, int quoteAt) {
        return quoteAt > 0 && Character.toUpperCase(text.charAt(quoteAt - 1)) == 'E';
    }

    private static int startOfLiteral(String text, int quoteAt) {
        return quoteAt > 0 && Character.isLetter(text.charAt(quoteAt - 1)) ? quoteAt - 1 : quoteAt;
    }

    private int quotedEnd(String text, int from, char close) {
        int i = from + 1;
        while (i < text.length()) {
            if (text.charAt(i) == close) {
                if (i + 1 < text.length() && text.charAt(i + 1) == close) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw error(text, from, "unterminated quoted identifier");
    }

    /** The end of a {@code $tag$} opener at {@code from}, or -1 when there is none (a {@code $1} parameter). */
    private static int dollarTagEnd(String text, int from) {
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$') {
                return i + 1;
            }
            boolean valid = Character.isLetter(c) || c == '_' || i > from + 1 && Character.isDigit(c);
            if (!valid) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private int dollarQuoteEnd(String text, int from, int tagEnd) {
        String tag = text.substring(from, tagEnd);
        int close = text.indexOf(tag, tagEnd);
        if (close < 0) {
            throw error(text, from, "unterminated dollar-quoted string");
        }
        return close + tag.length();
    }

    private static int numberEnd(String text, int from) {
        int i = from;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            i += 2;
            while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
                i++;
            }
            return i;
        }
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < text.length() && Character.isDigit(text.charAt(j))) {
                i = j;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private SqlParseException error(String text, int offset, String reason) {
        int[] position = TextPosition.lineColumn(text, offset);
        int end = Math.min(text.length(), offset + 20);
        return new SqlParseException(engineId, position[0], position[1], text.substring(offset, end), reason);
    }
}
