package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies a statement from its tokens, without a full parse: the leading keyword decides, except
 * that a {@code WITH} is mutating when any CTE body or its main statement is, a {@code SELECT ... INTO}
 * is mutating, and {@code EXPLAIN ANALYZE} of a mutating statement is mutating (it runs it).
 * An unknown leading keyword is mutating: the safe side for a read-only check.
 */
final class StatementClassifier {
    /** Leading keywords of queries ({@code SEL} only where the profile has abbreviations). */
    static final Set<String> QUERIES = Set.of("SELECT", "SEL", "VALUES", "TABLE");
    private static final Set<String> MUTATIONS = Set.of(
            "INSERT", "INS", "UPDATE", "UPD", "DELETE", "DEL", "MERGE", "UPSERT", "REPLACE", "CREATE", "DROP", "ALTER",
            "TRUNCATE", "RENAME", "GRANT", "REVOKE", "DENY", "COMMENT", "COPY", "LOAD", "UNLOAD", "CALL", "EXEC",
            "EXECUTE", "DO", "REFRESH", "VACUUM", "ANALYZE", "OPTIMIZE", "MSCK", "REINDEX", "CLUSTER", "LOCK", "IMPORT",
            "EXPORT", "PUT", "REMOVE", "UNDROP", "ATTACH", "DETACH", "INSTALL", "CHECKPOINT", "KILL", "SYSTEM", "BACKUP",
            "RESTORE", "DBCC", "BULK");
    private static final Set<String> OTHERS = Set.of(
            "SET", "RESET", "SHOW", "DESCRIBE", "DESC", "USE", "PRAGMA", "LIST", "HELP", "BEGIN", "START", "COMMIT",
            "ROLLBACK", "END", "SAVEPOINT", "RELEASE", "ABORT", "DECLARE", "FETCH", "CLOSE", "LISTEN", "UNLISTEN", "ADD",
            "EXISTS", "CHECK", "WAIT", "PRINT");
    private static final List<String> EXPLAIN_OPTIONS = List.of(
            "ANALYZE", "ANALYSE", "VERBOSE", "PLAN", "FOR", "EXTENDED", "FORMATTED", "QUERY", "COSTS", "LOGICAL",
            "CODEGEN", "COST", "AST", "SYNTAX", "PIPELINE", "ESTIMATE", "TYPE", "DISTRIBUTED", "IO", "VALIDATE");
    private static final List<String> CTE_MODIFIERS = List.of("NOT", "MATERIALIZED");
    /** {@code SET} forms that change more than the session: passwords, global or persisted variables, HSQLDB table and database settings. */
    private static final List<String> PERSISTENT_SETS = List.of("PASSWORD", "GLOBAL", "PERSIST", "PERSIST_ONLY", "TABLE", "DATABASE", "FILES",
            "DEFAULT");
    /** H2 settings that last only for the session; every other {@code SET} is stored in the database. */
    private static final List<String> SESSION_SETTINGS = List.of("SCHEMA", "SCHEMA_SEARCH_PATH", "AUTOCOMMIT", "TIME", "LOCK_TIMEOUT",
            "QUERY_TIMEOUT", "SESSION", "TRANSACTION", "THROTTLE", "LAZY_QUERY_EXECUTION", "NON_KEYWORDS", "BUILTIN_ALIAS_OVERRIDE",
            "VARIABLE_BINARY", "TRUNCATE_LARGE_LENGTH");
    /** What may follow {@code BEGIN} when it only starts a transaction; anything else is a block of statements (MariaDB, T-SQL). */
    private static final List<String> TRANSACTION_BEGINS = List.of("WORK", "TRANSACTION", "TRAN", "ISOLATION", "READ", "DEFERRED",
            "IMMEDIATE", "EXCLUSIVE", "DISTRIBUTED");
    /** MySQL {@code RESET} forms that act on the whole server (binary logs, replication, persisted variables, caches); PostgreSQL's {@code RESET name} is a session setting. */
    private static final List<String> SERVER_RESETS = List.of("MASTER", "SLAVE", "REPLICA", "PERSIST", "QUERY", "BINARY");
    /** SQLite pragmas that only read, also in their call form {@code PRAGMA table_info(t)}. */
    private static final List<String> READING_PRAGMAS = List.of("TABLE_INFO", "TABLE_XINFO", "TABLE_LIST", "INDEX_LIST", "INDEX_INFO",
            "INDEX_XINFO", "FOREIGN_KEY_LIST", "FOREIGN_KEY_CHECK", "INTEGRITY_CHECK", "QUICK_CHECK", "COLLATION_LIST", "DATABASE_LIST",
            "FUNCTION_LIST", "MODULE_LIST", "PRAGMA_LIST");
    /** Words that start a T-SQL statement and never occur at the top level of a query (a batch needs no ;). */
    private static final Set<String> TSQL_STATEMENT_STARTS = Set.of(
            "INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "DENY", "EXEC",
            "EXECUTE", "DBCC", "BULK", "BACKUP", "RESTORE", "KILL", "SHUTDOWN", "RECONFIGURE", "WAITFOR", "USE", "DECLARE",
            "SET", "BEGIN", "COMMIT", "ROLLBACK", "SAVE", "IF", "WHILE", "RETURN", "GOTO", "PRINT", "RAISERROR", "THROW",
            "OPEN", "CLOSE", "DEALLOCATE", "READTEXT", "WRITETEXT", "UPDATETEXT", "SETUSER", "CHECKPOINT");

