package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

/**
 * A result column with its {@link NestedType}, in and out of {@link DataExpander}.
 *
 * @param name the column's label; an expanded field's is {@code parent.field}
 * @param type its shape and native type name
 */
public record NestedColumn(String name, NestedType type) {
    public NestedColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
