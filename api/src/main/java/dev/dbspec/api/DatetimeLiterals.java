package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How an engine writes datetime literals, as data: for each {@link TemporalType} a template in which
 * {@code {value}} is replaced by the value formatted with a {@link DateTimeFormatter} pattern.
 *
 * <pre>{@code
 * DatetimeLiterals.builder()
 *     .add(TemporalType.DATE, "DATE '{value}'", "yyyy-MM-dd")
 *     .add(TemporalType.TIMESTAMP, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSS")
 *     .build();
 * }</pre>
 */
public final class DatetimeLiterals {
    private static final DatetimeLiterals ANSI = builder()
            .add(TemporalType.DATE, "DATE '{value}'", "yyyy-MM-dd")
            .add(TemporalType.TIME, "TIME '{value}'", "HH:mm:ss.SSSSSS")
            .add(TemporalType.TIMESTAMP, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSS")
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "TIMESTAMP WITH TIME ZONE '{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .build();

    private final Map<TemporalType, Format> formats;

    private DatetimeLiterals(Map<TemporalType, Format> formats) {
        this.formats = formats.isEmpty() ? Map.of() : new EnumMap<>(formats);
    }

    /** SQL-standard typed literals ({@code DATE '...'}, {@code TIMESTAMP '...'}...) with microseconds. */
    public static DatetimeLiterals ansi() {
        return ANSI;
    }

    /** A builder for an engine's formats. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these formats, to change a few types. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.formats.putAll(formats);
        return builder;
    }

    /** Whether a literal format is declared for {@code type}. */
    public boolean supports(TemporalType type) {
        return formats.containsKey(type);
    }

    /** The template for {@code type}, for example {@code DATE '{value}'}. */
    public Optional<String> template(TemporalType type) {
        return Optional.ofNullable(formats.get(type)).map(Format::template);
    }

    /**
     * Renders {@code value} as a literal of {@code type}, or empty when the engine has no literal for it.
     *
     * @throws java.time.DateTimeException when {@code value} lacks a field the pattern needs
     */
    public Optional<String> render(TemporalType type, TemporalAccessor value) {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        Format format = formats.get(type);
        if (format == null) {
            return Optional.empty();
        }
        return Optional.of(format.template().replace("{value}", format.formatter().format(value)));
    }

    private record Format(String template, DateTimeFormatter formatter) {
    }

    /** Collects one format per temporal type. */
    public static final class Builder {
        private final Map<TemporalType, Format> formats = new EnumMap<>(TemporalType.class);

        private Builder() {
        }

        /**
         * Declares the literal for {@code type}.
         *
         * @param template SQL with {@code {value}} where the formatted value goes
         * @param pattern  a {@link DateTimeFormatter} pattern
         */
        public Builder add(TemporalType type, String template, String pattern) {
            requireNonNull(type, "type is null");
            requireNonNull(template, "template is null");
            requireNonNull(pattern, "pattern is null");
            if (!template.contains("{value}")) {
                throw new IllegalArgumentException("template has no {value}: " + template);
            }
            formats.put(type, new Format(template, DateTimeFormatter.ofPattern(pattern)));
            return this;
        }

        /** Removes the literal for {@code type} (the engine has none). */
        public Builder remove(TemporalType type) {
            formats.remove(type);
            return this;
        }

        public DatetimeLiterals build() {
            return new DatetimeLiterals(formats);
        }
    }
}
