package dev.dbspec.dialects;

import java.util.List;
import java.util.Optional;

/**
 * {@code LIMIT n} (PostgreSQL, MySQL, SQLite, H2, Presto, Hive, ClickHouse...).
 *
 * <p>Adds {@code " LIMIT n"} at the end of the query, before a locking clause and a {@code ;}, on a new
 * line when the query ends in a line comment; when the query has {@code OFFSET m} without a limit, writes
 * {@code "LIMIT n "} just before {@code OFFSET}. Wraps as {@code SELECT * FROM (query) AS dbspec_limit LIMIT n};
 * it wraps instead of adding when a trailing limit would cap only the last branch of a set operation (ClickHouse).
 */
final class LimitClauseHandler implements LimitHandler {
    @Override
    public Optional<List<TextEdit>> add(QueryShape shape, long n) {
        if (shape.offsetKeyword() >= 0) {
            return Optional.of(List.of(TextEdit.insert(shape.offsetKeyword(), "LIMIT " + n + " ")));
        }
        if (!shape.appendCapsWholeQuery()) {
            return Optional.empty();
        }
        return Optional.of(List.of(TextEdit.insert(shape.appendAt(), LimitHandler.separator(shape) + "LIMIT " + n)));
    }

    @Override
    public List<TextEdit> wrap(QueryShape shape, long n) {
        return LimitHandler.wrapWith(shape, "SELECT * FROM (", " AS " + ALIAS + " LIMIT " + n);
    }
}
