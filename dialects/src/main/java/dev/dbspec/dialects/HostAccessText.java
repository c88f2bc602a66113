package dev.dbspec.dialects;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Text searches for {@link SqlPipeline#findHostAccess} that no lexical trick defeats, in time linear in the
 * text: each reading is upper-cased once, and the readings of a {@code UESCAPE} character are decoded only
 * around the places where that character starts an escape (elsewhere they equal the text itself).
 */
final class HostAccessText {
    private HostAccessText() {
    }

    /**
     * The first of {@code names} that occurs as a whole word, ignoring case, in any way {@code text} can read
     * once SQL Unicode escapes ({@code U&'...'}, {@code U&"..."}: {@code \\XXXX}, {@code \\+XXXXXX}) are decoded:
     * the text itself; with {@code U&}, decoded with {@code \\}; with {@code UESCAPE} anywhere, decoded with each
     * punctuation character of the text too, since the escape character may be written in any string form after
     * comments. An escaped name then reads as the name. Empty when none occurs.
     */
    static Optional<String> find(String text, Collection<String> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> found = findIn(text, names);
        if (found.isPresent() || !text.toUpperCase(Locale.ROOT).contains("U&")) {
            return found;
        }
        found = findIn(decode(text, '\\'), names);
        if (found.isPresent() || !text.toUpperCase(Locale.ROOT).contains("UESCAPE")) {
            return found;
        }
        // How far around an escape a reading is decoded: the longest name written entirely in 8-character
        // escapes, its two boundary characters, and the few characters at each end that may belong to a cut escape.
        int window = 8 * (names.stream().mapToInt(String::length).max().orElse(0) + 2) + 8;
        // Every other escape character: only the escapes it starts change the text, so only the text around
        // them is decoded (windows of one character merged where they overlap).
        Map<Character, List<int[]>> windows = new LinkedHashMap<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isEscapeCandidate(c) && escapeLength(text, i) > 0) {
                List<int[]> spans = windows.computeIfAbsent(c, k -> new ArrayList<>());
                int from = Math.max(0, i - window);
                int to = Math.min(text.length(), i + window);
                int[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                if (last != null && from <= last[1]) {
                    last[1] = to;
                } else {
                    spans.add(new int[] {from, to});
                }
            }
        }
        for (Map.Entry<Character, List<int[]>> entry : windows.entrySet()) {
            if (entry.getKey() == '+') {
                // '+' also opens the long form (\+XXXXXX): its escapes may overlap, so it is decoded whole.
                found = findIn(decode(text, '+'), names);
            } else {
                for (int[] span : entry.getValue()) {
                    found = findIn(decode(text.substring(span[0], span[1]), entry.getKey()), names);
                    if (found.isPresent()) {
                        break;
                    }
                }
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> findIn(String text, Collection<String> names) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (String name : names) {
            if (containsWordUpper(upper, name.toUpperCase(Locale.ROOT))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code wanted} occurs in {@code upper} as a whole word (letters, digits, _ and $ do not touch it); both upper-cased. */
    private static boolean containsWordUpper(String upper, String wanted) {
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

    /** A character that may be chosen as the escape of a {@code UESCAPE} clause (the backslash is tried anyway). */
    private static boolean isEscapeCandidate(char c) {
        return !Character.isLetterOrDigit(c) && !Character.isWhitespace(c) && c != '\\';
    }

    /** The length of the escape {@code text} has at {@code i} (5 for {@code cXXXX}, 8 for {@code c+XXXXXX}), or 0. */
    private static int escapeLength(String text, int i) {
        if (i + 5 <= text.length() && isHex(text, i + 1, 4)) {
            return 5;
        }
        if (i + 8 <= text.length() && text.charAt(i + 1) == '+' && isHex(text, i + 2, 6)
                && Character.isValidCodePoint(Integer.parseInt(text.substring(i + 2, i + 8), 16))) {
            return 8;
        }
        return 0;
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
