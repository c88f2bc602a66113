package dev.dbspec.api;

/**
 * The row-limit syntax family an engine understands. One family is shared by many engines; the SQL
 * pipeline has one small handler per family.
 */
public enum LimitSyntax {
    /** {@code ... LIMIT n}, and {@code LIMIT m, n} / {@code LIMIT n OFFSET m} for offsets (PostgreSQL, MySQL, SQLite, H2...). */
    LIMIT,
    /** {@code SELECT [DISTINCT] TOP n ...} (SQL Server, Sybase, Teradata). */
    TOP,
    /** {@code ... FETCH FIRST n ROWS ONLY} (Oracle 12c+, Db2, Derby). */
    FETCH_FIRST,
    /** {@code SELECT * FROM (...) WHERE ROWNUM <= n} (Oracle before 12c). */
    ROWNUM
}
