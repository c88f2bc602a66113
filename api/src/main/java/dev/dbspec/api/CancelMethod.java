package dev.dbspec.api;

/** How a running statement is stopped. */
public enum CancelMethod {
    /** {@link java.sql.Statement#cancel()} from another thread; the driver does the rest. */
    JDBC_CANCEL,
    /**
     * The spec's kill statement ({@link EngineSpec#killStatementSql()}) with the session id read by
     * {@link EngineSpec#sessionIdSql()} on the running connection, run on a second connection.
     */
    KILL_STATEMENT,
    /** The engine cannot cancel a running statement. */
    NONE
}
