package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A table or view as the engine names it: an optional catalog (a database on engines with several), an
 * optional schema and the name, each exactly as stored (no case folding, no quotes).
 *
 * @param catalog the catalog, empty for the connection's own or on engines without catalogs
 * @param schema  the schema, empty on engines without schemas
 * @param name    the table or view name
 */
public record TableName(Optional<String> catalog, Optional<String> schema, String name) {
    public TableName {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
    }

    /** A table in {@code schema} of the connection's catalog. */
    public static TableName of(String schema, String name) {
        return new TableName(Optional.empty(), Optional.ofNullable(schema), name);
    }
}
