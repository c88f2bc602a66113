package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What {@link DataExpander#expand} returns, as Superset's {@code expand_data} does: {@code (all_columns, data,
 * expanded_columns)}.
 *
 * @param columns         every column: the query's and, right after each row column, its fields
 * @param rows            the rows, each a map from every name in {@code columns} (in that order) to its value; a place
 *                        the expansion left empty holds {@link DataExpander#ABSENT} ({@code ""}, as Superset), a
 *                        database NULL holds {@code null}
 * @param expandedColumns the columns added for the fields of rows (array elements reuse their column's name)
 */
public record ExpandedData(List<NestedColumn> columns, List<Map<String, Object>> rows, List<NestedColumn> expandedColumns) {
    public ExpandedData {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        expandedColumns = List.copyOf(requireNonNull(expandedColumns, "expandedColumns is null"));
    }
}
