package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * Where a query's limit is and where one can go, as offsets in the script; computed once from the
 * parse tree and tokens so that applying a limit is pure splicing.
 *
 * @param existing         the top-level limit the query already has
 * @param bodyStart        start of the main query (after any {@code WITH} list): where a wrapper opens
 * @param appendAt         where a clause appended at the end goes (before a locking clause, a {@code ;} and after trailing comments)
 * @param appendOnNewLine  the text before {@code appendAt} ends in a line comment
 * @param offsetKeyword    start of an {@code OFFSET} keyword that has no limit with it, else -1
 * @param hasOffset        the query skips rows
 * @param topInsertAt      end of {@code SELECT [DISTINCT|ALL]} of the main query when it is a plain {@code SELECT}, else -1
 * @param appendCapsWholeQuery an appended clause limits the whole query (false for ClickHouse set operations)
 * @param hasOrderBy       the main query has a top-level {@code ORDER BY}
 */
record QueryShape(
        ExistingLimit existing,
        int bodyStart,
        int appendAt,
        boolean appendOnNewLine,
        int offsetKeyword,
        boolean hasOffset,
        int topInsertAt,
        boolean appendCapsWholeQuery,
        boolean hasOrderBy) {

    QueryShape {
        requireNonNull(existing, "existing is null");
    }
}
