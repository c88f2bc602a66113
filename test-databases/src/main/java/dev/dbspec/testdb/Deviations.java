package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules every listed deviation from Superset's corpus follows, shared by the grain corpus test
 * (host) and the SQL corpus test (dialects): a category from a fixed set, the fingerprint of
 * dbspec's answer the reason was written for (so changing dbspec's SQL without revisiting the
 * reason fails), and a reason that explains something.
 */
public final class Deviations {
    /** Length of the hexadecimal SHA-256 prefix written in the deviation files. */
    public static final int FINGERPRINT_LENGTH = 12;
    /** A reason shorter than this cannot name both answers and why they differ. */
    public static final int MINIMUM_REASON_LENGTH = 40;
    private static final int MINIMUM_REASON_WORDS = 7;
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)<reason>|\\bTODO\\b|\\bTBD\\b|\\bFIXME\\b|\\bXXX\\b|lorem ipsum|same as above|see above|\\bn/a\\b|^\\W*$");
    private static final String NO_ANSWER = "(dbspec has no answer)";

    /**
     * Why dbspec's answer differs from Superset's. The first seven are the set; the others
     * were added because entries exist that none of the seven describes truthfully.
     */
    public enum Category {
        SUPERSET_WEEK_START("superset-week-start",
                "Superset's week starts on another day, or on a day a session or account setting chooses; dbspec's P1W is the ISO week"),
        SUPERSET_ROUNDS("superset-rounds",
                "Superset's text rounds the value (a cast to a coarser type), which can move it into the next bucket or past a filter boundary"),
        SUPERSET_DROPS_FRACTION("superset-drops-fraction",
                "Superset's literal drops fractional seconds the column holds, moving a filter boundary"),
        SUPERSET_DROPS_ZONE("superset-drops-zone",
                "Superset's text drops or ignores a time zone (or goes through the session zone), so the engine reads another instant"),
        SUPERSET_OVERFLOW("superset-overflow",
                "Superset's text overflows an engine integer for values in the engine's range"),
        EQUIVALENT("equivalent",
                "both texts give the same results; proven by executing both on a live engine of the family (SupersetEquivalentsLiveTest)"),
        CONVENTION("convention",
                "dbspec follows one of its own rules on purpose (result type of every grain, typed literals, explicit formats, the engine's "
                        + "own syntax); the texts differ in form, type or context, not in the filter or bucket they give"),
        // Added: Db2's kept time of day, Hive's off-by-days weeks, pre-epoch truncation toward zero and
        // UTC-aligned sub-hour buckets put values in a bucket that is not the grain's; that is neither
        // rounding, a week start nor an overflow.
        SUPERSET_WRONG_BUCKET("superset-wrong-bucket",
                "Superset's template puts some values in a bucket that is not the grain's (keeps the time of day, truncates toward zero "
                        + "before its epoch, aligns sub-hour buckets in UTC, shifts weeks by days)"),
        // Added: an answer believed equal that no live engine here can prove must not be called
        // equivalent; the alternative is that dbspec adopts Superset's text, which is a plugin change.
        ADOPT_SUPERSET("adopt-superset",
                "the reason argues the same result, but no live engine here can prove it: dbspec should adopt Superset's text (counted as disagreement until then)"),
        // Added: Firebird 3 rejects Superset's CAST('03:04:05.678900' AS TIME) (measured live); an error is
        // neither a rounding nor a dropped fraction.
        SUPERSET_REJECTED("superset-rejected",
                "the engine rejects Superset's text with an error (measured on a live engine); dbspec's text runs"),
        // Added for the SQL corpus: Superset answers for text no engine accepts, where dbspec fails closed.
        INVALID_SQL("invalid-sql",
                "the input is not valid SQL for the engine (Superset's lenient parser guesses an answer); dbspec raises a parse error"),
        // Added for the SQL corpus: cases.json keeps a legacy answer that Superset's current test replaced.
        SUPERSET_CURRENT("superset-current",
                "cases.json keeps Superset's legacy answer; dbspec matches the answer of Superset's current test instead");

        private final String id;
        private final String meaning;

        Category(String id, String meaning) {
            this.id = id;
            this.meaning = meaning;
        }

        public String id() {
            return id;
        }

        public String meaning() {
            return meaning;
        }

        /** The category written {@code id}, or empty for an unknown one. */
        public static Optional<Category> of(String id) {
            return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
        }

        /** Every category id, for error messages. */
        public static List<String> ids() {
            return Arrays.stream(values()).map(Category::id).toList();
        }
    }

    private Deviations() {
    }

    /**
     * The fingerprint of dbspec's answer: the first {@link #FINGERPRINT_LENGTH} hex digits of the
     * SHA-256 of the text with runs of whitespace collapsed (so re-indenting a template does not
     * invalidate a reason, while any change of a token does). {@code null} stands for "no answer"
     * (a grain or literal dbspec does not claim).
     */
    public static String fingerprint(String dbspecAnswer) {
        String text = dbspecAnswer == null ? NO_ANSWER : dbspecAnswer.strip().replaceAll("\\s+", " ");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, FINGERPRINT_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * What is wrong with a listed deviation's category, fingerprint and reason, given dbspec's current
     * answer; empty when nothing is. Each problem says what to write instead.
     */
    public static List<String> problems(String category, String fingerprint, String reason, String dbspecAnswer) {
        List<String> problems = new ArrayList<>();
        if (Category.of(requireNonNull(category, "category is null").strip()).isEmpty()) {
            problems.add("unknown category '" + category + "': use one of " + Category.ids()
                    + " (a new one needs a justified entry in Deviations.Category)");
        }
        String current = fingerprint(dbspecAnswer);
        if (!current.equals(requireNonNull(fingerprint, "fingerprint is null").strip())) {
            problems.add("fingerprint " + fingerprint + " is not that of dbspec's current answer (" + current
                    + "): dbspec's SQL changed since the reason was written; re-read the reason, fix it if needed, then write " + current);
        }
        problems.addAll(reasonProblems(reason));
        return problems;
    }

    /** Why {@code reason} does not explain a deviation: too short, too few words, or placeholder text. */
    public static List<String> reasonProblems(String reason) {
        List<String> problems = new ArrayList<>();
        String text = reason == null ? "" : reason.strip();
        if (text.length() < MINIMUM_REASON_LENGTH) {
            problems.add("reason '" + text + "' is shorter than " + MINIMUM_REASON_LENGTH
                    + " characters: say what Superset's text does, what dbspec's does and why they differ");
        }
        if (text.split("\\s+").length < MINIMUM_REASON_WORDS) {
            problems.add("reason '" + text + "' has fewer than " + MINIMUM_REASON_WORDS + " words: it must be an explanation");
        }
        if (PLACEHOLDER.matcher(text).find()) {
            problems.add("reason '" + text + "' contains placeholder text (" + PLACEHOLDER.pattern().toLowerCase(Locale.ROOT) + ")");
        }
        return problems;
    }
}
