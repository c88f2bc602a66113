package dev.dbspec.dialects;

/**
 * Splits KQL text into {@link Token tokens}. String literals ({@code '...'} and {@code "..."} with
 * backslash escapes, verbatim {@code @'...'} with doubled quotes, obfuscated {@code h'...'}, multi-line
 * {@code ```...```}) and {@code //} comments are single tokens, so nothing inside them is taken for a
 * pipe, a bracket or a statement separator. The management-command arrow {@code <|} is one token so its
 * bar is never taken for a pipe. Linear in the text.
 */
final class KqlLexer extends Lexer {
    KqlLexer(String engineId) {
        this(engineId, SqlLimits.DEFAULTS);
    }

    KqlLexer(String engineId, SqlLimits limits) {
        super(engineId, limits);
    }

    @Override
    int scan(String text, int start, TokenType[] type) {
        char c = text.charAt(start);
        int quoteAt = stringQuoteAt(text, start);
        type[0] = TokenType.STRING;
        if (text.startsWith("//", start)) {
            type[0] = TokenType.LINE_COMMENT;
            return lineEnd(text, start);
        }
        if (text.startsWith("```", start)) {
            int close = text.indexOf("```", start + 3);
            if (close < 0) {
                throw error(text, start, "unterminated multi-line string literal");
            }
            return close + 3;
        }
        if (quoteAt >= 0) {
            return stringEnd(text, start, quoteAt);
        }
        if (Character.isDigit(c)) {
            type[0] = TokenType.NUMBER;
            return numberEnd(text, start);
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            type[0] = TokenType.WORD;
            int i = start + 1;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            return i;
        }
        if (text.startsWith("<|", start)) {
            type[0] = TokenType.SYMBOL;
            return start + 2;
        }
        type[0] = punctuation(c);
        return start + 1;
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

}
