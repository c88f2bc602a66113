package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a read-only request may run, as an allow-list of statement forms read on the engine's tokens: queries
 * ({@code SELECT}, {@code WITH ... SELECT}, {@code VALUES}, {@code TABLE}), {@code SHOW}, {@code DESCRIBE}/{@code DESC},
 * {@code EXPLAIN} of such a statement, {@code USE}, reading {@code PRAGMA}s, and {@code SET} of a session setting
 * (MariaDB's {@code SET STATEMENT ... FOR} around such a statement). Everything else is refused: transaction
 * control ({@code COMMIT}, {@code END}, {@code BEGIN}, {@code SET TRANSACTION}, savepoints, {@code XA},
 * {@code LOCK}), server-wide statements ({@code RESET MASTER}, {@code START SLAVE}, {@code FLUSH}, {@code KILL}...),
 * and any statement not listed. A {@code SET} that names another scope ({@code GLOBAL}, {@code PERSIST},
 * {@code @@global.}), the transaction, the role or the authorization, in any position of a multi-assignment, is
 * refused; so are sequence steps ({@code NEXT VALUE FOR}) and the engine's refused functions.
 *
 * <p>The engine's read-only transaction is the real guard; this check is the first line, and keeps the user's SQL
 * from ending or reconfiguring the transaction the host opened.
 */
final class ReadOnlyRequestCheck {
    /** Statements that end, start or shape a transaction, or lock beyond it. */
    private static final Set<String> TRANSACTION_CONTROL = Set.of("COMMIT", "ROLLBACK", "END", "ABORT", "BEGIN", "SAVEPOINT",
            "RELEASE", "XA", "LOCK", "UNLOCK", "SAVE");
    /** Leading words of statements that only read, besides queries (whose kind is QUERY). */
    private static final Set<String> READING = Set.of("SHOW", "DESCRIBE", "DESC", "USE", "PRAGMA");
    /**
     * Words that make a {@code SET} more than a session setting: another scope, the transaction's characteristics,
     * the role or the authorization, and the session variables that hold the transaction mode (each engine's
     * names); found anywhere in the statement, so a multi-assignment ({@code SET @a = 1, GLOBAL x = 1}) hides none.
     */
    private static final List<String> REFUSED_SET_WORDS = List.of("GLOBAL", "PERSIST", "PERSIST_ONLY", "TRANSACTION", "CHARACTERISTICS",
            "AUTHORIZATION", "ROLE", "PASSWORD", "TRANSACTION_READ_ONLY", "TX_READ_ONLY", "DEFAULT_TRANSACTION_READ_ONLY",
            "TRANSACTION_ISOLATION", "TX_ISOLATION", "DEFAULT_TRANSACTION_ISOLATION", "TRANSACTION_DEFERRABLE",
            "DEFAULT_TRANSACTION_DEFERRABLE", "AUTOCOMMIT", "COMPLETION_TYPE", "SESSION_AUTHORIZATION");
    private static final String WHY_TRANSACTION = "the host runs a read-only request in a read-only transaction it opens and rolls back";

    private final StatementClassifier classifier;

    ReadOnlyRequestCheck(StatementClassifier classifier) {
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    /** Why {@code analysis} may not run in a read-only request, or empty when it may. */
    Optional<String> refusal(ScriptAnalysis analysis, Set<String> refusedFunctions) {
        Optional<String> function = refusedFunction(analysis.tokens().source(), refusedFunctions);
        if (function.isPresent()) {
            return function;
        }
        for (AnalyzedStatement statement : analysis.statements()) {
            Optional<String> refusal = refusal(analysis.tokens(), statement.fromToken(), statement.toToken());
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** The first of {@code functions} named in {@code text} (every reading of its Unicode escapes), as a refusal. */
    static Optional<String> refusedFunction(String text, Set<String> functions) {
        return HostAccessText.find(text, functions).map(function -> function.toUpperCase(Locale.ROOT)
                + "() is refused in read-only requests: it acts outside the transaction, on the session or on the server");
    }

    private Optional<String> refusal(Tokens tokens, int from, int to) {
        Classification classification = classifier.classify(tokens, from, to);
        int leading = classification.leading();
        String word = leading < to && tokens.type(leading) == TokenType.WORD ? tokens.text(leading).toUpperCase(Locale.ROOT) : "";
        String shown = word.isEmpty() ? "a statement" : word;
        if (TRANSACTION_CONTROL.contains(word) || word.equals("START") && tokens.isWord(tokens.nextCode(leading + 1, to), "TRANSACTION")) {
            return Optional.of("transaction control (" + shown + ") is refused in read-only requests: " + WHY_TRANSACTION);
        }
        Optional<String> sequence = sequenceStep(tokens, from, to);
        if (sequence.isPresent()) {
            return sequence;
        }
        if (word.equals("SET")) {
            return setRefusal(tokens, leading, to);
        }
        if (classification.kind() == StatementKind.MUTATING) {
            return Optional.of("a mutating statement (" + shown + ") is refused in read-only requests");
        }
        if (classification.kind() == StatementKind.QUERY || READING.contains(word)) {
            return Optional.empty();
        }
        if (word.equals("EXPLAIN") && classification.inner() >= 0) {
            return refusal(tokens, classification.inner(), to).map(reason -> "EXPLAIN of a statement refused in read-only requests: " + reason);
        }
        return Optional.of(shown + " is refused in read-only requests, which run only queries, SHOW, DESCRIBE, EXPLAIN, USE, reading "
                + "PRAGMAs and SET of a session setting");
    }

    /** A {@code SET} of session settings only; MariaDB's {@code SET STATEMENT assignments FOR statement} runs the statement too. */
    private Optional<String> setRefusal(Tokens tokens, int set, int to) {
        int end = to;
        int second = tokens.nextCode(set + 1, to);
        if (tokens.isWord(second, "STATEMENT")) {
            int inner = wordAtDepthZero(tokens, second, to, "FOR");
            if (inner >= 0) {
                Optional<String> innerRefusal = refusal(tokens, inner + 1, to);
                if (innerRefusal.isPresent()) {
                    return innerRefusal;
                }
                end = inner;
            }
        }
        if (classifier.classify(tokens, set, end).kind() == StatementKind.MUTATING) {
            return Optional.of("this SET is stored in the database or changes more than the session; refused in read-only requests");
        }
        String text = tokens.source().substring(tokens.get(set).start(), tokens.get(end - 1).end());
        Optional<String> word = HostAccessText.find(text, REFUSED_SET_WORDS);
        if (word.isPresent()) {
            return Optional.of("SET naming " + word.get() + " is refused in read-only requests: it changes the transaction, the privileges "
                    + "or the server, not only the session (" + WHY_TRANSACTION + ")");
        }
        return Optional.empty();
    }

    /** {@code NEXT VALUE FOR s} and {@code PREVIOUS VALUE FOR s} (standard SQL, MariaDB, H2, HSQLDB, Derby): sequences are not transactional. */
    private static Optional<String> sequenceStep(Tokens tokens, int from, int to) {
        for (int i = tokens.nextCode(from, to); i < to; i = tokens.nextCode(i + 1, to)) {
            if (tokens.isWord(i, "NEXT") || tokens.isWord(i, "PREVIOUS")) {
                int value = tokens.nextCode(i + 1, to);
                if (tokens.isWord(value, "VALUE") && tokens.isWord(tokens.nextCode(value + 1, to), "FOR")) {
                    return Optional.of(tokens.text(i).toUpperCase(Locale.ROOT) + " VALUE FOR is refused in read-only requests: "
                            + "a sequence is not rolled back with the transaction");
                }
            }
        }
        return Optional.empty();
    }

    private static int wordAtDepthZero(Tokens tokens, int from, int to, String word) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (depth <= 0 && tokens.isWord(i, word)) {
                return i;
            }
        }
        return -1;
    }
}
