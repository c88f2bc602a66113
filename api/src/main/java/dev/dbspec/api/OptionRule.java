package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * What a connection option's value may be, as the driver reads it: a boolean, an integer in a range,
 * one of a few words, a host name, bounded printable text, a secret, or a local path that must resolve
 * inside the host's files directory. A rule answers with the reason a value is refused, never with the
 * value itself (it may be a secret).
 */
public final class OptionRule {
    /** A URL's scheme (two characters or more: {@code C:\\} is a Windows drive, not a scheme). */
    private static final java.util.regex.Pattern URL_SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]+:");

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9\\-.]{0,252}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private final String description;
    private final Optional<String> sampleValue;
    private final BiFunction<String, OptionContext, Optional<String>> refusal;
    /** The rule as a connection parameter's JSON type and bounds, for {@link #asParameter}. */
    private final Shape shape;

    private record Shape(ParameterType type, List<String> values, OptionalLong minimum, OptionalLong maximum,
                         Optional<String> pattern, OptionalLong maxLength) {
        static final Shape TEXT = new Shape(ParameterType.STRING, List.of(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), OptionalLong.empty());
    }

    private OptionRule(String description, Optional<String> sampleValue, BiFunction<String, OptionContext, Optional<String>> refusal) {
        this(description, sampleValue, refusal, Shape.TEXT);
    }

    private OptionRule(String description, Optional<String> sampleValue, BiFunction<String, OptionContext, Optional<String>> refusal,
                       Shape shape) {
        this.description = requireNonNull(description, "description is null");
        this.sampleValue = requireNonNull(sampleValue, "sampleValue is null");
        this.refusal = requireNonNull(refusal, "refusal is null");
        this.shape = requireNonNull(shape, "shape is null");
    }

    /** This rule with the JSON shape of a parameter. */
    private OptionRule shape(ParameterType type, List<String> values, OptionalLong minimum, OptionalLong maximum,
                             Optional<String> pattern, OptionalLong maxLength) {
        return new OptionRule(description, sampleValue, refusal, new Shape(type, List.copyOf(values), minimum, maximum, pattern, maxLength));
    }

    private OptionRule(String description, String sampleValue, BiFunction<String, OptionContext, Optional<String>> refusal) {
        this(description, Optional.of(sampleValue), refusal);
    }

    /** A rule of your own: {@code refusal} answers why a value is refused, or empty when it is allowed. */
    public static OptionRule of(String description, BiFunction<String, OptionContext, Optional<String>> refusal) {
        return new OptionRule(description, Optional.empty(), refusal);
    }

    /**
     * A rule of your own with a value it allows, {@code sampleValue}, which conformance tests use to check
     * that the option is accepted where the engine's URLs and properties put it.
     */
    public static OptionRule of(String description, String sampleValue, BiFunction<String, OptionContext, Optional<String>> refusal) {
        return new OptionRule(description, requireNonNull(sampleValue, "sampleValue is null"), refusal);
    }

    /** {@code true} or {@code false}, any case. */
    public static OptionRule bool() {
        return oneOf("true", "false").shape(ParameterType.BOOLEAN, List.of(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), OptionalLong.empty());
    }

    /** One of {@code values}, compared without regard to case. */
    public static OptionRule oneOf(String... values) {
        Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        allowed.addAll(Arrays.asList(values));
        String description = "one of " + String.join(", ", allowed);
        return new OptionRule(description, values.length == 0 ? Optional.empty() : Optional.of(values[0]), (value, context) ->
                allowed.contains(value.trim()) ? Optional.empty() : Optional.of("must be " + description))
                .shape(ParameterType.STRING, Arrays.asList(values), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), OptionalLong.empty());
    }

    /** A decimal integer from {@code min} to {@code max}. */
    public static OptionRule integer(long min, long max) {
        String description = "an integer from " + min + " to " + max;
        return new OptionRule(description, String.valueOf(min), (value, context) -> {
            String trimmed = value.trim();
            if (INTEGER.matcher(trimmed).matches()) {
                long number = Long.parseLong(trimmed);
                if (number >= min && number <= max) {
                    return Optional.empty();
                }
            }
            return Optional.of("must be " + description);
        }).shape(ParameterType.INTEGER, List.of(), OptionalLong.of(min), OptionalLong.of(max), Optional.empty(), OptionalLong.empty());
    }

    /** A host name or an IP address (IPv6 in brackets), or a comma-separated list of them. */
    public static OptionRule hostNames() {
        return new OptionRule("host names", "db.example.com", (value, context) -> {
            for (String host : value.split(",", -1)) {
                if (!HOST.matcher(host.trim()).matches()) {
                    return Optional.of("must be host names separated by commas");
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Printable ASCII text of at most {@code maxLength} characters, without the characters that
     * separate or escape options in JDBC URLs ({@code ; & ? % \ ( )}).
     */
    public static OptionRule text(int maxLength) {
        String description = "text of at most " + maxLength + " printable ASCII characters";
        return new OptionRule(description, "sample".substring(0, Math.max(0, Math.min(6, maxLength))), (value, context) -> {
            if (value.length() > maxLength) {
                return Optional.of("must be at most " + maxLength + " characters");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e || ";&?%\\()".indexOf(c) >= 0) {
                    return Optional.of("must be " + description + " without ; & ? % \\ ( )");
                }
            }
            return Optional.empty();
        }).shape(ParameterType.STRING, List.of(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.of("^[^;&?%\\\\()\\x00-\\x1F\\x7F-\\uFFFF]*$"), OptionalLong.of(maxLength));
    }

    /** Any value; a password or a token: never shown, never logged. Pair with {@link ConnectionOption#secret()}. */
    public static OptionRule secretValue() {
        return new OptionRule("a secret", "sample", (value, context) -> value.length() > 4096
                ? Optional.of("must be at most 4096 characters") : Optional.empty())
                .shape(ParameterType.STRING, List.of(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), OptionalLong.of(4096));
    }

    /**
     * A local path that must resolve, symbolic links included, inside the host's files directory
     * ({@link OptionContext#filesDirectory()}); any path when the host does not confine files.
     */
    public static OptionRule localPath() {
        // No sample: whether a path is allowed depends on the host's files directory.
        return new OptionRule("a local path inside the files directory", Optional.empty(), (value, context) -> {
            // A path, never a URL, even where local files are not confined: drivers open such a value as a URL when it
            // has a scheme (Ignite's key stores, JKS locations read by URL), which would reach any host.
            if (URL_SCHEME.matcher(value).lookingAt()) {
                return Optional.of("a local path is expected, not a URL (" + value.substring(0, value.indexOf(':') + 1) + ")");
            }
            if (context.filesDirectory().isEmpty()) {
                return Optional.empty();
            }
            try {
                LocalPaths.requireInside(Path.of(value), context.filesDirectory().get());
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of(e.getMessage());
            }
        });
    }

    /** Why {@code value} is refused, or empty when the rule allows it. */
    public Optional<String> refusal(String value, OptionContext context) {
        requireNonNull(value, "value is null");
        requireNonNull(context, "context is null");
        return refusal.apply(value, context);
    }

    /**
     * A value the rule allows, for conformance tests and examples: {@code true} for {@link #bool()}, the
     * first word of {@link #oneOf}, the minimum of {@link #integer}, {@code db.example.com} for
     * {@link #hostNames()}, {@code sample} for {@link #text} and {@link #secretValue()}; empty for
     * {@link #localPath()} (it depends on the files directory) and for rules made by
     * {@link #of(String, BiFunction)} without one.
     */
    public Optional<String> sampleValue() {
        return sampleValue;
    }

    /**
     * This rule as the connection parameter {@code name} ({@link ConnectionParameters#options()}): its JSON type
     * ({@code boolean} for {@link #bool()}, {@code integer} with its range for {@link #integer}), the words of
     * {@link #oneOf}, the pattern and length of {@link #text}; a string described by {@link #description()} for
     * the other rules. Values are always checked by the rule itself ({@link #refusal}), the shape only informs forms.
     */
    public ParameterSpec asParameter(String name, boolean secret) {
        return new ParameterSpec(name, shape.type(), false, secret, Optional.empty(), description, shape.values(), shape.minimum(),
                shape.maximum(), shape.pattern(), shape.maxLength());
    }

    /** What the rule allows, for messages and documentation. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description.toLowerCase(Locale.ROOT);
    }
}
