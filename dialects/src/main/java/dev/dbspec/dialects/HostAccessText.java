package dev.dbspec.dialects;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text searches for {@link SqlPipeline#findHostAccess} that no lexical trick defeats. */
final class HostAccessText {
    /** {@code UESCAPE 'c'}: the escape character of Unicode-escaped strings and names instead of {@code \}. */
    private static final Pattern UESCAPE = Pattern.compile("(?i)\\bUESCAPE\\s*'(.)'");

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
     * {@code text} with the SQL Unicode escapes of {@code U&'...'} and {@code U&"..."} decoded wherever they
     * appear ({@code \XXXX}, {@code \+XXXXXX}, and the same with a {@code UESCAPE} character), so that an
     * escaped name reads as the name; text without {@code U&} is returned as it is.
     */
    static String decodeUnicodeEscapes(String text) {
        if (!text.toUpperCase(Locale.ROOT).contains("U&")) {
            return text;
        }
        String decoded = decode(text, '\\');
        Matcher custom = UESCAPE.matcher(text);
        while (custom.find()) {
            decoded = decode(decoded, custom.group(1).charAt(0));
        }
        return decoded;
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
