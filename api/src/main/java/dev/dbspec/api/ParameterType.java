package dev.dbspec.api;

/**
 * The JSON type of a connection parameter ({@link ParameterSpec}), with the Java type its values have in a
 * canonical parameter map: {@code String}, {@code Long}, {@code Boolean}.
 */
public enum ParameterType {
    /** JSON {@code "string"}, a {@link String}. */
    STRING("string"),
    /** JSON {@code "integer"}, a {@link Long} (any integral {@link Number} is accepted on input). */
    INTEGER("integer"),
    /** JSON {@code "boolean"}, a {@link Boolean}. */
    BOOLEAN("boolean");

    private final String jsonType;

    ParameterType(String jsonType) {
        this.jsonType = jsonType;
    }

    /** The type's name in JSON Schema. */
    public String jsonType() {
        return jsonType;
    }
}
