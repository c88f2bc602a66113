package dev.dbspec.dialects;

import java.util.List;
import java.util.Optional;

/**
 * {@code SELECT TOP n} (SQL Server, Sybase, Teradata).
 *
 * <p>Adds {@code " TOP n"} right after the main query's {@code SELECT}, after {@code DISTINCT} or
 * {@code ALL} when present ({@code SELECT DISTINCT TOP n}); the main query of a {@code WITH} is the one
 * limited. A query with {@code OFFSET m ROWS} gets {@code " FETCH NEXT n ROWS ONLY"} at its end instead
 * (TOP cannot be combined with OFFSET). A set operation or {@code VALUES} is wrapped as
 * {@code SELECT TOP n * FROM (query) AS dbspec_limit}.
 */
final class TopHandler implements LimitHandler {
    @Override
    public Optional<List<TextEdit>> add(QueryShape shape, long n) {
        if (shape.hasOffset()) {
            return Optional.of(List.of(TextEdit.insert(shape.appendAt(), LimitHandler.separator(shape) + "FETCH NEXT " + n + " ROWS ONLY")));
        }
        if (shape.topInsertAt() < 0) {
            return Optional.empty();
        }
        return Optional.of(List.of(TextEdit.insert(shape.topInsertAt(), " TOP " + n)));
    }

    @Override
    public List<TextEdit> wrap(QueryShape shape, long n) {
        return LimitHandler.wrapWith(shape, "SELECT TOP " + n + " * FROM (", " AS " + ALIAS);
    }
}
