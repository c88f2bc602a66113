package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * A table (or view) a statement reads or writes, with the engine's case rules applied to unquoted
 * name parts and quoted parts kept as written.
 *
 * @param catalog the catalog (database) part, or null when not written
 * @param schema  the schema part, or null when not written
 * @param table   the table name
 */
public record TableRef(String catalog, String schema, String table) {
    public TableRef {
        requireNonNull(table, "table is null");
    }

    /** A table without schema or catalog. */
    public static TableRef of(String table) {
        return new TableRef(null, null, table);
    }

    /** A schema-qualified table. */
    public static TableRef of(String schema, String table) {
        return new TableRef(null, schema, table);
    }

    @Override
    public String toString() {
        return (catalog == null ? "" : catalog + ".") + (schema == null ? "" : schema + ".") + table;
    }
}
