package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviationsTest {
    private static final String SQL = "DATE_TRUNC('week', {col})";
    private static final String REASON = "Superset's week starts on Sunday; dbspec's P1W is the ISO week starting Monday.";

    @Test
    void aCompleteEntryHasNoProblems() {
        assertThat(Deviations.problems("superset-week-start", Deviations.fingerprint(SQL), REASON, SQL)).isEmpty();
    }

    @Test
    void placeholderAndOneLetterReasonsFail() {
        assertThat(Deviations.reasonProblems("x")).isNotEmpty();
        assertThat(Deviations.reasonProblems("")).isNotEmpty();
        assertThat(Deviations.reasonProblems("<reason>    # dbspec: a | Superset: b and some more words here")).isNotEmpty();
        assertThat(Deviations.reasonProblems("TODO: explain why dbspec differs from Superset for this grain")).isNotEmpty();
        assertThat(Deviations.reasonProblems("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).as("one long word").isNotEmpty();
    }

    @Test
    void unknownCategoryFails() {
        assertThat(Deviations.problems("different", Deviations.fingerprint(SQL), REASON, SQL))
                .singleElement().asString().contains("unknown category 'different'");
    }

    @Test
    void changedSqlMakesTheFingerprintStale() {
        String written = Deviations.fingerprint(SQL);
        assertThat(Deviations.problems("superset-week-start", written, REASON, "DATE_TRUNC('isoweek', {col})"))
                .singleElement().asString().contains("dbspec's SQL changed");
    }

    @Test
    void fingerprintIgnoresOnlyWhitespaceRuns() {
        assertThat(Deviations.fingerprint("CAST( {col}\n   AS DATE)")).isEqualTo(Deviations.fingerprint("CAST( {col} AS DATE)"));
        assertThat(Deviations.fingerprint("CAST({col} AS DATE)")).isNotEqualTo(Deviations.fingerprint("CAST({col} AS date)"));
        assertThat(Deviations.fingerprint(null)).hasSize(Deviations.FINGERPRINT_LENGTH).isNotEqualTo(Deviations.fingerprint(""));
    }
}
