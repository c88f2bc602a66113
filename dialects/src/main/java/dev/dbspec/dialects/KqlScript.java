package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.SqlFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Kusto Query Language script analysed for {@link SqlPipeline} when the family is {@link SqlFamily#KQL}.
 * KQL is not SQL, so no parser is involved: everything is read from the {@link KqlLexer} tokens.
 * <ul>
 *   <li>Statements are split at {@code ;} outside brackets ({@code let} and {@code set} statements
 *       precede the query; a function body in braces keeps its own {@code ;}), as {@link ScriptAnalysis}
 *       splits SQL.</li>
 *   <li>A management command ({@code .name ...}) is {@link StatementKind#OTHER} when it is {@code .show},
 *       else {@link StatementKind#MUTATING}; {@code let}, {@code set}, {@code declare}, {@code alias},
 *       {@code restrict} and {@code pattern} statements are OTHER; anything else is a tabular expression,
 *       a {@link StatementKind#QUERY}.</li>
 *   <li>Tables are the sources of tabular expressions (the leading name, {@code union} operands, the
 *       right side of {@code join} and {@code lookup}, {@code database("db").T} with {@code db} as catalog,
 *       {@code ['T']}, {@code table("T")}) and the table a command names, without {@code let} names.
 *       KQL names are case-sensitive: they are kept as written.</li>
 *   <li>A query's limit is its last top-level operator when it is {@code take n} or {@code limit n}.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class KqlScript {
    /** Statements that declare or set something for the query instead of returning rows. */
    private static final List<String> DECLARATIONS = List.of("let", "set", "declare", "alias", "restrict", "pattern");
    /** Leading words of a tabular expression that are operators, not table names ({@code where}: a {@code .purge} predicate). */
    private static final List<String> SOURCE_OPERATORS = List.of("print", "range", "evaluate", "find", "search", "where");
    /** Pipe operators whose first operand is another tabular expression. */
    private static final List<String> JOINS = List.of("join", "lookup");
    /** Commands naming their target table without the word {@code table}: {@code .append T <| query}. */
    private static final List<String> INGEST_COMMANDS = List.of("append", "set", "set-or-append", "set-or-replace");
    private static final List<String> TAKE = List.of("take", "limit");

    private final Tokens tokens;
    private final List<Part> parts;

    /** A statement, its tokens {@code [from, to)} without a trailing {@code ;} and comments after it, and its kind. */
    private record Part(Statement statement, int from, int to, StatementKind kind) {
    }

    private KqlScript(Tokens tokens, List<Part> parts) {
        this.tokens = tokens;
        this.parts = List.copyOf(parts);
    }

    /**
     * @throws SqlParseException for an unterminated string literal
     */
    static KqlScript of(String script, KqlLexer lexer) {
        Tokens tokens = lexer.tokenize(requireNonNull(script, "script is null"));
        List<Part> parts = new ArrayList<>();
        int segmentStart = 0;
        int depth = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i < tokens.size()) {
                depth = Math.max(0, depth + nesting(tokens, i));
                if (depth > 0 || tokens.type(i) != TokenType.SEMICOLON) {
                    continue;
                }
            }
            if (tokens.nextCode(segmentStart, i) < i) {
                parts.add(part(tokens, segmentStart, i, i));
            } else if (segmentStart < i && i == tokens.size() && !parts.isEmpty()) {
                // Only comments after the last ';': they stay with the previous statement, whose span then covers its ';'.
                Part previous = parts.remove(parts.size() - 1);
                parts.add(part(tokens, previous.from(), previous.to(), i));
            }
            segmentStart = i + 1;
        }
        return new KqlScript(tokens, parts);
    }

    private static Part part(Tokens tokens, int from, int to, int spanTo) {
        int start = tokens.get(from).start();
        int end = tokens.get(spanTo - 1).end();
        Statement statement = new Statement(tokens.source().substring(start, end), start, end);
        return new Part(statement, from, to, kind(tokens, tokens.nextCode(from, to)));
    }

    private static StatementKind kind(Tokens tokens, int first) {
        if (tokens.is(first, TokenType.DOT)) {
            return tokens.isWord(first + 1, "show") ? StatementKind.OTHER : StatementKind.MUTATING;
        }
        return tokens.isAnyWord(first, DECLARATIONS) ? StatementKind.OTHER : StatementKind.QUERY;
    }

    /** +1 for an opening bracket, -1 for a closing one, else 0. */
    private static int nesting(Tokens tokens, int i) {
        return switch (tokens.type(i)) {
            case LPAREN -> 1;
            case RPAREN -> -1;
            case SYMBOL -> switch (tokens.source().charAt(tokens.get(i).start())) {
                case '[', '{' -> 1;
                case ']', '}' -> -1;
                default -> 0;
            };
            default -> 0;
        };
    }

    List<Statement> statements() {
        return parts.stream().map(Part::statement).toList();
    }

    List<StatementKind> kinds() {
        return parts.stream().map(Part::kind).toList();
    }

    Set<TableRef> tables() {
        Set<TableRef> tables = new LinkedHashSet<>();
        Set<String> letNames = new HashSet<>();
        for (Part part : parts) {
            int first = tokens.nextCode(part.from(), part.to());
            if (tokens.is(first, TokenType.DOT)) {
                commandTables(first, part.to(), tables);
            } else if (tokens.isWord(first, "let") && tokens.is(first + 1, TokenType.WORD) && isSymbol(first + 2, "=")) {
                letNames.add(tokens.text(first + 1));
                int value = tokens.nextCode(first + 3, part.to());
                // let f = (params) { body }: a function definition, not a tabular expression.
                int body = tokens.is(value, TokenType.LPAREN) ? tokens.nextCode(close(value, part.to()) + 1, part.to()) : part.to();
                boolean function = body < part.to() && isSymbol(body, "{");
                if (!function) {
                    expressionTables(value, part.to(), tables);
                }
            } else if (part.kind() == StatementKind.QUERY) {
                expressionTables(first, part.to(), tables);
            }
            nestedSources(part, tables);
        }
        // A let name used as a source is the let's value, whose own tables are already listed.
        tables.removeIf(table -> table.catalog() == null && letNames.contains(table.table()));
        return Collections.unmodifiableSet(tables);
    }

    /** The count of the last statement's trailing {@code take n} or {@code limit n}; empty when there is none or it is not a query. */
    OptionalLong limit() {
        Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        int count = last == null || last.kind() != StatementKind.QUERY ? -1 : trailingTakeCount(last.from(), renderPipe(last));
        return count < 0 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(tokens.text(count)));
    }

    /**
     * Caps the rows of the last statement as {@link SqlPipeline#applyLimit} does: an existing trailing
     * {@code take n} / {@code limit n} is kept when {@code n <= limit} unless {@code force}, else its count
     * is replaced in place; without one, {@code | take limit} is appended after the last code token (so
     * before any {@code ;} and comments). {@code WRAP_SQL} appends too: a pipe is KQL's way to wrap a query.
     */
    LimitedSql applyLimit(long limit, boolean force, LimitMethod method, String engineId) {
        String script = tokens.source();
        if (parts.isEmpty()) {
            return new LimitedSql(script, LimitedSql.Outcome.NOT_A_QUERY, limit, "the script has no statement");
        }
        Part last = parts.get(parts.size() - 1);
        if (last.kind() != StatementKind.QUERY) {
            return new LimitedSql(script, LimitedSql.Outcome.NOT_A_QUERY, limit,
                    "the last statement is " + last.kind() + ", not a query: it is not limited");
        }
        if (method == LimitMethod.FETCH_MANY) {
            return new LimitedSql(script, LimitedSql.Outcome.FETCH_LIMIT, limit,
                    engineId + " limits by fetching at most " + limit + " rows");
        }
        // render must stay the last operator: the limit goes before it
        int end = renderPipe(last);
        int count = trailingTakeCount(last.from(), end);
        TextEdit edit;
        if (count >= 0) {
            long current = Long.parseLong(tokens.text(count));
            if (current == limit || current < limit && !force) {
                return new LimitedSql(script, LimitedSql.Outcome.ALREADY_LIMITED, limit,
                        "the query already returns at most " + current + " rows");
            }
            edit = new TextEdit(tokens.get(count).start(), tokens.get(count).end(), Long.toString(limit));
        } else {
            int lastCode = tokens.previousCode(end, last.from());
            edit = TextEdit.insert(tokens.get(lastCode).end(), " | take " + limit);
        }
        return new LimitedSql(TextEdit.apply(script, List.of(edit)), LimitedSql.Outcome.LIMITED, limit, "");
    }

    /** The index of the count token when the last top-level operator in {@code [from, to)} is {@code take n} or {@code limit n}, else -1. */
    private int trailingTakeCount(int from, int to) {
        List<Integer> pipes = topLevel(from, to, "|");
        if (pipes.isEmpty()) {
            return -1;
        }
        int operator = tokens.nextCode(pipes.get(pipes.size() - 1) + 1, to);
        int count = tokens.nextCode(operator + 1, to);
        boolean take = tokens.isAnyWord(operator, TAKE)
                && count < to
                && tokens.nextCode(count + 1, to) == to
                && isCount(tokens.text(count));
        return take ? count : -1;
    }

    /** The pipe before a trailing {@code render} operator of {@code part} (which must stay last), else {@code part.to()}. */
    private int renderPipe(Part part) {
        List<Integer> pipes = topLevel(part.from(), part.to(), "|");
        if (!pipes.isEmpty() && tokens.isWord(tokens.nextCode(pipes.get(pipes.size() - 1) + 1, part.to()), "render")) {
            return pipes.get(pipes.size() - 1);
        }
        return part.to();
    }

    /** A non-negative integer literal that fits a long (no unit suffix, no sign, no expression). */
    private static boolean isCount(String text) {
        return !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * Sources of tabular expressions nested anywhere in {@code part}: a bracketed span with a pipe at its own
     * level ({@code x in (T2 | project a)}, {@code toscalar(table("T") | count)}), a function or view body
     * ({@code let f = () { T }}), and the argument of {@code in}, {@code toscalar} or {@code materialize}
     * ({@code x in (T)}). A name read this way may be a column ({@code x in (y)}): for a permission check,
     * listing too much is the safe side.
     */
    private void nestedSources(Part part, Set<TableRef> out) {
        for (int i = part.from(); i < part.to(); i++) {
            boolean paren = tokens.is(i, TokenType.LPAREN);
            boolean brace = isSymbol(i, "{");
            if (!paren && !brace) {
                continue;
            }
            int close = close(i, part.to());
            boolean piped = !topLevel(i + 1, close, "|").isEmpty();
            boolean tabularArgument = paren && tokens.isAnyWord(tokens.previousCode(i, part.from()), List.of("in", "toscalar", "materialize"));
            if (piped || brace || tabularArgument) {
                expressionTables(i + 1, close, out);
            }
        }
    }

    /** The tables of the tabular expression in {@code [from, to)}: its source and the operands of its join, lookup and union operators. */
    private void expressionTables(int from, int to, Set<TableRef> out) {
        List<Integer> pipes = topLevel(from, to, "|");
        int sourceEnd = pipes.isEmpty() ? to : pipes.get(0);
        int first = tokens.nextCode(from, sourceEnd);
        if (tokens.isWord(first, "union")) {
            unionOperands(first + 1, sourceEnd, out);
        } else {
            operand(first, sourceEnd, out);
        }
        for (int k = 0; k < pipes.size(); k++) {
            int end = k + 1 < pipes.size() ? pipes.get(k + 1) : to;
            int operator = tokens.nextCode(pipes.get(k) + 1, end);
            if (tokens.isWord(operator, "union")) {
                unionOperands(operator + 1, end, out);
            } else if (tokens.isAnyWord(operator, JOINS)) {
                // Only the first operand: commas after it separate the join keys.
                operand(skipOptions(operator + 1, end), end, out);
            }
        }
    }

    private void unionOperands(int from, int to, Set<TableRef> out) {
        int start = from;
        List<Integer> ends = new ArrayList<>(topLevel(from, to, ","));
        ends.add(to);
        for (int end : ends) {
            operand(skipOptions(start, end), end, out);
            start = end + 1;
        }
    }

    /** The first code token at or after {@code at} past any {@code name=value} options ({@code kind=inner}, {@code hint.strategy=x}). */
    private int skipOptions(int at, int to) {
        int i = tokens.nextCode(at, to);
        while (true) {
            int j = i;
            while (tokens.is(j, TokenType.WORD) && tokens.is(j + 1, TokenType.DOT)) {
                j += 2;
            }
            if (j + 2 >= to || !tokens.is(j, TokenType.WORD) || !isSymbol(j + 1, "=") || isSymbol(j + 2, "=")) {
                return i;
            }
            i = tokens.nextCode(j + 3, to);
        }
    }

    /**
     * The table an operand at {@code at} reads: {@code T}, {@code ['T']}, {@code [cluster("c").]database("db").T},
     * {@code table("T")}, or the tables of a parenthesised expression. Function calls, wildcards
     * ({@code T*}) and source operators ({@code print}, {@code range}...) name no table.
     */
    private void operand(int at, int to, Set<TableRef> out) {
        int i = tokens.nextCode(at, to);
        if (i >= to) {
            return;
        }
        if (tokens.is(i, TokenType.LPAREN)) {
            expressionTables(i + 1, close(i, to), out);
            return;
        }
        if (isStringCall(i, "table")) {
            out.add(TableRef.of(unquote(i + 2)));
            return;
        }
        if (isStringCall(i, "cluster") && tokens.is(i + 4, TokenType.DOT)) {
            i += 5;
        }
        String database = null;
        if (isStringCall(i, "database") && tokens.is(i + 4, TokenType.DOT)) {
            database = unquote(i + 2);
            i += 5;
        }
        boolean notATable = tokens.is(i + 1, TokenType.LPAREN) && i + 1 < to
                || isSymbol(i + 1, "*") && tokens.get(i + 1).start() == tokens.get(i).end()
                || database == null && tokens.isAnyWord(i, SOURCE_OPERATORS);
        String name = i < to && !notATable ? name(i) : null;
        if (name != null) {
            out.add(new TableRef(database, null, name));
        }
    }

    /** The name at {@code i}, {@code T} or {@code ['T']}, else null. */
    private String name(int i) {
        if (tokens.is(i, TokenType.WORD)) {
            return tokens.text(i);
        }
        if (isSymbol(i, "[") && tokens.is(i + 1, TokenType.STRING) && isSymbol(i + 2, "]")) {
            return unquote(i + 1);
        }
        return null;
    }

    /** The table a command names ({@code .drop table T}, {@code .append T <| q}) and the tables of the query after its {@code <|}. */
    private void commandTables(int dot, int to, Set<TableRef> out) {
        List<Integer> arrows = topLevel(dot, to, "<|");
        int commandEnd = arrows.isEmpty() ? to : arrows.get(0);
        StringBuilder command = new StringBuilder();
        int i = dot + 1;
        while (i < commandEnd && (tokens.is(i, TokenType.WORD) || isSymbol(i, "-"))
                && tokens.get(i).start() == tokens.get(i - 1).end()) {
            command.append(tokens.text(i++));
        }
        int table = i;
        while (table < commandEnd && !tokens.isWord(table, "table")) {
            table++;
        }
        String name = null;
        if (table < commandEnd) {
            name = name(tokens.nextCode(table + 1, commandEnd));
        } else if (INGEST_COMMANDS.contains(command.toString())) {
            int target = tokens.nextCode(i, commandEnd);
            name = name(tokens.isWord(target, "async") ? tokens.nextCode(target + 1, commandEnd) : target);
        }
        if (name != null) {
            out.add(TableRef.of(name));
        }
        if (!arrows.isEmpty()) {
            expressionTables(arrows.get(0) + 1, to, out);
        }
    }

    /** The indexes of the tokens in {@code [from, to)} outside brackets whose text is {@code symbol}. */
    private List<Integer> topLevel(int from, int to, String symbol) {
        List<Integer> found = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            depth = Math.max(0, depth + nesting(tokens, i));
            if (depth == 0 && isSymbol(i, symbol)) {
                found.add(i);
            }
        }
        return found;
    }

    /** The index of the bracket closing the one at {@code open}, or {@code to}. */
    private int close(int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            depth += nesting(tokens, i);
            if (depth == 0) {
                return i;
            }
        }
        return to;
    }

    private boolean isSymbol(int i, String symbol) {
        if (i < 0 || i >= tokens.size()) {
            return false;
        }
        Token token = tokens.get(i);
        return token.end() - token.start() == symbol.length() && tokens.source().startsWith(symbol, token.start());
    }

    /** {@code word("string")} at {@code i}. */
    private boolean isStringCall(int i, String word) {
        return tokens.isWord(i, word) && tokens.is(i + 1, TokenType.LPAREN) && tokens.is(i + 2, TokenType.STRING)
                && tokens.is(i + 3, TokenType.RPAREN);
    }

    /** The value of the string literal at {@code i}: prefix and quotes removed, escapes resolved. */
    private String unquote(int i) {
        String text = tokens.text(i);
        if (text.startsWith("```")) {
            return text.substring(3, text.length() - 3);
        }
        int quoteAt = 0;
        while (text.charAt(quoteAt) != '\'' && text.charAt(quoteAt) != '"') {
            quoteAt++;
        }
        String quote = text.substring(quoteAt, quoteAt + 1);
        String body = text.substring(quoteAt + 1, text.length() - 1);
        boolean verbatim = quoteAt > 0 && text.charAt(quoteAt - 1) == '@';
        return verbatim ? body.replace(quote + quote, quote) : body.replaceAll("\\\\(.)", "$1");
    }
}
