package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.OptionRule;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Value rules that several spec-only plugins share, beyond the SPI's {@link OptionRule} basics: one word of a
 * list where some words are refused with their own reason (TLS modes that switch verification off), a
 * {@code host:port} proxy address, a duration, and a list of {@code name:value} session settings.
 */
public final class DriverOptionRules {
    private static final Pattern HOST_PORT = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9\\-.]{0,252}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}])"
            + ":[0-9]{1,5}");
    private static final Pattern DURATION = Pattern.compile("[0-9]{1,9}(?:\\.[0-9]{1,6})?\\s*(?:ns|us|ms|s|m|h|d)");
    private static final Pattern SETTING = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,127}[:=][A-Za-z0-9_.:\\-+ /]{0,256}");

    private DriverOptionRules() {
    }

    /**
     * One of {@code allowed} (any case); a value in {@code refused} is refused with its own reason, so the user
     * learns why (for example that {@code sslmode=disable} would send the password in clear text).
     */
    public static OptionRule oneOfRefusing(Map<String, String> refused, String... allowed) {
        requireNonNull(refused, "refused is null");
        if (allowed.length == 0) {
            throw new IllegalArgumentException("no allowed word");
        }
        Set<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        words.addAll(Set.of(allowed));
        Map<String, String> reasons = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        reasons.putAll(refused);
        String description = "one of " + String.join(", ", words);
        return OptionRule.of(description, allowed[0], (value, context) -> {
            String word = value.trim();
            if (reasons.containsKey(word)) {
                // The spec's own spelling of the word, never the caller's text.
                String known = refused.keySet().stream().filter(word::equalsIgnoreCase).findFirst().orElseThrow();
                return Optional.of(known + " is refused: " + reasons.get(word));
            }
            return words.contains(word) ? Optional.empty() : Optional.of("must be " + description);
        });
    }

    /** {@code host:port} (IPv6 in brackets), for proxies. */
    public static OptionRule hostAndPort() {
        return OptionRule.of("host:port", "proxy.example.com:8080", (value, context) ->
                HOST_PORT.matcher(value.trim()).matches() ? Optional.empty() : Optional.of("must be host:port"));
    }

    /** A duration such as {@code 30s}, {@code 500ms} or {@code 5m} (airlift's {@code Duration} form). */
    public static OptionRule duration() {
        return OptionRule.of("a duration such as 30s or 5m", "30s", (value, context) ->
                DURATION.matcher(value.trim()).matches() ? Optional.empty() : Optional.of("must be a duration such as 30s or 5m"));
    }

    /**
     * Session settings {@code name:value} (or {@code name=value}) separated by {@code separator}: names are
     * identifiers, values plain words, numbers or durations, so no separator of the URL can hide in them.
     */
    public static OptionRule settings(char separator, int maxCount) {
        String description = "name:value settings separated by '" + separator + "'";
        return OptionRule.of(description, "query_max_run_time:30m", (value, context) -> {
            String[] settings = value.split(Pattern.quote(String.valueOf(separator)), -1);
            if (settings.length > maxCount) {
                return Optional.of("must be at most " + maxCount + " settings");
            }
            for (String setting : settings) {
                if (!SETTING.matcher(setting.trim()).matches()) {
                    return Optional.of("must be " + description + " (identifier names; letters, digits and _ . : - + / in values)");
                }
            }
            return Optional.empty();
        });
    }
}
