package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
    private static final DatetimeLiterals ANSI = typed(6);

    private final Map<TemporalType, Format> formats;
    private final List<NativeFormat> nativeFormats;

    private DatetimeLiterals(Map<TemporalType, Format> formats, List<NativeFormat> nativeFormats) {
        this.formats = formats.isEmpty() ? Map.of() : new EnumMap<>(formats);
        this.nativeFormats = List.copyOf(nativeFormats);
    }

    /** SQL-standard typed literals ({@code DATE '...'}, {@code TIMESTAMP '...'}...) with microseconds. */
    public static DatetimeLiterals ansi() {
        return ANSI;
    }

    /**
     * SQL-standard typed literals ({@code DATE '...'}, {@code TIME '...'}, {@code TIMESTAMP '...'},
     * {@code TIMESTAMP WITH TIME ZONE '...'}) for {@code types} (all four when none are named), with
     * {@code fractionDigits} digits of seconds (0 to 9): the shape most engines share, declared once.
     */
    public static DatetimeLiterals typed(int fractionDigits, TemporalType... types) {
        return standard("{type} '{value}'", fractionDigits, types);
    }

    /**
     * Casts of text to the SQL-standard types ({@code CAST('...' AS DATE)}, {@code CAST('...' AS TIME)},
     * {@code CAST('...' AS TIMESTAMP)}, {@code CAST('...' AS TIMESTAMP WITH TIME ZONE)}) for {@code types} (all four
     * when none are named), with {@code fractionDigits} digits of seconds (0 to 9), for engines without typed literals.
     *
     * @since 1.5.0
     */
    public static DatetimeLiterals casts(int fractionDigits, TemporalType... types) {
        return standard("CAST('{value}' AS {type})", fractionDigits, types);
    }

    /**
     * {@code template} (with {@code {value}} for the value's ISO text and, optionally, {@code {type}} for the type's
     * SQL-standard name: {@code DATE}, {@code TIME}, {@code TIMESTAMP}, {@code TIMESTAMP WITH TIME ZONE}) for {@code types}
     * (all four when none are named), with {@code fractionDigits} digits of seconds (0 to 9): Db2's
     * {@code {type}('{value}')}, SQLite's plain {@code '{value}'}.
     *
     * @since 1.5.0
     */
    public static DatetimeLiterals standard(String template, int fractionDigits, TemporalType... types) {
        requireNonNull(template, "template is null");
        if (fractionDigits < 0 || fractionDigits > 9) {
            throw new IllegalArgumentException("fractionDigits must be 0 to 9, not " + fractionDigits);
        }
        String fraction = fractionDigits == 0 ? "" : "." + "S".repeat(fractionDigits);
        Builder builder = builder();
        for (TemporalType type : types.length == 0 ? TemporalType.values() : types) {
            switch (type) {
                case DATE -> builder.add(type, template.replace("{type}", "DATE"), "yyyy-MM-dd");
                case TIME -> builder.add(type, template.replace("{type}", "TIME"), "HH:mm:ss" + fraction);
                case TIMESTAMP -> builder.add(type, template.replace("{type}", "TIMESTAMP"), "yyyy-MM-dd HH:mm:ss" + fraction);
                case TIMESTAMP_WITH_TIME_ZONE -> builder.add(type, template.replace("{type}", "TIMESTAMP WITH TIME ZONE"),
                        "yyyy-MM-dd HH:mm:ss" + fraction + "xxx");
            }
        }
        return builder.build();
    }

    /**
     * These formats with {@code other}'s added, {@code other}'s winning for the types both declare: for an engine whose
     * types differ in precision ({@code typed(7, DATE, TIMESTAMP).with(typed(0, TIME))}).
     *
     * @since 1.5.0
     */
    public DatetimeLiterals with(DatetimeLiterals other) {
        requireNonNull(other, "other is null");
        Map<TemporalType, Format> merged = new EnumMap<>(TemporalType.class);
        merged.putAll(formats);
        merged.putAll(other.formats);
        List<NativeFormat> natives = new ArrayList<>(other.nativeFormats);
        natives.addAll(nativeFormats);
        return new DatetimeLiterals(merged, natives);
    }

    /** A builder for an engine's formats. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these formats, to change a few types. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.formats.putAll(formats);
        builder.nativeFormats.addAll(nativeFormats);
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
     * A {@link java.time.LocalDateTime} rendered as {@link TemporalType#TIMESTAMP_WITH_TIME_ZONE} is taken as UTC.
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
        TemporalAccessor zoned = type == TemporalType.TIMESTAMP_WITH_TIME_ZONE && value instanceof java.time.LocalDateTime local
                ? local.atOffset(java.time.ZoneOffset.UTC) // a value without a zone is taken as UTC
                : value;
        return Optional.of(format.template().replace("{value}", format.formatter().format(zoned)));
    }

    /**
     * Renders {@code value} for a column of native type {@code nativeTypeName} (for example
     * {@code SMALLDATETIME} or {@code TIMESTAMP_NTZ}): the first {@linkplain Builder#nativeType native-type
     * rule} matching the name wins; otherwise the name is mapped by {@code columnTypes} to a generic
     * type and rendered as {@link TemporalType#DATE}, {@link TemporalType#TIME} or
     * {@link TemporalType#TIMESTAMP} (with time zone when the name says so). Empty for non-temporal
     * types and for types the engine has no literal for.
     */
    public Optional<String> renderForNativeType(String nativeTypeName, TemporalAccessor value, ColumnTypes columnTypes) {
        requireNonNull(nativeTypeName, "nativeTypeName is null");
        requireNonNull(value, "value is null");
        requireNonNull(columnTypes, "columnTypes is null");
        String name = nativeTypeName.trim();
        for (NativeFormat rule : nativeFormats) {
            if (rule.pattern().matcher(name).find()) {
                return Optional.of(rule.format().template().replace("{value}", rule.format().formatter().format(value)));
            }
        }
        return switch (columnTypes.resolve(name)) {
            case DATE -> render(TemporalType.DATE, value);
            case TIME -> render(TemporalType.TIME, value);
            case TIMESTAMP -> render(name.toLowerCase(java.util.Locale.ROOT).matches(".*(with time zone|tz\\b|tz$|offset).*")
                    ? TemporalType.TIMESTAMP_WITH_TIME_ZONE : TemporalType.TIMESTAMP, value);
            default -> Optional.empty();
        };
    }

    private record Format(String template, DateTimeFormatter formatter) {
    }

    private record NativeFormat(java.util.regex.Pattern pattern, Format format) {
    }

    /** Collects one format per temporal type. */
    public static final class Builder {
        private final Map<TemporalType, Format> formats = new EnumMap<>(TemporalType.class);
        private final List<NativeFormat> nativeFormats = new ArrayList<>();

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

        /**
         * Declares the literal for native type names matching {@code regex} (case-insensitive), consulted
         * before the generic formats by {@link #renderForNativeType}; for engines whose literal depends on
         * the exact column type ({@code SMALLDATETIME}, {@code DATETIME2}...).
         */
        public Builder nativeType(String regex, String template, String pattern) {
            requireNonNull(regex, "regex is null");
            requireNonNull(template, "template is null");
            requireNonNull(pattern, "pattern is null");
            if (!template.contains("{value}")) {
                throw new IllegalArgumentException("template has no {value}: " + template);
            }
            nativeFormats.add(new NativeFormat(java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE),
                    new Format(template, DateTimeFormatter.ofPattern(pattern))));
            return this;
        }

        /** Removes the literal for {@code type} (the engine has none). */
        public Builder remove(TemporalType type) {
            formats.remove(type);
            return this;
        }

        public DatetimeLiterals build() {
            return new DatetimeLiterals(formats, nativeFormats);
        }
    }
}
