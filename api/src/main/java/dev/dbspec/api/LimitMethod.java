package dev.dbspec.api;

/**
 * How the host caps the number of rows a statement returns (Superset's {@code LimitMethod}).
 */
public enum LimitMethod {
    /** Edit the statement: add a limit clause, or lower an existing larger one. Most efficient. */
    FORCE_LIMIT("modifies the query, replacing an existing LIMIT or adding a new one"),
    /** Wrap the statement: {@code SELECT * FROM (<statement>) AS alias} plus the engine's limit clause. */
    WRAP_SQL("wraps the original query in a SELECT * with a LIMIT"),
    /** Leave the text alone; the executor stops fetching after the limit. */
    FETCH_MANY("runs the query unmodified but fetches only LIMIT rows from the cursor");

    private final String description;

    LimitMethod(String description) {
        this.description = description;
    }

    /** One line saying what the method does, for reports. */
    public String description() {
        return description;
    }
}
