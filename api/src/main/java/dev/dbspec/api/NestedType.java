package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The shape of a result column for {@link DataExpander} ({@code expand_data}): a scalar, an array whose elements
 * become extra rows, a row (struct, composite) whose fields become extra columns named {@code parent.field}, or a
 * shape read from the values themselves (JSON documents; PostgreSQL arrays, whose number of dimensions is not part
 * of their type).
 *
 * <p>Every shape carries the engine's own type name ({@link #name()}), which the host reports as the column's native
 * type: {@code ROW(NESTED_OBJ VARCHAR)} for Presto, {@code STRUCT(a INTEGER)} for DuckDB, {@code my_composite} for
 * PostgreSQL.
 */
public sealed interface NestedType {
    /** The engine's type name, as reported for the column. */
    String name();

    /** Whether {@link DataExpander} does anything with a column of this type (anything but a {@link Scalar}). */
    default boolean nested() {
        return !(this instanceof Scalar);
    }

    /** A type that is not expanded. */
    record Scalar(String name) implements NestedType {
        public Scalar {
            requireNonNull(name, "name is null");
        }
    }

    /** An array (Presto {@code ARRAY(T)}, DuckDB {@code T[]}): each element gets a row of its own. */
    record ArrayType(String name, NestedType element) implements NestedType {
        public ArrayType {
            requireNonNull(name, "name is null");
            requireNonNull(element, "element is null");
        }
    }

    /**
     * A row (Presto {@code ROW}, DuckDB {@code STRUCT}, a PostgreSQL composite): each field gets a column named
     * {@code parent.field}. Values are read by position from a {@link java.util.List} (Presto's form) or by field name
     * from a {@link java.util.Map}.
     */
    record RowType(String name, List<Field> fields) implements NestedType {
        public RowType {
            requireNonNull(name, "name is null");
            fields = List.copyOf(requireNonNull(fields, "fields is null"));
        }
    }

    /** A field of a {@link RowType}. */
    record Field(String name, NestedType type) {
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * A shape read from the values: before expanding, {@link DataExpander} reads text values as JSON and takes every
     * {@link java.util.Map} for a row (its keys, in the order first seen across all rows, are the fields), every
     * {@link java.util.List} for an array, anything else for a {@link Scalar} named {@code leaf}. Values of different
     * shapes in one place (an object in one row, a number in another) leave that place a scalar.
     *
     * @param name the column's type name ({@code jsonb}, {@code _int4})
     * @param leaf the type name of the values inside ({@code jsonb}, {@code int4})
     */
    record Inferred(String name, String leaf) implements NestedType {
        public Inferred {
            requireNonNull(name, "name is null");
            requireNonNull(leaf, "leaf is null");
        }
    }

    static NestedType scalar(String name) {
        return new Scalar(name);
    }

    static NestedType array(String name, NestedType element) {
        return new ArrayType(name, element);
    }

    static NestedType row(String name, List<Field> fields) {
        return new RowType(name, fields);
    }

    static Field field(String name, NestedType type) {
        return new Field(name, type);
    }
}
