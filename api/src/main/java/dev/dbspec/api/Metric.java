package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

/**
 * A metric a new dataset gets by default ({@code get_metrics}): an aggregate over the table's rows.
 *
 * @param name        a short identifier, for example {@code count}
 * @param expression  the SQL aggregate in the engine's syntax, for example {@code COUNT(*)}; it goes in a
 *                    {@code SELECT} list over the table
 * @param verboseName what people see, for example {@code COUNT(*)}
 */
public record Metric(String name, String expression, String verboseName) {
    /** {@code COUNT(*)}: the metric every engine has. */
    public static final Metric COUNT = new Metric("count", "COUNT(*)", "COUNT(*)");

    public Metric {
        requireNonNull(name, "name is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(verboseName, "verboseName is null");
        if (name.isBlank() || expression.isBlank()) {
            throw new IllegalArgumentException("a metric needs a name and an expression");
        }
    }
}