    private final ParserProfile profile;
    private final String engineId;
    private final int maxNesting;

    StatementClassifier(ParserProfile profile) {
        this(profile, "sql", SqlLimits.DEFAULTS.maxNesting());
    }

    /**
     * @param maxNesting how deep statements may nest in statements ({@code EXPLAIN EXPLAIN ...},
     *                   {@code WITH ... WITH ...}, {@code SET STATEMENT ... FOR SET STATEMENT ...}): each level is
     *                   one recursive call here, and keywords are not counted by the lexer's nesting
     */
    StatementClassifier(ParserProfile profile, String engineId, int maxNesting) {
        this.profile = requireNonNull(profile, "profile is null");
        this.engineId = requireNonNull(engineId, "engineId is null");
        this.maxNesting = maxNesting;
    }

    /**
     * Classifies tokens {@code [from, to)}; the range holds code, comments and possibly a trailing {@code ;}.
     *
     * @throws SqlTooComplexException when statements nest deeper than the limit
     */
    Classification classify(Tokens tokens, int from, int to) {
        int first = tokens.nextCode(from, to);
        if (hasNestedComment(tokens, from, to)) {
            // Engines of one family disagree on nesting (PostgreSQL nests, some of its derivatives may not):
            // text hidden by nesting could be code to the engine, so it is never taken for read-only.
            return new Classification(StatementKind.MUTATING, first, first, -1);
        }
        // Checked once here, not at every level below: a part of a range without nested comments has none.
        return classify(tokens, from, to, 0);
    }

    private Classification classify(Tokens tokens, int from, int to, int depth) {
        if (depth > maxNesting) {
            int[] position = TextPosition.lineColumn(tokens.source(), tokens.get(Math.min(from, tokens.size() - 1)).start());
            throw new SqlTooComplexException(engineId, SqlTooComplexException.Limit.NESTING, depth, maxNesting,
                    "line " + position[0] + ", column " + position[1]);
        }
        int first = tokens.nextCode(from, to);
        int leading = first;
        while (tokens.is(leading, TokenType.LPAREN)) {
            leading = tokens.nextCode(leading + 1, to);
        }
        if (leading >= to || tokens.type(leading) != TokenType.WORD) {
            return new Classification(StatementKind.MUTATING, leading, first, -1);
        }
        String keyword = tokens.text(leading).toUpperCase(Locale.ROOT);
        if (keyword.equals("WITH")) {
            return classifyWith(tokens, leading, to, first, depth);
        }
        if (keyword.equals("EXPLAIN")) {
            return classifyExplain(tokens, leading, to, first, depth);
        }
        if (keyword.equals("PRAGMA")) {
            return new Classification(pragmaWrites(tokens, leading, to) ? StatementKind.MUTATING : StatementKind.OTHER, leading, first, -1);
        }
        int second = tokens.nextCode(leading + 1, to);
        if (keyword.equals("SET") && tokens.isWord(second, "STATEMENT")) {
            int inner = wordAtDepthZero(tokens, second, to, "FOR"); // MariaDB SET STATEMENT var=v FOR statement
            return inner < 0 ? new Classification(StatementKind.OTHER, leading, first, -1)
                    : new Classification(classify(tokens, inner + 1, to, depth + 1).kind(), leading, first, -1);
        }
        if (keyword.equals("SET") && (tokens.isAnyWord(second, PERSISTENT_SETS)
                || profile.persistentSettings() && tokens.is(second, TokenType.WORD) && !tokens.text(second).startsWith("@")
                        && !tokens.isAnyWord(second, SESSION_SETTINGS))
                || keyword.equals("BEGIN") && second < to && !tokens.is(second, TokenType.SEMICOLON) && !tokens.isAnyWord(second, TRANSACTION_BEGINS)
                // START only starts a transaction; START SLAVE, START REPLICA, START GROUP_REPLICATION control the server
                || keyword.equals("START") && !tokens.isWord(second, "TRANSACTION")
                || keyword.equals("RESET") && tokens.isAnyWord(second, SERVER_RESETS)
                || keyword.equals("DECLARE") && (tokens.isAnyWord(second, List.of("LOCAL", "GLOBAL")) && wordAtDepthZero(tokens, second, to, "TABLE") > 0)) {
            return new Classification(StatementKind.MUTATING, leading, first, -1);
        }
        if (QUERIES.contains(keyword) && (!keyword.equals("SEL") || profile.abbreviations())) {
            StatementKind kind = selectsInto(tokens, leading, to) || followedByStatement(tokens, leading, to)
                    || changesDataInside(tokens, leading, to) ? StatementKind.MUTATING : StatementKind.QUERY;
            return new Classification(kind, leading, first, -1);
        }
        if (OTHERS.contains(keyword)) {
            return new Classification(StatementKind.OTHER, leading, first, -1);
        }
        return new Classification(StatementKind.MUTATING, leading, first, -1);
    }

