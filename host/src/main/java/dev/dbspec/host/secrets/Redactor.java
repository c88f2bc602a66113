package dev.dbspec.host.secrets;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what of a JDBC URL, a set of driver options or a free text (an error
 * message, a log line) is secret, and masks it with {@value #MASK}. Every answer, error and log line
 * of the host goes through it.
 *
 * <p>Secret are: the password of a URL's userinfo ({@code //user:password@host}; a userinfo without
 * {@code :} is masked whole, as it may be a bare token), Oracle's {@code user/password@} after
 * {@code jdbc:oracle:<driver>:}, and the value of every {@code name=value} pair (in a URL, in an option
 * map, inside Connector/J host blocks, in a message) or JSON {@code "name": "value"} pair whose name
 * {@linkplain #isSecretName looks secret}. Names are judged as a driver may read them: percent-encoding
 * and backslash escapes are decoded, case is folded the way drivers fold it (so {@code pasſword} and
 * {@code PASSWORD} are the same name), separators are ignored. Masking errs on the side of hiding: a
 * value runs to the next {@code &}, {@code ;}, {@code )} or line end, whatever a particular driver
 * would stop at.
 *
 * <p>Known secret values (a registration's password, the values found above) are also replaced
 * wherever they occur, for messages that echo a secret in a form no rule recognises. Values shorter
 * than {@value #MIN_KNOWN_VALUE_LENGTH} characters are only masked by position: replacing them
 * everywhere would garble every message and hide nothing worth hiding.
 */
public final class Redactor {
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** Shorter known values are masked only where a rule finds them. */
    public static final int MIN_KNOWN_VALUE_LENGTH = 6;

    /** Values of secret-looking options that are settings, not secrets ({@code useAuth=true}); never replaced everywhere. */
    private static final Set<String> NOT_SECRET_VALUES = Set.of("true", "false", "yes", "no", "on", "off", "none", "null");

    /**
     * Parts of an option name (after {@link #normalizeName}) that make its value secret. Broad on
     * purpose: masking a harmless value costs a little display, missing a secret costs the secret.
     */
    public static final List<String> DEFAULT_SECRET_NAME_PARTS = List.of("pass", "pwd", "secret", "token", "key",
            "credential", "auth", "cookie", "signature", "sas");

    private static final Pattern ORACLE_PREFIX = Pattern.compile("(?i)jdbc:oracle:[a-z0-9]+:");
    private static final Pattern JSON_PAIR = Pattern.compile("\"((?:[^\"\\\\]|\\\\.){1,200})\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Redactor() {
    }

    /**
     * Whether an option named {@code name} holds a secret: its normalized form contains one of
     * {@link #DEFAULT_SECRET_NAME_PARTS}, or equals the normalized form of one of {@code extraSecretNames}.
     *
     * @param extraSecretNames names an engine spec marks secret beyond the default pattern (the hook for
     *                         the SPI's secret options); matched after the same normalization
     */
    public static boolean isSecretName(String name, Set<String> extraSecretNames) {
        requireNonNull(name, "name is null");
        requireNonNull(extraSecretNames, "extraSecretNames is null");
        String normalized = normalizeName(name);
        if (normalized.isEmpty()) {
            return false;
        }
        for (String part : DEFAULT_SECRET_NAME_PARTS) {
            if (normalized.contains(part)) {
                return true;
            }
        }
        for (String extra : extraSecretNames) {
            String other = normalizeName(extra);
            if (!other.isEmpty() && normalized.equals(other)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #isSecretName(String, Set)} with the default pattern only. */
    public static boolean isSecretName(String name) {
        return isSecretName(name, Set.of());
    }

    /**
     * An option name as drivers may read it, reduced to {@code [a-z0-9]}: percent-encoding decoded
     * (repeatedly, for double encoding), backslashes dropped (H2's {@code IN\IT}), compatibility forms
     * folded (full-width letters), upper-cased then lower-cased in the root locale (so {@code ı}, {@code ſ}
     * and the Kelvin sign become {@code i}, {@code s}, {@code k} as when a driver upper-cases a name), and
     * everything else removed ({@code private_key_file_pwd}, {@code headers.Authorization}).
     */
    static String normalizeName(String name) {
        String decoded = name;
        for (int i = 0; i < 4; i++) {
            String next = percentDecode(decoded).replace("\\", "");
            if (next.equals(decoded)) {
                break;
            }
            decoded = next;
        }
        String folded = Normalizer.normalize(decoded, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The URL with its secrets masked (default pattern only). */
    public static String redactUrl(String jdbcUrl) {
        return redactUrl(jdbcUrl, Set.of());
    }

    /** The URL with its secrets masked; {@code extraSecretNames} as in {@link #isSecretName(String, Set)}. */
    public static String redactUrl(String jdbcUrl, Set<String> extraSecretNames) {
        return redactText(jdbcUrl, extraSecretNames, Set.of());
    }

    /**
     * The URL reduced to its shape for display where it is kept in clear (the metadata store): userinfo
     * passwords masked and the value of every option masked, secret-looking or not, so an option only a
     * spec knows to be secret is never kept in clear either.
     */
    public static String outlineUrl(String jdbcUrl) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        List<int[]> spans = new ArrayList<>();
        credentialSpans(jdbcUrl, spans);
        pairSpans(jdbcUrl, Set.of(), true, spans);
        return apply(jdbcUrl, spans);
    }

    /** The options with secret values masked, sorted by name. */
    public static Map<String, String> redactOptions(Map<String, String> options, Set<String> extraSecretNames) {
        requireNonNull(options, "options is null");
        Map<String, String> shown = new TreeMap<>();
        options.forEach((name, value) -> shown.put(name, isSecretName(name, extraSecretNames) ? MASK
                : redactText(value, extraSecretNames, Set.of())));
        return shown;
    }

    /**
     * The text with secrets masked: URL credentials, secret {@code name=value} and JSON pairs, and every
     * occurrence of a {@code knownValues} entry of at least {@value #MIN_KNOWN_VALUE_LENGTH} characters.
     */
    public static String redactText(String text, Set<String> extraSecretNames, Collection<String> knownValues) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        requireNonNull(extraSecretNames, "extraSecretNames is null");
        requireNonNull(knownValues, "knownValues is null");
        List<int[]> spans = new ArrayList<>();
        credentialSpans(text, spans);
        pairSpans(text, extraSecretNames, false, spans);
        jsonSpans(text, extraSecretNames, spans);
        knownValueSpans(text, knownValues, spans);
        return apply(text, spans);
    }

    /**
     * Every secret value in a registration: the password, the URL's credentials and secret option
     * values, and the values of secret options. What {@link KnownSecrets} remembers for the logs.
     */
    public static Set<String> secretValues(String jdbcUrl, Optional<String> password, Map<String, String> options,
                                           Set<String> extraSecretNames) {
        Set<String> values = new LinkedHashSet<>();
        password.ifPresent(values::add);
        if (jdbcUrl != null) {
            List<int[]> spans = new ArrayList<>();
            credentialSpans(jdbcUrl, spans);
            pairSpans(jdbcUrl, extraSecretNames, false, spans);
            for (int[] span : spans) {
                // a bare userinfo is usually a user name: masked where it stands, but not remembered
                if (span.length < 3 || span[2] == 0) {
                    values.add(jdbcUrl.substring(span[0], span[1]));
                    values.add(percentDecode(jdbcUrl.substring(span[0], span[1])));
                }
            }
        }
        options.forEach((name, value) -> {
            if (isSecretName(name, extraSecretNames)) {
                values.add(value);
            }
            if (value != null) {
                List<int[]> spans = new ArrayList<>();
                credentialSpans(value, spans);
                pairSpans(value, extraSecretNames, false, spans);
                spans.stream().filter(span -> span.length < 3 || span[2] == 0)
                        .forEach(span -> values.add(value.substring(span[0], span[1])));
            }
        });
        values.removeIf(value -> value == null || value.isEmpty());
        return values;
    }

    /** Userinfo after {@code //} and Oracle's {@code user/password@}. */
    private static void credentialSpans(String text, List<int[]> spans) {
        int from = 0;
        while (true) {
            int slashes = text.indexOf("//", from);
            if (slashes < 0) {
                break;
            }
            int start = slashes + 2;
            int end = start;
            while (end < text.length() && !endsAuthorityRegion(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            if (at >= start) {
                int colon = text.indexOf(':', start);
                boolean bare = colon < 0 || colon >= at;
                int secretStart = bare ? start : colon + 1;
                if (at > secretStart) {
                    spans.add(new int[] {secretStart, at, bare ? 1 : 0});
                }
            }
            from = start;
        }
        Matcher oracle = ORACLE_PREFIX.matcher(text);
        while (oracle.find()) {
            int start = oracle.end();
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            int at = lastCredentialAt(text, start, end);
            if (at > start) {
                int slash = text.indexOf('/', start);
                int secretStart = slash >= 0 && slash < at ? slash + 1 : start;
                if (at > secretStart) {
                    spans.add(new int[] {secretStart, at});
                }
            }
        }
    }

    /** The {@code @} that ends Oracle credentials: the last one before a {@code //} or {@code (} that starts the address. */
    private static int lastCredentialAt(String text, int start, int end) {
        int limit = end;
        int address = text.indexOf("@//", start);
        if (address >= 0 && address < limit) {
            return address;
        }
        int descriptor = text.indexOf("@(", start);
        if (descriptor >= 0 && descriptor < limit) {
            return descriptor;
        }
        return text.lastIndexOf('@', limit - 1) >= start ? text.lastIndexOf('@', limit - 1) : -1;
    }

    private static boolean endsAuthorityRegion(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
    }

    /**
     * {@code name=value} pairs. A name is the run of characters before {@code =} back to a separator;
     * it is secret per {@link #isSecretName}. With {@code everyValue}, every value is masked.
     */
    private static void pairSpans(String text, Set<String> extraSecretNames, boolean everyValue, List<int[]> spans) {
        int equals = text.indexOf('=');
        while (equals >= 0) {
            int nameStart = equals;
            while (nameStart > 0 && !separatesNames(text.charAt(nameStart - 1))) {
                nameStart--;
            }
            String name = text.substring(nameStart, equals);
            int valueEnd = valueEnd(text, equals + 1);
            if (!name.isEmpty() && (everyValue || isSecretName(name, extraSecretNames)) && valueEnd > equals + 1) {
                spans.add(new int[] {equals + 1, valueEnd});
                equals = text.indexOf('=', valueEnd);
            } else {
                equals = text.indexOf('=', equals + 1);
            }
        }
    }

    private static boolean separatesNames(char c) {
        return Character.isWhitespace(c) || "?&;:(),{}[]<>/\"'=|".indexOf(c) >= 0;
    }

    /** Where a value starting at {@code start} ends: its closing quote or brace, else the next {@code & ; )} or line end. */
    private static int valueEnd(String text, int start) {
        if (start >= text.length()) {
            return start;
        }
        char first = text.charAt(start);
        char closer = first == '"' ? '"' : first == '\'' ? '\'' : first == '{' ? '}' : 0;
        if (closer != 0) {
            int close = text.indexOf(closer, start + 1);
            return close < 0 ? text.length() : close + 1;
        }
        int end = start;
        while (end < text.length() && "&;)\r\n".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    private static void jsonSpans(String text, Set<String> extraSecretNames, List<int[]> spans) {
        if (text.indexOf('"') < 0) {
            return;
        }
        Matcher pair = JSON_PAIR.matcher(text);
        while (pair.find()) {
            if (isSecretName(pair.group(1), extraSecretNames) && pair.end(2) > pair.start(2)) {
                spans.add(new int[] {pair.start(2), pair.end(2)});
            }
        }
    }

    private static void knownValueSpans(String text, Collection<String> knownValues, List<int[]> spans) {
        List<String> values = knownValues.stream().filter(Redactor::maskableEverywhere)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String value : values) {
            int at = text.indexOf(value);
            while (at >= 0) {
                spans.add(new int[] {at, at + value.length()});
                at = text.indexOf(value, at + value.length());
            }
        }
    }

    /** Whether a known value is long and specific enough to be replaced wherever it occurs. */
    static boolean maskableEverywhere(String value) {
        return value != null && value.length() >= MIN_KNOWN_VALUE_LENGTH
                && !NOT_SECRET_VALUES.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** The text with every span (merged where they overlap) replaced by {@link #MASK}. */
    private static String apply(String text, List<int[]> spans) {
        if (spans.isEmpty()) {
            return text;
        }
        spans.sort(Comparator.comparingInt((int[] span) -> span[0]).thenComparingInt(span -> span[1]));
        StringBuilder out = new StringBuilder(text.length());
        int written = 0;
        int index = 0;
        while (index < spans.size()) {
            int start = spans.get(index)[0];
            int end = spans.get(index)[1];
            index++;
            while (index < spans.size() && spans.get(index)[0] <= end) {
                end = Math.max(end, spans.get(index)[1]);
                index++;
            }
            if (start < written) {
                start = written;
            }
            out.append(text, written, start).append(MASK);
            written = Math.max(written, end);
        }
        out.append(text, written, text.length());
        return out.toString();
    }
}
