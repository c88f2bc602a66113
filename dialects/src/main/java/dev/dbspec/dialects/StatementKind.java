package dev.dbspec.dialects;

/** What a statement does, as far as reading and limiting are concerned. */
public enum StatementKind {
    /** Returns rows and changes nothing: {@code SELECT}, {@code WITH ... SELECT}, set operations, {@code VALUES}, {@code TABLE t}. */
    QUERY(true),
    /**
     * Changes data, schema or rights: {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, DDL,
     * {@code GRANT}, {@code SELECT ... INTO}, a {@code WITH} whose CTE or main statement is DML,
     * {@code EXPLAIN ANALYZE} of DML, and any statement whose leading keyword is not known.
     */
    MUTATING(false),
    /** Neither: {@code SET}, {@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}, {@code USE}, {@code PRAGMA name}, transaction control. */
    OTHER(true);

    private final boolean readOnly;

    StatementKind(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** Whether the statement leaves data, schema and rights unchanged. */
    public boolean isReadOnly() {
        return readOnly;
    }
}
