package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.IdentifierQuoting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads table names from tokens for statements Calcite's grammar does not cover: DDL targets
 * ({@code CREATE TABLE x}, {@code DROP VIEW x}, {@code INSERT OVERWRITE TABLE x}), {@code DESCRIBE x} and
 * {@code SHOW COLUMNS|PARTITIONS ... FROM x}.
 */
final class TokenTables {
    private static final List<String> TARGET_MODIFIERS = List.of(
            "OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "VOLATILE", "MULTISET", "SET", "EXTERNAL",
            "TRANSIENT", "UNLOGGED", "MATERIALIZED", "IF", "NOT", "EXISTS", "ONLY", "INTO", "OVERWRITE", "FROM",
            "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "QUICK", "TABLE", "VIEW");
    private static final Set<String> IMPLICIT_TABLE = Set.of(
            "INSERT", "INS", "UPSERT", "REPLACE", "DELETE", "DEL", "UPDATE", "UPD", "MERGE", "TRUNCATE");
    private static final List<String> DESCRIBE_MODIFIERS = List.of("TABLE", "EXTENDED", "FORMATTED", "VIEW");
    private static final List<String> SHOW_TABLE_OBJECTS = List.of(
            "COLUMNS", "FIELDS", "PARTITIONS", "INDEX", "INDEXES", "KEYS", "STATS");

    private final IdentifierQuoting quoting;

    TokenTables(IdentifierQuoting quoting) {
        this.quoting = requireNonNull(quoting, "quoting is null");
    }

    /** The target of a DDL or DML statement led by token {@code leading}, or null. Sets {@code end[0]} to the token after the name. */
    TableRef target(Tokens tokens, int leading, int to, int[] end) {
        String keyword = tokens.text(leading).toUpperCase(java.util.Locale.ROOT);
        boolean objectSeen = IMPLICIT_TABLE.contains(keyword);
        int i = tokens.nextCode(leading + 1, to);
        while (tokens.isAnyWord(i, TARGET_MODIFIERS)) {
            objectSeen |= tokens.isWord(i, "TABLE") || tokens.isWord(i, "VIEW");
            i = tokens.nextCode(i + 1, to);
        }
        return objectSeen ? name(tokens, i, to, end) : null;
    }

    /** The table of {@code DESCRIBE x} / {@code SHOW COLUMNS FROM x}, or null. */
    TableRef described(Tokens tokens, int leading, int to) {
        int i = tokens.nextCode(leading + 1, to);
        if (tokens.isWord(leading, "DESCRIBE") || tokens.isWord(leading, "DESC")) {
            while (tokens.isAnyWord(i, DESCRIBE_MODIFIERS)) {
                i = tokens.nextCode(i + 1, to);
            }
            return name(tokens, i, to, new int[1]);
        }
        if (tokens.isWord(leading, "SHOW")) {
            if (tokens.isWord(i, "CREATE") && tokens.isWord(tokens.nextCode(i + 1, to), "TABLE")) {
                return name(tokens, tokens.nextCode(tokens.nextCode(i + 1, to) + 1, to), to, new int[1]);
            }
            if (tokens.isWord(i, "FULL") || tokens.isWord(i, "EXTENDED")) {
                i = tokens.nextCode(i + 1, to);
            }
            if (tokens.isAnyWord(i, SHOW_TABLE_OBJECTS)) {
                i = tokens.nextCode(i + 1, to);
                if (tokens.isWord(i, "FROM") || tokens.isWord(i, "IN")) {
                    return name(tokens, tokens.nextCode(i + 1, to), to, new int[1]);
                }
            }
        }
        return null;
    }

    /** A dotted name at {@code i}, or null; {@code end[0]} receives the index after it. */
    TableRef name(Tokens tokens, int i, int to, int[] end) {
        List<String> parts = new ArrayList<>(3);
        int j = i;
        while (j < to && (tokens.is(j, TokenType.WORD) || tokens.is(j, TokenType.QUOTED_ID))) {
            String text = tokens.text(j);
            parts.add(tokens.type(j) == TokenType.QUOTED_ID ? unquote(text) : quoting.normalizeUnquoted(text));
            j++;
            if (!tokens.is(j, TokenType.DOT)) {
                break;
            }
            j++;
        }
        end[0] = j;
        if (parts.isEmpty()) {
            return null;
        }
        int size = parts.size();
        return new TableRef(size >= 3 ? parts.get(size - 3) : null, size >= 2 ? parts.get(size - 2) : null, parts.get(size - 1));
    }

    private static String unquote(String quoted) {
        char close = quoted.charAt(quoted.length() - 1);
        return quoted.substring(1, quoted.length() - 1).replace(String.valueOf(close) + close, String.valueOf(close));
    }
}
