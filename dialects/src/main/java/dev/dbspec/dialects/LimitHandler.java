package dev.dbspec.dialects;

import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import java.util.List;
import java.util.Optional;

/**
 * Writes a row cap in one {@link LimitSyntax} family (like Hibernate's {@code LimitHandler}). A handler
 * only produces {@link TextEdit edits} against the user's text at positions the parse located; it never
 * re-renders the query.
 */
sealed interface LimitHandler permits LimitClauseHandler, TopHandler, FetchFirstHandler, RownumHandler {

    /** Alias given to a wrapped query. */
    String ALIAS = "dbspec_limit";

    /**
     * Edits that cap a query without a top-level limit at {@code n} rows in place, or empty when this
     * syntax cannot do that for this query (the caller then {@link #wrap wraps} it).
     */
    Optional<List<TextEdit>> add(QueryShape shape, long n);

    /** Edits that wrap the main query (after any {@code WITH} list) in a capped {@code SELECT *}. */
    List<TextEdit> wrap(QueryShape shape, long n);

    /** The handler for {@code syntax}; {@code family} decides alias spelling (Oracle takes no {@code AS} before a table alias). */
    static LimitHandler of(LimitSyntax syntax, SqlFamily family) {
        return switch (syntax) {
            case LIMIT -> new LimitClauseHandler();
            case TOP -> new TopHandler();
            case FETCH_FIRST -> new FetchFirstHandler(family != SqlFamily.ORACLE);
            case ROWNUM -> new RownumHandler();
        };
    }

    /** The separator before a clause appended at the end: a newline when the text there ends in a line comment. */
    static String separator(QueryShape shape) {
        return shape.appendOnNewLine() ? "\n" : " ";
    }

    /** Wrapping edits: {@code prefix} where the main query starts, {@code ")" + suffix} after its end. */
    static List<TextEdit> wrapWith(QueryShape shape, String prefix, String suffix) {
        String close = (shape.appendOnNewLine() ? "\n)" : ")") + suffix;
        return List.of(TextEdit.insert(shape.bodyStart(), prefix), TextEdit.insert(shape.appendAt(), close));
    }
}
