package dev.dbspec.dialects;

import java.util.List;
import java.util.Optional;

/**
 * {@code FETCH FIRST n ROWS ONLY} (Oracle 12c+, Db2, Derby, SQL:2008).
 *
 * <p>Adds {@code " FETCH FIRST n ROWS ONLY"} at the end of the query (after {@code ORDER BY} and
 * {@code OFFSET m ROWS}), before a locking clause and a {@code ;}, on a new line when the query ends in a
 * line comment. Wraps as {@code SELECT * FROM (query) [AS] dbspec_limit FETCH FIRST n ROWS ONLY}, without
 * {@code AS} for Oracle.
 */
final class FetchFirstHandler implements LimitHandler {
    private final boolean aliasKeyword;

    FetchFirstHandler(boolean aliasKeyword) {
        this.aliasKeyword = aliasKeyword;
    }

    @Override
    public Optional<List<TextEdit>> add(QueryShape shape, long n) {
        if (!shape.appendCapsWholeQuery()) {
            return Optional.empty();
        }
        return Optional.of(List.of(TextEdit.insert(shape.appendAt(), LimitHandler.separator(shape) + clause(n))));
    }

    @Override
    public List<TextEdit> wrap(QueryShape shape, long n) {
        return LimitHandler.wrapWith(shape, "SELECT * FROM (", (aliasKeyword ? " AS " : " ") + ALIAS + " " + clause(n));
    }

    private static String clause(long n) {
        return "FETCH FIRST " + n + " ROWS ONLY";
    }
}
