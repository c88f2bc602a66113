package dev.dbspec.dialects;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Text searches for {@link SqlPipeline#findHostAccess} that no lexical trick defeats. */
final class HostAccessText {
    private HostAccessText() {
    }

    /** Whether {@code name} occurs in {@code text} as a whole word (letters, digits, _ and $ do not touch it), ignoring case. */
    static boolean containsWord(String text, String name) {
        String upper = text.toUpperCase(Locale.ROOT);
        String wanted = name.toUpperCase(Locale.ROOT);
        for (int at = upper.indexOf(wanted); at >= 0; at = upper.indexOf(wanted, at + 1)) {
            boolean before = at == 0 || !isWordChar(upper.charAt(at - 1));
            boolean after = at + wanted.length() == upper.length() || !isWordChar(upper.charAt(at + wanted.length()));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /**
     * The ways {@code text} can read once SQL Unicode escapes ({@code U&'...'}, {@code U&"..."}: {@code \XXXX},
     * {@code \+XXXXXX}) are decoded: the text itself; with {@code U&}, decoded with {@code \}; with
     * {@code UESCAPE} anywhere, decoded with each punctuation character of the text too, since the escape
     * character may be written in any string form after comments. An escaped name then reads as the name.
     */
    static List<String> readings(String text) {
        List<String> readings = new ArrayList<>();
        readings.add(text);
        String upper = text.toUpperCase(Locale.ROOT);
        if (!upper.contains("U&")) {
            return readings;
        }
        readings.add(decode(text, '\\'));
        if (upper.contains("UESCAPE")) {
            Set<Character> tried = new HashSet<>();
            for (char c : text.toCharArray()) {
                if (!Character.isLetterOrDigit(c) && !Character.isWhitespace(c) && c != '\\' && tried.add(c)) {
                    readings.add(decode(text, c));
                }
            }
        }
        return readings;
    }

    private static String decode(String text, char escape) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == escape && i + 5 <= text.length() && isHex(text, i + 1, 4)) {
                out.appendCodePoint(Integer.parseInt(text.substring(i + 1, i + 5), 16));
                i += 4;
            } else if (c == escape && i + 8 <= text.length() && text.charAt(i + 1) == '+' && isHex(text, i + 2, 6)) {
                int codePoint = Integer.parseInt(text.substring(i + 2, i + 8), 16);
                if (Character.isValidCodePoint(codePoint)) {
                    out.appendCodePoint(codePoint);
                    i += 7;
                    continue;
                }
                out.append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