    private Classification classifyWith(Tokens tokens, int with, int to, int first, int depth) {
        int i = tokens.nextCode(with + 1, to);
        if (tokens.isWord(i, "RECURSIVE")) {
            i = tokens.nextCode(i + 1, to);
        }
        boolean mutating = false;
        while (true) {
            if (!tokens.is(i, TokenType.WORD) && !tokens.is(i, TokenType.QUOTED_ID)) {
                return fallbackWith(tokens, with, to, first);
            }
            i = tokens.nextCode(i + 1, to);
            if (tokens.is(i, TokenType.LPAREN)) {
                int close = CalciteText.matchingParen(tokens, i, to);
                if (close < 0) {
                    return fallbackWith(tokens, with, to, first);
                }
                i = tokens.nextCode(close + 1, to);
            }
            if (!tokens.isWord(i, "AS")) {
                return fallbackWith(tokens, with, to, first);
            }
            i = tokens.nextCode(i + 1, to);
            while (tokens.isAnyWord(i, CTE_MODIFIERS)) {
                i = tokens.nextCode(i + 1, to);
            }
            int close = tokens.is(i, TokenType.LPAREN) ? CalciteText.matchingParen(tokens, i, to) : -1;
            if (close < 0) {
                return fallbackWith(tokens, with, to, first);
            }
            mutating |= classify(tokens, i + 1, close, depth + 1).kind() == StatementKind.MUTATING;
            i = tokens.nextCode(close + 1, to);
            if (!tokens.is(i, TokenType.COMMA)) {
                break;
            }
            i = tokens.nextCode(i + 1, to);
        }
        Classification main = classify(tokens, i, to, depth + 1);
        StatementKind kind = mutating || main.kind() == StatementKind.MUTATING ? StatementKind.MUTATING : main.kind();
        return new Classification(kind, with, i, -1);
    }

    /** A {@code WITH} whose list does not have the standard shape (ClickHouse {@code WITH expr AS name}): any DML keyword in it makes it mutating. */
    private Classification fallbackWith(Tokens tokens, int with, int to, int first) {
        for (int i = with + 1; i < to; i++) {
            if (tokens.type(i) == TokenType.WORD) {
                // Any DML word counts (not only after a parenthesis): a shape not understood is not trusted.
                if (isDml(tokens, i) && !(tokens.isWord(i, "UPDATE") && tokens.isWord(tokens.previousCode(i, with), "FOR"))) {
                    return new Classification(StatementKind.MUTATING, with, first, -1);
                }
            }
        }
        return new Classification(StatementKind.QUERY, with, first, -1);
    }

    private static boolean isDml(Tokens tokens, int i) {
        return tokens.isWord(i, "INSERT") || tokens.isWord(i, "UPDATE") || tokens.isWord(i, "DELETE") || tokens.isWord(i, "MERGE");
    }

