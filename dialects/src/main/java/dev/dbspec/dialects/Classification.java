package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * The token-level reading of one statement.
 *
 * @param kind       what the statement does
 * @param leading    index of its leading keyword (after opening parentheses)
 * @param body       index of the first token of the main query after a {@code WITH} list, else of the first code token
 * @param inner      for {@code EXPLAIN}: index of the explained statement, else -1
 */
record Classification(StatementKind kind, int leading, int body, int inner) {
    Classification {
        requireNonNull(kind, "kind is null");
    }
}
