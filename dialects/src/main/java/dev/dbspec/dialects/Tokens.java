package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The tokens of a script, comments included, with the script they index into. */
final class Tokens {
    private final String source;
    private final List<Token> tokens;

    Tokens(String source, List<Token> tokens) {
        this.source = requireNonNull(source, "source is null");
        this.tokens = List.copyOf(requireNonNull(tokens, "tokens is null"));
    }

    String source() {
        return source;
    }

    int size() {
        return tokens.size();
    }

    Token get(int index) {
        return tokens.get(index);
    }

    TokenType type(int index) {
        return tokens.get(index).type();
    }

    String text(int index) {
        Token token = tokens.get(index);
        return source.substring(token.start(), token.end());
    }

    /** Whether token {@code index} exists and is the unquoted word {@code keyword} (case-insensitive). */
    boolean isWord(int index, String keyword) {
        if (index < 0 || index >= tokens.size()) {
            return false;
        }
        Token token = tokens.get(index);
        return token.type() == TokenType.WORD
                && token.end() - token.start() == keyword.length()
                && source.regionMatches(true, token.start(), keyword, 0, keyword.length());
    }

    /** Whether token {@code index} is a word among {@code keywords}. */
    boolean isAnyWord(int index, List<String> keywords) {
        for (String keyword : keywords) {
            if (isWord(index, keyword)) {
                return true;
            }
        }
        return false;
    }

    boolean is(int index, TokenType type) {
        return index >= 0 && index < tokens.size() && tokens.get(index).type() == type;
    }

    /** The first non-comment token at or after {@code index} and before {@code limit}, or {@code limit}. */
    int nextCode(int index, int limit) {
        int i = index;
        while (i < limit && tokens.get(i).isComment()) {
            i++;
        }
        return i;
    }

    /** The last non-comment token before {@code index} and at or after {@code floor}, or {@code floor - 1}. */
    int previousCode(int index, int floor) {
        int i = index - 1;
        while (i >= floor && tokens.get(i).isComment()) {
            i--;
        }
        return i;
    }

    /** The index of the token starting at {@code offset}, or -1. */
    int indexAt(int offset) {
        int low = 0;
        int high = tokens.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int start = tokens.get(mid).start();
            if (start < offset) {
                low = mid + 1;
            } else if (start > offset) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The index of the token whose span contains {@code offset}, or of the first token after it, or {@code size()}. */
    int indexCovering(int offset) {
        int low = 0;
        int high = tokens.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Token token = tokens.get(mid);
            if (token.end() <= offset) {
                low = mid + 1;
            } else if (token.start() > offset) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return low;
    }
}
