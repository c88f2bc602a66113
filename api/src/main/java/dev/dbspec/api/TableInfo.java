package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A table or view listed in a schema.
 *
 * @param name    the name as stored
 * @param type    table or view
 * @param comment the comment (remarks), empty when there is none
 */
public record TableInfo(String name, Type type, Optional<String> comment) {
    public TableInfo {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(comment, "comment is null");
    }

    /** What the relation is. */
    public enum Type {
        TABLE, VIEW
    }
}
