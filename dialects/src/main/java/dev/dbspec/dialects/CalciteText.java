package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.IdentifierQuoting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One statement rewritten for Calcite's parser, with a map from every character back to the user's
 * offset. Quoted identifiers become double-quoted, strings become standard single-quoted literals,
 * comments become a space, Teradata abbreviations are spelled out, syntax Calcite lacks is blanked
 * and recorded ({@code TOP n} clauses, a trailing locking or option clause, ClickHouse {@code LIMIT n BY},
 * {@code FETCH ... PERCENT} and {@code WITH TIES}), and other engines' syntax is respelled in Calcite's:
 * {@code FETCH FIRST ROW} gets its count 1, {@code LATERAL fn(...)} becomes {@code LATERAL TABLE(fn(...))},
 * {@code FROM VALUES ...} gets parentheses, {@code db..t} an empty-schema marker, {@code FROM table} a
 * quoted name, and a name as a row count ({@code LIMIT x}) a parameter {@code ?}.
 */
final class CalciteText {
    private static final Map<String, String> ABBREVIATIONS = Map.of("SEL", "SELECT", "DEL", "DELETE", "INS", "INSERT", "UPD", "UPDATE");
    private static final List<String> LOCK_FOLLOWERS = List.of("UPDATE", "SHARE", "NO", "KEY", "READ", "FETCH", "BROWSE", "XML", "JSON");
    private static final List<String> ISOLATION = List.of("UR", "CS", "RS", "RR");
    /**
     * Type and date-part keywords people write as bare column aliases ({@code CAST(x AS DATE) date});
     * engines such as PostgreSQL accept them there, Calcite's grammar does not, so they are quoted.
     */
    private static final List<String> BARE_ALIAS_KEYWORDS = List.of("DATE", "TIME", "TIMESTAMP", "YEAR", "MONTH", "DAY",
            "HOUR", "MINUTE", "SECOND", "VALUE");
    private static final List<String> LIMIT_BY_STOPS = List.of("LIMIT", "SETTINGS", "FORMAT", "UNION", "EXCEPT", "INTERSECT");
    /** Words after which a non-literal row count may end ({@code LIMIT x OFFSET 20}, {@code OFFSET x ROWS}). */
    private static final List<String> ROW_COUNT_FOLLOWERS = List.of("OFFSET", "ROWS", "ROW", "FOR", "UNION", "EXCEPT", "INTERSECT");
    /**
     * The schema name Calcite reads for the empty middle part of SQL Server's {@code database..table}
     * (the default schema); {@link TableCollector} reports it as no schema. Calcite rejects {@code ""}.
     */
    static final String DEFAULT_SCHEMA = "\uE000";

    private final String text;
    private final int[] origin;
    private final List<TopClause> topClauses;
    private final int trailingClauseStart;
    private final boolean limitBy;
    private final Set<Integer> inexactCounts;

    private CalciteText(String text, int[] origin, List<TopClause> topClauses, int trailingClauseStart, boolean limitBy,
            Set<Integer> inexactCounts) {
        this.text = text;
        this.origin = origin;
        this.topClauses = List.copyOf(topClauses);
        this.trailingClauseStart = trailingClauseStart;
        this.limitBy = limitBy;
        this.inexactCounts = Set.copyOf(inexactCounts);
    }

    /** The text Calcite parses. */
    String text() {
        return text;
    }

    /** The user's offset of character {@code index} of {@link #text()}; {@code text().length()} maps to the end. */
    int originalOffset(int index) {
        return origin[Math.max(0, Math.min(index, origin.length - 1))];
    }

    List<TopClause> topClauses() {
        return topClauses;
    }

    /** Where a blanked trailing clause ({@code FOR UPDATE}, {@code OPTION (...)}, {@code SETTINGS ...}) starts, or -1. */
    int trailingClauseStart() {
        return trailingClauseStart;
    }

    /** Whether a top-level ClickHouse {@code LIMIT n BY} clause was blanked. */
    boolean hasLimitBy() {
        return limitBy;
    }

