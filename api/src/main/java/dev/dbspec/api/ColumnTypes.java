package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Native column type names mapped to {@link GenericType}s, as data: an ordered list of
 * case-insensitive regular expressions matched against the type name as the driver reports it
 * ({@code ResultSetMetaData.getColumnTypeName}); the first match wins, no match is
 * {@link GenericType#OTHER}.
 *
 * <pre>{@code
 * ColumnTypes.builder().map("^jsonb?$", GenericType.JSON).then(ColumnTypes.defaults()).build()
 * }</pre>
 */
public final class ColumnTypes {
    private record Rule(Pattern pattern, GenericType type) {
    }

    private static final ColumnTypes DEFAULTS = builder()
            .map("^(n?(var)?char|character( varying)?|n?text|string|(tiny|medium|long)text|varchar2|nvarchar2|clob|nclob|uuid|citext|name|enum|set)\\b", GenericType.STRING)
            .map("^(tinyint|smallint|mediumint|int|integer|bigint|int[1248]|serial|bigserial|smallserial|hugeint|long|byteint)\\b", GenericType.INTEGER)
            .map("^(decimal|numeric|number|money|smallmoney|dec)\\b", GenericType.DECIMAL)
            .map("^(float|double|real|double precision|float[48]|binary_float|binary_double)\\b", GenericType.FLOAT)
            .map("^(bool|boolean|bit)\\b", GenericType.BOOLEAN)
            .map("^date$", GenericType.DATE)
            .map("^time(\\(\\d+\\))?( without time zone| with time zone)?$|^timetz$", GenericType.TIME)
            .map("^(timestamp|datetime|datetime2|smalldatetime|timestamptz|timestamp_[nlt]tz|datetimeoffset)\\b", GenericType.TIMESTAMP)
            .map("^(binary|varbinary|blob|bytea|image|raw|long raw|(tiny|medium|long)blob|bytes)\\b", GenericType.BINARY)
            .map("^(json|jsonb|variant)\\b", GenericType.JSON)
            .build();

    private final List<Rule> rules;

    private ColumnTypes(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Mappings for the common SQL type names; engines put their own rules first. */
    public static ColumnTypes defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The generic type of {@code nativeTypeName}; {@link GenericType#OTHER} when no rule matches. */
    public GenericType resolve(String nativeTypeName) {
        requireNonNull(nativeTypeName, "nativeTypeName is null");
        String name = nativeTypeName.trim().toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (rule.pattern().matcher(name).find()) {
                return rule.type();
            }
        }
        return GenericType.OTHER;
    }

    /** Collects rules in match order. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        /** Maps type names matching {@code regex} (case-insensitive, searched in the lower-cased name) to {@code type}. */
        public Builder map(String regex, GenericType type) {
            rules.add(new Rule(Pattern.compile(requireNonNull(regex, "regex is null"), Pattern.CASE_INSENSITIVE),
                    requireNonNull(type, "type is null")));
            return this;
        }

        /** Appends all rules of {@code other}, consulted after the ones added so far. */
        public Builder then(ColumnTypes other) {
            rules.addAll(requireNonNull(other, "other is null").rules);
            return this;
        }

        public ColumnTypes build() {
            return new ColumnTypes(rules);
        }
    }
}
