package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One connection parameter of an engine ({@link ConnectionParameters}): a field of the form a user fills in instead
 * of writing a JDBC URL (Superset's {@code parameters_schema}), or one of the extra driver options under
 * {@code options}.
 *
 * @param name          the parameter's name ({@code host}, {@code port}, {@code database}...) or the option's, as the driver knows it
 * @param type          its JSON type
 * @param required      whether a value must be given
 * @param secret        whether the value is a secret: never shown (masked as {@link ConnectionParameters#MASK}), sealed at rest
 * @param defaultValue  the value used when none is given
 * @param description   what it is, for forms and messages
 * @param allowedValues the only values allowed, when the value is one of a few words; empty otherwise
 * @param minimum       the least value of an integer
 * @param maximum       the greatest value of an integer
 * @param pattern       a regular expression the whole value of a string must match (ECMA 262 and Java alike)
 * @param maxLength     the longest string allowed
 */
public record ParameterSpec(String name, ParameterType type, boolean required, boolean secret, Optional<Object> defaultValue,
                            String description, List<String> allowedValues, OptionalLong minimum, OptionalLong maximum,
                            Optional<String> pattern, OptionalLong maxLength) {
    public ParameterSpec {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(description, "description is null");
        allowedValues = List.copyOf(requireNonNull(allowedValues, "allowedValues is null"));
        requireNonNull(minimum, "minimum is null");
        requireNonNull(maximum, "maximum is null");
        requireNonNull(pattern, "pattern is null");
        requireNonNull(maxLength, "maxLength is null");
    }

    /** A string parameter whose whole value matches {@code pattern}. */
    public static ParameterSpec string(String name, boolean required, String description, String pattern, long maxLength) {
        return new ParameterSpec(name, ParameterType.STRING, required, false, Optional.empty(), description, List.of(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.of(pattern), OptionalLong.of(maxLength));
    }

    /** A secret string: any text up to {@code maxLength} characters, never shown. */
    public static ParameterSpec secret(String name, String description, long maxLength) {
        return new ParameterSpec(name, ParameterType.STRING, false, true, Optional.empty(), description, List.of(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), OptionalLong.of(maxLength));
    }

    /** An integer from {@code minimum} to {@code maximum}. */
    public static ParameterSpec integer(String name, boolean required, String description, long minimum, long maximum,
                                        Optional<Object> defaultValue) {
        return new ParameterSpec(name, ParameterType.INTEGER, required, false, defaultValue, description, List.of(),
                OptionalLong.of(minimum), OptionalLong.of(maximum), Optional.empty(), OptionalLong.empty());
    }
}