    /**
     * Whether the {@code FETCH} count written at the user's {@code offset} caps rows only approximately:
     * {@code PERCENT} or {@code WITH TIES} follow it (blanked for Calcite, whose grammar lacks them), so it is
     * no row cap. For an implicit count ({@code FETCH FIRST ROW WITH TIES}) the offset is that of {@code ROW}.
     */
    boolean inexactCount(int offset) {
        return inexactCounts.contains(offset);
    }

    /**
     * Rewrites tokens {@code [from, to)} of {@code tokens}. A word after a dot (a qualified name's
     * component, which any keyword may be: {@code a.date}) is quoted, with {@code quoting}'s case rule
     * applied so the name keeps the meaning it had unquoted.
     */
    static CalciteText of(Tokens tokens, int from, int to, ParserProfile profile, IdentifierQuoting quoting) {
        requireNonNull(tokens, "tokens is null");
        requireNonNull(profile, "profile is null");
        requireNonNull(quoting, "quoting is null");
        boolean[] blank = new boolean[to - from];
        String[] before = new String[to - from];
        String[] after = new String[to - from];
        List<TopClause> tops = new ArrayList<>();
        int trailing = -1;
        boolean limitBy = false;
        Set<Integer> inexactCounts = new HashSet<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            TokenType type = tokens.type(i);
            int executableEnd = executableCommentEnd(tokens, i, to);
            if (executableEnd > i) {
                // MySQL's /*! code */: code to the classifier, a comment to Calcite (hints it cannot parse)
                Arrays.fill(blank, i - from, executableEnd + 1 - from, true);
                i = executableEnd;
                continue;
            }
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (type == TokenType.WORD) {
                int modifierEnd = fetchModifierEnd(tokens, i, to);
                if (profile.topClause() && isSelect(tokens, i, profile)) {
                    markTop(tokens, i, to, blank, from, tops);
                } else if (depth == 0 && trailing < 0 && startsTrailingClause(tokens, i, to, profile)) {
                    trailing = tokens.get(i).start();
                    Arrays.fill(blank, i - from, to - from, true);
                    break;
                } else if (depth == 0 && profile.limitBy() && tokens.isWord(i, "LIMIT")) {
                    int end = limitByEnd(tokens, i, to);
                    if (end > i) {
                        Arrays.fill(blank, i - from, end - from, true);
                        limitBy = true;
                        i = end - 1;
                    }
                } else if (fetchRowsWithoutCount(tokens, i)) {
                    before[i - from] = "1 ";
                } else if (modifierEnd > i) {
                    Arrays.fill(blank, i - from, modifierEnd - from, true);
                    int count = tokens.previousCode(i, from);
                    if (tokens.isWord(i, "WITH")) {
                        after[count - from] = " ONLY"; // FETCH ... ROWS WITH TIES has no ONLY
                        int beforeRows = tokens.previousCode(count, from);
                        count = tokens.is(beforeRows, TokenType.NUMBER) ? beforeRows : count;
                    }
                    inexactCounts.add(tokens.get(count).start());
                    i = modifierEnd - 1;
                } else {
                    wrapTableExpression(tokens, i, to, from, before, after);
                }
            } else if (type == TokenType.DOT && tokens.is(i + 1, TokenType.DOT)) {
                after[i - from] = '"' + DEFAULT_SCHEMA + '"';
            }
        }
        return render(tokens, from, to, profile, quoting, blank, before, after, tops, trailing, limitBy, inexactCounts);
    }

    private static boolean isSelect(Tokens tokens, int i, ParserProfile profile) {
        return tokens.isWord(i, "SELECT") || profile.abbreviations() && tokens.isWord(i, "SEL");
    }

    private static void markTop(Tokens tokens, int select, int to, boolean[] blank, int from, List<TopClause> tops) {
        int i = tokens.nextCode(select + 1, to);
        if (tokens.isWord(i, "DISTINCT") || tokens.isWord(i, "ALL")) {
            i = tokens.nextCode(i + 1, to);
        }
        if (!tokens.isWord(i, "TOP")) {
            return;
        }
        int topStart = i;
        int value = tokens.nextCode(i + 1, to);
        int valueStart;
        int valueEnd;
        int last;
        int number = -1;
        if (tokens.is(value, TokenType.NUMBER)) {
            number = value;
            valueStart = tokens.get(value).start();
            valueEnd = tokens.get(value).end();
            last = value;
        } else if (tokens.is(value, TokenType.LPAREN)) {
            int close = matchingParen(tokens, value, to);
            if (close < 0) {
                return;
            }
            int inner = tokens.nextCode(value + 1, close);
            if (tokens.is(inner, TokenType.NUMBER) && tokens.nextCode(inner + 1, close) == close) {
                number = inner;
            }
            valueStart = number >= 0 ? tokens.get(number).start() : tokens.get(value).start();
            valueEnd = number >= 0 ? tokens.get(number).end() : tokens.get(close).end();
            last = close;
        } else {
            return;
        }
        boolean exact = true;
        int next = tokens.nextCode(last + 1, to);
        if (tokens.isWord(next, "PERCENT")) {
            exact = false;
            last = next;
            next = tokens.nextCode(last + 1, to);
        }
        if (tokens.isWord(next, "WITH") && tokens.isWord(tokens.nextCode(next + 1, to), "TIES")) {
            exact = false;
            last = tokens.nextCode(next + 1, to);
        }
        Arrays.fill(blank, topStart - from, last + 1 - from, true);
        OptionalLong literal = number >= 0 ? integerValue(tokens.text(number)) : OptionalLong.empty();
        tops.add(new TopClause(tokens.get(select).start(), valueStart, valueEnd, literal, exact));
    }

    /** The index of the {@code *}{@code /} closing a MySQL executable comment opened at {@code i}, or -1. */
    private static int executableCommentEnd(Tokens tokens, int i, int to) {
        if (tokens.type(i) != TokenType.BLOCK_COMMENT || !(tokens.text(i).startsWith("/*!") || tokens.text(i).regionMatches(true, 0, "/*M!", 0, 4))
                || tokens.text(i).endsWith("*/")) {
            return -1;
        }
        for (int j = i + 1; j < to; j++) {
            if (tokens.type(j) == TokenType.BLOCK_COMMENT && tokens.text(j).equals("*/")) {
                return j;
            }
        }
        return to - 1;
    }

    /** {@code FETCH FIRST ROW ONLY}: the count is optional (one row) in the standard, not in Calcite's grammar. */
    private static boolean fetchRowsWithoutCount(Tokens tokens, int i) {
        int previous = tokens.previousCode(i, 0);
        return tokens.isAnyWord(i, List.of("ROW", "ROWS")) && tokens.isAnyWord(previous, List.of("FIRST", "NEXT"))
                && tokens.isWord(tokens.previousCode(previous, 0), "FETCH");
    }

    /**
     * The end (exclusive token index) of a {@code FETCH} modifier Calcite lacks starting at {@code i}:
     * {@code PERCENT} after the count, or {@code WITH TIES} after {@code ROW(S)}; else {@code i}.
     */
    private static int fetchModifierEnd(Tokens tokens, int i, int to) {
        int previous = tokens.previousCode(i, 0);
        if (tokens.isWord(i, "PERCENT") && tokens.is(previous, TokenType.NUMBER)
                && tokens.isAnyWord(tokens.previousCode(previous, 0), List.of("FIRST", "NEXT"))) {
            return i + 1;
        }
        int next = tokens.nextCode(i + 1, to);
        if (tokens.isWord(i, "WITH") && tokens.isWord(next, "TIES") && tokens.isAnyWord(previous, List.of("ROW", "ROWS"))) {
            return next + 1;
        }
        return i;
    }

    /**
     * Spells two table expressions some engines accept without Calcite's keywords: PostgreSQL's
     * {@code LATERAL fn(...)} becomes {@code LATERAL TABLE(fn(...))}, and Spark's and Snowflake's
     * {@code FROM VALUES (...), (...)} becomes {@code FROM (VALUES (...), (...))}.
     */
    private static void wrapTableExpression(Tokens tokens, int i, int to, int from, String[] before, String[] after) {
        int next = tokens.nextCode(i + 1, to);
        if (tokens.isWord(i, "LATERAL") && tokens.is(next, TokenType.WORD) && !tokens.isAnyWord(next, List.of("TABLE", "SELECT", "UNNEST"))
                && tokens.is(tokens.nextCode(next + 1, to), TokenType.LPAREN)) {
            int close = matchingParen(tokens, tokens.nextCode(next + 1, to), to);
            if (close > 0) {
                before[next - from] = "TABLE(";
                after[close - from] = ")";
            }
        } else if (tokens.isWord(i, "VALUES") && tokens.is(next, TokenType.LPAREN)
                && tokens.isAnyWord(tokens.previousCode(i, from), List.of("FROM", "JOIN"))) {
            int close = matchingParen(tokens, next, to);
            while (close > 0 && tokens.is(tokens.nextCode(close + 1, to), TokenType.COMMA)) {
                int row = tokens.nextCode(tokens.nextCode(close + 1, to) + 1, to); // the next row of VALUES (...), (...)
                if (!tokens.is(row, TokenType.LPAREN)) {
                    break;
                }
                close = matchingParen(tokens, row, to);
            }
            if (close > 0) {
                before[i - from] = "(";
                after[close - from] = ")";
            }
        }
    }

    private static boolean startsTrailingClause(Tokens tokens, int i, int to, ParserProfile profile) {
        int next = tokens.nextCode(i + 1, to);
        if (tokens.isWord(i, "FOR")) {
            return tokens.isAnyWord(next, LOCK_FOLLOWERS);
        }
        if (tokens.isWord(i, "LOCK")) {
            return tokens.isWord(next, "IN");
        }
        if (tokens.isWord(i, "OPTION")) {
            return tokens.is(next, TokenType.LPAREN);
        }
        if (tokens.isWord(i, "WITH")) {
            return tokens.isAnyWord(next, ISOLATION) && tokens.nextCode(next + 1, to) >= to;
        }
        if (profile.limitBy()) {
            return tokens.isWord(i, "SETTINGS") || tokens.isWord(i, "FORMAT");
        }
        return false;
    }

    /** The end (exclusive token index) of a {@code LIMIT n [, m | OFFSET m] BY exprs} clause at {@code limit}, or -1. */
    private static int limitByEnd(Tokens tokens, int limit, int to) {
        int i = tokens.nextCode(limit + 1, to);
        while (i < to && (tokens.is(i, TokenType.NUMBER) || tokens.is(i, TokenType.COMMA) || tokens.isWord(i, "OFFSET"))) {
            i = tokens.nextCode(i + 1, to);
        }
        if (!tokens.isWord(i, "BY")) {
            return -1;
        }
        int depth = 0;
        i++;
        for (; i < to; i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                if (--depth < 0) {
                    return i;
                }
            } else if (depth == 0 && tokens.isAnyWord(i, LIMIT_BY_STOPS)) {
                return i;
            }
        }
        return to;
    }

    static int matchingParen(Tokens tokens, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    static OptionalLong integerValue(String number) {
        if (number.isEmpty() || number.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < number.length(); i++) {
            if (!Character.isDigit(number.charAt(i))) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(number));
    }

    private static CalciteText render(Tokens tokens, int from, int to, ParserProfile profile, IdentifierQuoting quoting, boolean[] blank,
            String[] before, String[] after, List<TopClause> tops, int trailing, boolean limitBy, Set<Integer> inexactCounts) {
        String source = tokens.source();
        int start = from < to ? tokens.get(from).start() : 0;
        int end = from < to ? tokens.get(to - 1).end() : 0;
        Builder out = new Builder(end - start + 16);
        int cursor = start;
        for (int i = from; i < to; i++) {
            Token token = tokens.get(i);
            out.copy(source, cursor, token.start());
            cursor = token.end();
            if (blank[i - from] || token.isComment()) {
                out.append(" ", token.start());
                continue;
            }
            if (before[i - from] != null) {
                out.append(before[i - from], token.start());
            }
            switch (token.type()) {
                case QUOTED_ID -> out.append(quotedIdentifier(source, token), token.start());
                case STRING -> out.appendString(standardString(source, token, profile.lexical()), source, token);
                case NUMBER -> out.appendToken(hexLiteral(source, token), source, token);
                case WORD -> out.appendToken(word(tokens, i, to, profile, quoting), source, token);
                default -> out.copy(source, token.start(), token.end());
            }
            if (after[i - from] != null) {
                out.append(after[i - from], token.end() - 1);
            }
        }
        return new CalciteText(out.text(), out.origin(end), tops, trailing, limitBy, inexactCounts);
    }

    /** The replacement of word {@code i}, or null to copy it. */
    private static String word(Tokens tokens, int i, int to, ParserProfile profile, IdentifierQuoting quoting) {
        if (tokens.is(i - 1, TokenType.DOT)) {
            return '"' + quoting.normalizeUnquoted(tokens.text(i)).replace("\"", "\"\"") + '"';
        }
        if (isBareAlias(tokens, i, to) || isReservedTableName(tokens, i, to)) {
            return '"' + quoting.normalizeUnquoted(tokens.text(i)).replace("\"", "\"\"") + '"';
        }
        if (isNonLiteralRowCount(tokens, i, to)) {
            return "?";
        }
        if (profile.emptySelectList() && tokens.isWord(i, "SELECT") && tokens.isWord(tokens.nextCode(i + 1, to), "FROM")) {
            return "SELECT NULL";
        }
        return profile.abbreviations() ? abbreviation(tokens.source(), tokens.get(i)) : null;
    }

    /** A keyword of {@link #BARE_ALIAS_KEYWORDS} right after {@code )} and before {@code ,}, {@code FROM} or the end. */
    private static boolean isBareAlias(Tokens tokens, int i, int to) {
        if (!tokens.isAnyWord(i, BARE_ALIAS_KEYWORDS) || !tokens.is(tokens.previousCode(i, 0), TokenType.RPAREN)) {
            return false;
        }
        int next = tokens.nextCode(i + 1, to);
        return next >= to || tokens.is(next, TokenType.COMMA) || tokens.is(next, TokenType.RPAREN) || tokens.isWord(next, "FROM");
    }

    /**
     * {@code FROM table} / {@code JOIN table}: a table named by the reserved word TABLE, which BigQuery,
     * Spark and ClickHouse accept unquoted; {@code TABLE(...)} stays the table-function keyword.
     */
    private static boolean isReservedTableName(Tokens tokens, int i, int to) {
        return tokens.isWord(i, "TABLE") && tokens.isAnyWord(tokens.previousCode(i, 0), List.of("FROM", "JOIN"))
                && !tokens.is(tokens.nextCode(i + 1, to), TokenType.LPAREN);
    }

    /**
     * A name as a row count or offset ({@code LIMIT x}, {@code LIMIT 20, x}, {@code OFFSET x}): a variable
     * in a MySQL routine, an expression in DuckDB. It is parsed as a parameter, so the limit reads as
     * unknown: no cap is reported and a limit asked for wraps the query.
     */
    private static boolean isNonLiteralRowCount(Tokens tokens, int i, int to) {
        if (tokens.isAnyWord(i, List.of("ALL", "NULL", "LIMIT")) || tokens.isAnyWord(i, ROW_COUNT_FOLLOWERS)) {
            return false;
        }
        int previous = tokens.previousCode(i, 0);
        if (tokens.is(tokens.previousCode(previous, 0), TokenType.DOT)) {
            return false; // t.offset DESC, t.limit x: a column, not the clause
        }
        boolean countPosition = tokens.isAnyWord(previous, List.of("LIMIT", "OFFSET"))
                || tokens.is(previous, TokenType.COMMA) && tokens.isWord(tokens.previousCode(tokens.previousCode(previous, 0), 0), "LIMIT");
        if (!countPosition) {
            return false;
        }
        int next = tokens.nextCode(i + 1, to);
        return next >= to || tokens.is(next, TokenType.RPAREN) || tokens.is(next, TokenType.COMMA)
                || tokens.is(next, TokenType.SEMICOLON) || tokens.isAnyWord(next, ROW_COUNT_FOLLOWERS);
    }

    private static String abbreviation(String source, Token token) {
        if (token.end() - token.start() != 3) {
            return null;
        }
        return ABBREVIATIONS.get(source.substring(token.start(), token.end()).toUpperCase(Locale.ROOT));
    }

    private static String hexLiteral(String source, Token token) {
        if (token.end() - token.start() > 2 && source.charAt(token.start()) == '0'
                && (source.charAt(token.start() + 1) == 'x' || source.charAt(token.start() + 1) == 'X')) {
            return "X'" + source.substring(token.start() + 2, token.end()) + "'";
        }
        return null;
    }

    private static String quotedIdentifier(String source, Token token) {
        if (source.charAt(token.start()) == 'U' || source.charAt(token.start()) == 'u') {
            return source.substring(token.start() + 2, token.end()); // U&"..." read as "...", escapes left as written
        }
        char open = source.charAt(token.start());
        if (open == '"') {
            return source.substring(token.start(), token.end());
        }
        char close = source.charAt(token.end() - 1);
        String inner = source.substring(token.start() + 1, token.end() - 1)
                .replace(String.valueOf(close) + close, String.valueOf(close));
        return '"' + inner.replace("\"", "\"\"") + '"';
    }

    /** A standard {@code '...'} literal for {@code token}, or null when it is already one. */
    private static String standardString(String source, Token token, LexicalRules rules) {
        int start = token.start();
        char first = source.charAt(start);
        int alternative = rules.alternativeQuotes() ? SqlLexer.alternativeQuoteAt(source, start) : -1;
        if (alternative > 0) {
            String body = source.substring(alternative + 2, token.end() - 2);
            return (alternative - start == 2 ? "N" : "") + "'" + body.replace("'", "''") + "'";
        }
        if (first == '$') {
            int tagEnd = source.indexOf('$', start + 1) + 1;
            String body = source.substring(tagEnd, token.end() - (tagEnd - start));
            return "'" + body.replace("'", "''") + "'";
        }
        String prefix = "";
        int quoteAt = start;
        if (first != '\'' && first != '"') {
            quoteAt = source.indexOf('\'', start);
            prefix = source.substring(start, quoteAt);
        }
        char quote = source.charAt(quoteAt);
        boolean escapes = rules.backslashEscapes() || rules.escapeStrings() && prefix.equalsIgnoreCase("E");
        String body = source.substring(quoteAt + 1, token.end() - 1);
        if (quote == '\'' && (!escapes || body.indexOf('\\') < 0) && !prefix.equalsIgnoreCase("E") && !prefix.equalsIgnoreCase("R")) {
            return null;
        }
        StringBuilder out = new StringBuilder(body.length() + 2);
        if (!prefix.equalsIgnoreCase("E") && !prefix.equalsIgnoreCase("R")) {
            out.append(prefix);
        }
        out.append('\'');
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && escapes && i + 1 < body.length()) {
                char escaped = body.charAt(++i);
                out.append(escaped == '\'' ? "''" : escaped == '"' ? "\"" : "\\" + escaped);
            } else if (c == quote && quote == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                out.append('"');
                i++;
            } else if (c == '\'' && quote == '"') {
                out.append("''");
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** Appends characters and remembers, for each, the user's offset it came from. */
    private static final class Builder {
        private final StringBuilder text;
        private int[] origin;

        Builder(int capacity) {
            text = new StringBuilder(capacity);
            origin = new int[capacity];
        }

        void copy(String source, int start, int end) {
            ensure(end - start);
            for (int i = start; i < end; i++) {
                origin[text.length()] = i;
                text.append(source.charAt(i));
            }
        }

        void append(String replacement, int offset) {
            ensure(replacement.length());
            for (int i = 0; i < replacement.length(); i++) {
                origin[text.length()] = offset;
                text.append(replacement.charAt(i));
            }
        }

        void appendToken(String replacement, String source, Token token) {
            if (replacement == null) {
                copy(source, token.start(), token.end());
            } else {
                append(replacement, token.start());
            }
        }

        void appendString(String replacement, String source, Token token) {
            appendToken(replacement, source, token);
        }

        private void ensure(int more) {
            int needed = text.length() + more + 1;
            if (needed > origin.length) {
                origin = Arrays.copyOf(origin, Math.max(needed, origin.length * 2));
            }
        }

        String text() {
            return text.toString();
        }

        int[] origin(int end) {
            ensure(1);
            int[] result = Arrays.copyOf(origin, text.length() + 1);
            result[text.length()] = end;
            return result;
        }
    }
}