    private Classification classifyExplain(Tokens tokens, int explain, int to, int first, int depth) {
        int i = tokens.nextCode(explain + 1, to);
        boolean analyze = false;
        if (tokens.is(i, TokenType.LPAREN)) {
            int close = CalciteText.matchingParen(tokens, i, to);
            if (close < 0) {
                return new Classification(StatementKind.OTHER, explain, first, -1);
            }
            for (int j = i; j < close; j++) {
                String option = tokens.type(j) == TokenType.QUOTED_ID ? tokens.text(j).replace("\"", "") : tokens.text(j);
                analyze |= option.equalsIgnoreCase("ANALYZE") || option.equalsIgnoreCase("ANALYSE"); // "analyze" too
            }
            i = tokens.nextCode(close + 1, to);
        }
        while (tokens.isAnyWord(i, EXPLAIN_OPTIONS)) {
            analyze |= tokens.isWord(i, "ANALYZE") || tokens.isWord(i, "ANALYSE");
            i = tokens.nextCode(i + 1, to);
        }
        if (i >= to) {
            return new Classification(StatementKind.OTHER, explain, first, -1);
        }
        StatementKind inner = classify(tokens, i, to, depth + 1).kind();
        StatementKind kind = analyze && inner == StatementKind.MUTATING ? StatementKind.MUTATING : StatementKind.OTHER;
        return new Classification(kind, explain, first, i);
    }

    private boolean hasNestedComment(Tokens tokens, int from, int to) {
        if (!profile.lexical().nestedComments()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (tokens.type(i) == TokenType.BLOCK_COMMENT && tokens.text(i).indexOf("/*", 2) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code SELECT * FROM OLD TABLE (DELETE ...)} (H2, Db2): a data-change statement used as a table. */
    private static boolean changesDataInside(Tokens tokens, int leading, int to) {
        for (int i = leading + 1; i < to; i++) {
            if (tokens.isAnyWord(i, List.of("OLD", "NEW", "FINAL"))) {
                int table = tokens.nextCode(i + 1, to);
                int open = tokens.nextCode(table + 1, to);
                if (tokens.isWord(table, "TABLE") && tokens.is(open, TokenType.LPAREN) && isDml(tokens, tokens.nextCode(open + 1, to))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether another statement follows the query without a {@code ;} ({@code SELECT 1 DELETE FROM t}, a T-SQL
     * batch): then the whole counts as mutating. Only for families whose batches allow it.
     */
    private boolean followedByStatement(Tokens tokens, int leading, int to) {
        return profile.implicitStatementBreaks() && atDepthZero(tokens, leading + 1, to, i -> tokens.type(i) == TokenType.WORD
                && TSQL_STATEMENT_STARTS.contains(tokens.text(i).toUpperCase(Locale.ROOT))
                && !tokens.is(tokens.nextCode(i + 1, to), TokenType.LPAREN)
                && !(tokens.isWord(i, "MERGE") && tokens.isWord(tokens.nextCode(i + 1, to), "JOIN"))) >= 0;
    }

    /** {@code SELECT ... INTO target} (SQL Server, PostgreSQL) creates a table; MySQL's writes a file or variables. */
    private static boolean selectsInto(Tokens tokens, int leading, int to) {
        return wordAtDepthZero(tokens, leading, to, "INTO") >= 0;
    }

    /** A pragma that sets ({@code x = v}, {@code x(v)} but for the reading ones) or does work ({@code optimize}, {@code wal_checkpoint}). */
    private static boolean pragmaWrites(Tokens tokens, int leading, int to) {
        int name = tokens.nextCode(leading + 1, to);
        while (tokens.is(tokens.nextCode(name + 1, to), TokenType.DOT)) {
            name = tokens.nextCode(tokens.nextCode(name + 1, to) + 1, to); // schema.pragma
        }
        if (tokens.isAnyWord(name, List.of("OPTIMIZE", "WAL_CHECKPOINT", "INCREMENTAL_VACUUM", "SHRINK_MEMORY"))) {
            return true;
        }
        boolean call = tokens.is(tokens.nextCode(name + 1, to), TokenType.LPAREN);
        return hasAssignment(tokens, leading, to) || call && !tokens.isAnyWord(name, READING_PRAGMAS);
    }

    /** The index of {@code word} at parenthesis depth 0 after {@code from}, or -1. */
    private static int wordAtDepthZero(Tokens tokens, int from, int to, String word) {
        return atDepthZero(tokens, from, to, i -> tokens.isWord(i, word));
    }

    /** The first token in {@code [from, to)} outside parentheses (a stray {@code )} counts as outside) that {@code test} accepts, or -1. */
    private static int atDepthZero(Tokens tokens, int from, int to, java.util.function.IntPredicate test) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (depth <= 0 && test.test(i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasAssignment(Tokens tokens, int leading, int to) {
        for (int i = leading; i < to; i++) {
            if (tokens.is(i, TokenType.SYMBOL) && tokens.text(i).equals("=")) {
                return true;
            }
        }
        return false;
    }
}
