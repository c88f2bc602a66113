package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A column of a table or view.
 *
 * @param name         the name as stored
 * @param nativeType   the engine's type name
 * @param genericType  the generic type ({@link EngineSpec#genericType})
 * @param nullable     whether it accepts NULL (true when the engine does not say)
 * @param defaultValue the default expression as the engine reports it, empty when none
 */
public record ColumnInfo(String name, String nativeType, GenericType genericType, boolean nullable, Optional<String> defaultValue) {
    public ColumnInfo {
        requireNonNull(name, "name is null");
        requireNonNull(nativeType, "nativeType is null");
        requireNonNull(genericType, "genericType is null");
        requireNonNull(defaultValue, "defaultValue is null");
    }
}
