package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a client needs to know about one table or view.
 *
 * @param table      the table as stored (its names may differ in case from those asked for: see
 *                   {@link EngineSpec#tableDetail})
 * @param type       table or view
 * @param columns    the columns in table order
 * @param primaryKey the primary key's columns in key order, empty when there is none
 * @param indexes    the indexes (the primary key's own included when the engine lists it)
 * @param comment    the table comment, empty when none
 */
public record TableDetail(TableName table, TableInfo.Type type, List<ColumnInfo> columns, List<String> primaryKey, List<IndexInfo> indexes,
                          Optional<String> comment) {
    public TableDetail {
        requireNonNull(table, "table is null");
        requireNonNull(type, "type is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        indexes = List.copyOf(requireNonNull(indexes, "indexes is null"));
        requireNonNull(comment, "comment is null");
    }
}
