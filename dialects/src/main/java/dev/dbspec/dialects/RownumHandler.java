package dev.dbspec.dialects;

import java.util.List;
import java.util.Optional;

/**
 * {@code ROWNUM} (Oracle before 12c, which has no {@code FETCH FIRST}).
 *
 * <p>Always wraps, since {@code ROWNUM} is assigned before {@code ORDER BY}:
 * {@code SELECT * FROM (query) WHERE ROWNUM <= n}. An existing top-level {@code ROWNUM <= m} is lowered in
 * place by the pipeline instead.
 */
final class RownumHandler implements LimitHandler {
    @Override
    public Optional<List<TextEdit>> add(QueryShape shape, long n) {
        return Optional.empty();
    }

    @Override
    public List<TextEdit> wrap(QueryShape shape, long n) {
        return LimitHandler.wrapWith(shape, "SELECT * FROM (", " WHERE ROWNUM <= " + n);
    }
}
