package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * The result of {@link SqlPipeline#applyLimit}: the SQL to run and what the executor must still do.
 *
 * @param sql     the script to run; outside the edited span it is the user's text byte for byte
 * @param outcome how the row cap is enforced
 * @param limit   the row cap that was asked for
 * @param note    a human-readable explanation (empty when the limit was simply applied)
 */
public record LimitedSql(String sql, Outcome outcome, long limit, String note) {
    public LimitedSql {
        requireNonNull(sql, "sql is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(note, "note is null");
    }

    /**
     * Whether the executor must stop fetching after {@link #limit()} rows itself because the SQL text
     * does not guarantee the cap.
     */
    public boolean executorMustStopFetching() {
        return outcome.executorMustStopFetching;
    }

    /** How the row cap is enforced. */
    public enum Outcome {
        /** The SQL was edited (a limit added, lowered, or the statement wrapped) and returns at most {@code limit} rows. */
        LIMITED(false),
        /** The statement already caps rows at or below {@code limit}; the SQL is unchanged. */
        ALREADY_LIMITED(false),
        /** The SQL is unchanged (method {@code FETCH_MANY}); the executor stops fetching at {@code limit}. */
        FETCH_LIMIT(true),
        /** The last statement is not a query (or there is none): the SQL is unchanged and never limited; fetch at most {@code limit} rows of any result. */
        NOT_A_QUERY(true);

        private final boolean executorMustStopFetching;

        Outcome(boolean executorMustStopFetching) {
            this.executorMustStopFetching = executorMustStopFetching;
        }
    }
}
