package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An index of a table.
 *
 * @param name    the index name
 * @param columns its columns in index order (expression indexes may report none)
 * @param unique  whether it enforces uniqueness
 */
public record IndexInfo(String name, List<String> columns, boolean unique) {
    public IndexInfo {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
