package dev.dbspec.testdb;

import dev.dbspec.testdb.CheckResult.Status;
import java.sql.Statement;

/**
 * The pieces every live check is made of: a timed body returning an {@link Outcome}, and scratch tables dropped
 * even when the body fails. Check classes ({@link LiveChecks}, {@link BehaviourChecks}, ...) share them.
 */
public final class Checks {
    private Checks() {
    }

    /** The body of a check. */
    @FunctionalInterface
    public interface Check {
        Outcome run() throws Exception;
    }

    /** Work done while a scratch table exists. */
    @FunctionalInterface
    public interface TableWork<T> {
        T run() throws Exception;
    }

    /** What a check's body found. */
    public record Outcome(Status status, String detail) {
    }

    public static Outcome pass(String detail) {
        return new Outcome(Status.PASSED, detail);
    }

    public static Outcome fail(String detail) {
        return new Outcome(Status.FAILED, detail);
    }

    /** Not checkable here (no such object on this database, a precondition missing): never counted as passed. */
    public static Outcome notCheckable(String reason) {
        return new Outcome(Status.SKIPPED, reason);
    }

    public static CheckResult skipped(String id, String title, String reason) {
        return new CheckResult(id, title, Status.SKIPPED, reason, 0);
    }

    /**
     * Runs {@code check}, timing it; an exception (or a linkage error from a driver) is a failure with its message.
     * A failure's detail ends with the SPI method to override ({@link SpiFixes}).
     */
    public static CheckResult timed(String id, String title, Check check) {
        long start = System.nanoTime();
        try {
            Outcome outcome = check.run();
            if (outcome.status() == Status.FAILED) {
                return failed(id, title, outcome.detail(), millisSince(start));
            }
            return new CheckResult(id, title, outcome.status(), outcome.detail(), millisSince(start));
        } catch (Exception | LinkageError e) {
            return failed(id, title, message(e), millisSince(start));
        }
    }

    /** A failed check whose detail ends with {@code fix: override <the SPI method>} when the kit knows it. */
    public static CheckResult failed(String id, String title, String detail, long millis) {
        return new CheckResult(id, title, Status.FAILED, SpiFixes.withFix(id, detail), millis);
    }

    /** Creates {@code table} with {@code columns}, runs {@code work}, and drops the table even when work fails. */
    public static <T> T withTable(Statement statement, String table, String columns, TableWork<T> work) throws Exception {
        return withTable("CREATE TABLE " + table + " (" + columns + ")", statement, table, work);
    }

    /** As {@link #withTable(Statement, String, String, TableWork)}, created the way {@code spec} creates a scratch table. */
    public static <T> T withTable(dev.dbspec.api.EngineSpec spec, Statement statement, String table, String columns, TableWork<T> work)
            throws Exception {
        return withTable(spec.scratchTableSql(table, columns), statement, table, work);
    }

    private static <T> T withTable(String createSql, Statement statement, String table, TableWork<T> work) throws Exception {
        statement.execute(createSql);
        try {
            return work.run();
        } finally {
            statement.execute("DROP TABLE " + table);
        }
    }

    public static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The exception's simple class name and the first line of its message. */
    public static String message(Throwable e) {
        return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }

    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
