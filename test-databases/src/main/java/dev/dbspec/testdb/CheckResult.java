package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one live check.
 *
 * @param id     stable identifier, for example {@code grain.PT1H} or {@code cancel}
 * @param title  what was checked, for people
 * @param status passed, failed or skipped
 * @param detail why it failed or was skipped, or what was measured
 * @param millis how long the check took
 */
public record CheckResult(String id, String title, Status status, String detail, long millis) {
    public CheckResult {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
    }

    /** Outcome of a check. */
    public enum Status {
        PASSED, FAILED, SKIPPED
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
