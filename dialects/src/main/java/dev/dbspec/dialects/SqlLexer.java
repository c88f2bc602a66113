package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * Splits SQL text into {@link Token tokens} by one family's {@link LexicalRules}: string literals,
 * quoted identifiers, line and block comments and dollar-quoted bodies are single tokens, so nothing
 * inside them is ever taken for a keyword, a parenthesis or a statement separator. Linear in the text.
 */
final class SqlLexer extends Lexer {
    private final LexicalRules rules;

    SqlLexer(String engineId, LexicalRules rules) {
        this(engineId, rules, SqlLimits.DEFAULTS);
    }

    SqlLexer(String engineId, LexicalRules rules, SqlLimits limits) {
        super(engineId, limits);
        this.rules = requireNonNull(rules, "rules is null");
    }

    @Override
    int scan(String text, int start, TokenType[] type) {
        char c = text.charAt(start);
        char next = start + 1 < text.length() ? text.charAt(start + 1) : 0;
        if (c == '-' && next == '-' && dashCommentStarts(text, start) || c == '#' && rules.hashComments()
                || c == '/' && next == '/' && rules.slashComments()) {
            type[0] = TokenType.LINE_COMMENT;
            return lineEnd(text, start);
        }
        if (rules.executableComments() && executableCommentCodeStart(text, start) > 0) {
            type[0] = TokenType.BLOCK_COMMENT; // only the marker: what follows is code
            return executableCommentCodeStart(text, start);
        }
        if (rules.executableComments() && c == '*' && next == '/') {
            type[0] = TokenType.BLOCK_COMMENT; // the end of an executable comment
            return start + 2;
        }
        if (c == '/' && next == '*') {
            type[0] = TokenType.BLOCK_COMMENT;
            return blockCommentEnd(text, start);
        }
        type[0] = TokenType.STRING;
        if (c == '\'') {
            return stringEnd(text, start, '\'');
        }
        if (c == '"' && rules.doubleQuotedStrings()) {
            return stringEnd(text, start, '"');
        }
        if ((c == 'U' || c == 'u') && next == '&' && start + 2 < text.length() && text.charAt(start + 2) == '"') {
            type[0] = TokenType.QUOTED_ID; // U&"..." : a name with Unicode escapes
            return quotedEnd(text, start + 2, '"');
        }
        if (rules.identifierClose(c) != 0) {
            type[0] = TokenType.QUOTED_ID;
            return quotedEnd(text, start, rules.identifierClose(c));
        }
        if (c == '$' && rules.dollarQuotes() && dollarTagEnd(text, start) > 0) {
            return dollarQuoteEnd(text, start, dollarTagEnd(text, start));
        }
        if (rules.alternativeQuotes() && alternativeQuoteAt(text, start) > 0) {
            return alternativeQuoteEnd(text, start, alternativeQuoteAt(text, start));
        }
        if (isStringPrefix(text, start)) {
            return stringEnd(text, text.indexOf('\'', start), '\'');
        }
        if (Character.isDigit(c) || c == '.' && Character.isDigit(next)) {
            type[0] = TokenType.NUMBER;
            return numberEnd(text, start);
        }
        if (isWordStart(c)) {
            type[0] = TokenType.WORD;
            return wordEnd(text, start + 1);
        }
        type[0] = punctuation(c);
        return start + 1;
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

    /** MySQL (whose rules have executable comments) starts a {@code --} comment only before white space or the end. */
    private boolean dashCommentStarts(String text, int start) {
        if (!rules.executableComments()) {
            return true;
        }
        return start + 2 >= text.length() || Character.isWhitespace(text.charAt(start + 2)) || Character.isISOControl(text.charAt(start + 2));
    }

    /** After the marker of a MySQL {@code /*!NNNNN} or MariaDB {@code /*M!NNNNN} executable comment at {@code i}, or -1. */
    private static int executableCommentCodeStart(String text, int i) {
        int at;
        if (text.startsWith("/*!", i)) {
            at = i + 3;
        } else if (text.regionMatches(true, i, "/*M!", 0, 4)) {
            at = i + 4;
        } else {
            return -1;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Whether offset {@code i} starts a word: no letter, digit or underscore right before it (a prefix such as {@code E'} stands alone). */
    private static boolean startsWord(String text, int i) {
        return i == 0 || !(Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_');
    }

    /** Where the {@code '} of an Oracle {@code q'X...X'} or {@code nq'X...X'} literal starting at {@code i} is, or -1. */
    static int alternativeQuoteAt(String text, int i) {
        if (!startsWord(text, i)) {
            return -1;
        }
        int q = Character.toUpperCase(text.charAt(i)) == 'N' ? i + 1 : i;
        boolean opens = q + 2 < text.length() && Character.toUpperCase(text.charAt(q)) == 'Q' && text.charAt(q + 1) == '\''
                && !Character.isWhitespace(text.charAt(q + 2));
        return opens ? q + 1 : -1;
    }

    /** The closing character of a {@code q'} delimiter: brackets close with their pair, anything else with itself. */
    static char alternativeClose(char open) {
        return switch (open) {
            case '[' -> ']';
            case '{' -> '}';
            case '(' -> ')';
            case '<' -> '>';
            default -> open;
        };
    }

    private int alternativeQuoteEnd(String text, int start, int quoteAt) {
        char close = alternativeClose(text.charAt(quoteAt + 1));
        for (int i = quoteAt + 2; i + 1 < text.length(); i++) {
            if (text.charAt(i) == close && text.charAt(i + 1) == '\'') {
                return i + 2;
            }
        }
        throw error(text, start, "unterminated q-quoted string literal");
    }

    /** {@code E'...'}, {@code N'...'}, {@code X'...'}, {@code B'...'}, {@code U&'...'} and the like. */
    private static boolean isStringPrefix(String text, int i) {
        char c = Character.toUpperCase(text.charAt(i));
        if (!startsWord(text, i)) {
            return false;
        }
        if ((c == 'E' || c == 'N' || c == 'X' || c == 'B' || c == 'R') && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
            return true;
        }
        return c == 'U' && text.startsWith("&'", i + 1);
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

    /** An {@code E'...'} string of a family that has them: the E stands alone ({@code ELSE'\'} is a keyword and a string). */
    private boolean isEscapeString(String text, int quoteAt) {
        if (!rules.escapeStrings() || quoteAt < 1 || Character.toUpperCase(text.charAt(quoteAt - 1)) != 'E') {
            return false;
        }
        return startsWord(text, quoteAt - 1);
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

}
