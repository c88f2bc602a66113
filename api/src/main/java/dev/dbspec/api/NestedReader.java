package dev.dbspec.api;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the nested values of one result set for {@link DataExpander} ({@code expand_data}), made by
 * {@link EngineSpec#nestedReader} once the statement has run. Not thread-safe: one per result.
 */
public interface NestedReader {
    /** The shape of the 1-based {@code column}; a {@link NestedType.Scalar} for a column the host reads its usual way. */
    NestedType type(int column);

    /**
     * The current row's value of the 1-based {@code column} (one {@link #type} says is nested) as plain Java: a
     * {@link java.util.List} for an array, a {@link java.util.Map} (field name to value, in field order) or a
     * {@link java.util.List} (by position) for a row, JSON text for an {@link NestedType.Inferred} JSON column, and
     * inside them {@code String}, {@code Number}, {@code Boolean}, {@code java.time} values or {@code null}.
     */
    Object read(ResultSet rs, int column) throws SQLException;
}
