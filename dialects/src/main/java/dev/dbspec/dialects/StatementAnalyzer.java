package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parses one statement with the family's Calcite configuration and derives its {@link StatementFacts}:
 * tables, and for queries the {@link QueryShape} (existing limit and insertion points), located in the
 * user's text through the parse tree's positions.
 */
final class StatementAnalyzer {
    private static final Set<String> PARSED_DML = Set.of("INSERT", "INS", "UPDATE", "UPD", "DELETE", "DEL", "MERGE", "WITH");
    private static final Pattern CALCITE_POSITION = Pattern.compile(" at line \\d+, column \\d+\\.?");

    private final DialectConfig config;
    private final ParserProfile profile;
    private final SqlParser.Config calciteConfig;
    private final SqlParser.Config coreConfig;
    private final StatementClassifier classifier;
    private final TokenTables tokenTables;

    StatementAnalyzer(DialectConfig config, ParserProfile profile, StatementClassifier classifier) {
        this.config = requireNonNull(config, "config is null");
        this.profile = requireNonNull(profile, "profile is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.calciteConfig = profile.calciteConfig();
        this.coreConfig = profile.coreConfig();
        this.tokenTables = new TokenTables(config.quoting());
    }

    /**
     * The facts of the statement in tokens {@code [from, to)} classified as {@code classification}.
     *
     * @throws SqlParseException when the family's parser rejects a query or DML statement
     */
    StatementFacts facts(Tokens tokens, int from, int to, Classification classification) {
        int codeTo = codeEnd(tokens, from, to);
        int first = tokens.nextCode(from, codeTo);
        int last = tokens.previousCode(codeTo, from);
        if (first >= codeTo) {
            return new StatementFacts(Set.of(), null);
        }
        return switch (classification.kind()) {
            case QUERY -> query(tokens, first, last, codeTo, classification);
            case MUTATING -> mutating(tokens, first, last + 1, classification);
            case OTHER -> other(tokens, last + 1, classification);
        };
    }

    /** The index of the statement's {@code ;} (code never follows it), or {@code to}. */
    private static int codeEnd(Tokens tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.type(i) == TokenType.SEMICOLON) {
                return i;
            }
        }
        return to;
    }

    private StatementFacts query(Tokens tokens, int first, int last, int codeTo, Classification classification) {
        CalciteText text = CalciteText.of(tokens, first, last + 1, profile, config.quoting());
        SqlNode node = parse(tokens, text);
        Set<TableRef> tables = TableCollector.collect(node, config.quoting());
        return new StatementFacts(tables, shape(tokens, text, node, first, last, codeTo, classification));
    }

    private StatementFacts mutating(Tokens tokens, int first, int to, Classification classification) {
        int leading = classification.leading();
        String keyword = leading < to && tokens.type(leading) == TokenType.WORD ? tokens.text(leading).toUpperCase(Locale.ROOT) : "";
        if (PARSED_DML.contains(keyword)) {
            try {
                return new StatementFacts(TableCollector.collect(parse(tokens, CalciteText.of(tokens, first, to, profile, config.quoting())), config.quoting()), null);
            } catch (SqlParseException e) {
                StatementFacts fallback = tokenFacts(tokens, leading, to);
                if (fallback.tables().isEmpty()) {
                    throw e;
                }
                return fallback;
            }
        }
        return leading < to ? tokenFacts(tokens, leading, to) : new StatementFacts(Set.of(), null);
    }

    /** Target by tokens, plus the tables of a query embedded after it ({@code CREATE TABLE x AS SELECT ...}). */
    private StatementFacts tokenFacts(Tokens tokens, int leading, int to) {
        Set<TableRef> tables = new LinkedHashSet<>();
        int[] end = {leading + 1};
        TableRef target = tokens.type(leading) == TokenType.WORD ? tokenTables.target(tokens, leading, to, end) : null;
        if (target != null) {
            tables.add(target);
        }
        int query = embeddedQuery(tokens, end[0], to);
        if (query >= 0) {
            Classification inner = classifier.classify(tokens, query, to);
            tables.addAll(facts(tokens, query, to, inner).tables());
        }
        return new StatementFacts(tables, null);
    }

    private static int embeddedQuery(Tokens tokens, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && (tokens.isWord(i, "SELECT") || tokens.isWord(i, "WITH") || tokens.isWord(i, "SEL"))) {
                return i;
            }
        }
        return -1;
    }

    private StatementFacts other(Tokens tokens, int to, Classification classification) {
        if (classification.inner() >= 0) {
            int inner = classification.inner();
            return new StatementFacts(facts(tokens, inner, to, classifier.classify(tokens, inner, to)).tables(), null);
        }
        TableRef described = tokenTables.described(tokens, classification.leading(), to);
        return new StatementFacts(described == null ? Set.of() : Set.of(described), null);
    }

    // ---- parsing ------------------------------------------------------------------------------

    /**
     * @throws SqlParseException      when the grammar rejects the text
     * @throws SqlTooComplexException when the parser runs out of stack (Calcite wraps the
     *                                {@link StackOverflowError} in its own parse exception): the text may be valid
     */
    private SqlNode parse(Tokens tokens, CalciteText text) {
        try {
            return SqlParser.create(text.text(), coreConfig).parseStmt();
        } catch (org.apache.calcite.sql.parser.SqlParseException | RuntimeException e) {
            if (causedByStackOverflow(e)) {
                throw stackExhausted();
            }
            // the core grammar does not cover the text: Babel's wider one decides, and words the error if any
        } catch (StackOverflowError e) {
            throw stackExhausted();
        }
        try {
            return SqlParser.create(text.text(), calciteConfig).parseStmt();
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            if (causedByStackOverflow(e)) {
                throw stackExhausted();
            }
            SqlParserPos pos = e.getPos();
            int offset = pos == null ? 0 : TextPosition.offset(text.text(), pos.getLineNum(), pos.getColumnNum());
            throw error(tokens, text.originalOffset(offset), reason(e.getMessage()));
        } catch (StackOverflowError e) {
            throw stackExhausted();
        } catch (RuntimeException e) {
            if (causedByStackOverflow(e)) {
                throw stackExhausted();
            }
            throw error(tokens, text.originalOffset(0), reason(String.valueOf(e.getMessage())));
        }
    }

    private static boolean causedByStackOverflow(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StackOverflowError) {
                return true;
            }
        }
        return false;
    }

    /** The stack ran out in the parser or in a walk of its tree: nesting the lexer does not count ({@code CASE} in {@code CASE}). */
    SqlTooComplexException stackExhausted() {
        return new SqlTooComplexException(config.engineId(), SqlTooComplexException.Limit.STACK, -1, config.limits().maxNesting(), "");
    }

    private static String reason(String message) {
        String firstLine = message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
        return CALCITE_POSITION.matcher(firstLine).replaceAll("").trim();
    }

    private SqlParseException error(Tokens tokens, int offset, String reason) {
        String script = tokens.source();
        int index = tokens.indexCovering(offset);
        String token = "";
        if (index < tokens.size() && tokens.get(index).start() <= offset) {
            token = tokens.text(index);
        } else if (index < tokens.size() && tokens.get(index).start() < script.length()) {
            offset = tokens.get(index).start();
            token = tokens.text(index);
        }
        if (token.length() > 40) {
            token = token.substring(0, 40);
        }
        int[] position = TextPosition.lineColumn(script, offset);
        return new SqlParseException(config.engineId(), position[0], position[1], token, reason);
    }

    // ---- query shape ----------------------------------------------------------------------------

    private QueryShape shape(Tokens tokens, CalciteText text, SqlNode node, int first, int last, int codeTo,
            Classification classification) {
        SqlNode fetch = null;
        SqlNode offset = null;
        boolean orderBy = false;
        boolean limitClauseSeen = false;
        SqlNode main = node;
        while (true) {
            if (main instanceof SqlOrderBy ob) {
                if (!limitClauseSeen) {
                    fetch = ob.fetch;
                    offset = ob.offset;
                    limitClauseSeen = fetch != null || offset != null;
                }
                orderBy |= ob.orderList != null && !ob.orderList.isEmpty();
                main = ob.query;
            } else if (main instanceof SqlWith with) {
                main = with.body;
            } else {
                break;
            }
        }
        if (fetch == null && main instanceof SqlSelect select && select.getFetch() != null) {
            fetch = select.getFetch();
            offset = select.getOffset();
        }
        boolean setOperation = main.getKind().belongsTo(SqlKind.SET_QUERY);
        boolean capsWholeQuery = !(setOperation && profile.limitBindsToLastBranch());

        ExistingLimit existing;
        if (fetch != null) {
            existing = capsWholeQuery ? literal(tokens, text, fetch, 0) : ExistingLimit.UNKNOWN;
        } else {
            existing = limitAll(tokens, classification.body(), last + 1);
            if (existing.kind() == ExistingLimit.Kind.NONE && main instanceof SqlSelect select) {
                existing = top(text, select);
                if (existing.kind() == ExistingLimit.Kind.NONE && config.family() == dev.dbspec.api.SqlFamily.ORACLE) {
                    existing = rownum(tokens, text, select.getWhere());
                }
            }
        }

        int appendAt;
        boolean newLine;
        if (text.trailingClauseStart() >= 0) {
            int anchor = tokens.previousCode(tokens.indexAt(text.trailingClauseStart()), first);
            appendAt = tokens.get(anchor).end();
            newLine = false;
        } else {
            int lastAny = codeTo - 1;
            appendAt = tokens.get(lastAny).end();
            newLine = tokens.type(lastAny) == TokenType.LINE_COMMENT;
        }
        int offsetKeyword = -1;
        if (offset != null && fetch == null) {
            int index = tokens.indexCovering(offsetOf(text, offset.getParserPosition()));
            int keyword = tokens.previousCode(index, first);
            if (tokens.isWord(keyword, "OFFSET")) {
                offsetKeyword = tokens.get(keyword).start();
            }
        }
        int topInsertAt = main instanceof SqlSelect select ? topInsertPoint(tokens, text, select, last + 1) : -1;
        int bodyStart = tokens.get(Math.min(classification.body(), last)).start();
        return new QueryShape(existing, bodyStart, appendAt, newLine, offsetKeyword, offset != null, topInsertAt,
                capsWholeQuery, orderBy);
    }

    private static int offsetOf(CalciteText text, SqlParserPos pos) {
        return text.originalOffset(TextPosition.offset(text.text(), pos.getLineNum(), pos.getColumnNum()));
    }

    /** An integer literal limit, editable where its number token is; anything else is unknown. */
    private static ExistingLimit literal(Tokens tokens, CalciteText text, SqlNode fetch, int adjust) {
        if (!(fetch instanceof SqlNumericLiteral)) {
            return ExistingLimit.UNKNOWN;
        }
        int index = tokens.indexAt(offsetOf(text, fetch.getParserPosition()));
        if (index >= 0 && text.inexactCount(tokens.get(index).start())) {
            return ExistingLimit.UNKNOWN; // FETCH ... PERCENT or WITH TIES
        }
        if (tokens.isWord(index, "ROW") || tokens.isWord(index, "ROWS")) {
            // FETCH FIRST ROW ONLY: one row; the count is written in front of ROW.
            int at = tokens.get(index).start();
            return ExistingLimit.editable(OptionalLong.of(1 - adjust), at, at, adjust);
        }
        if (index < 0 || tokens.type(index) != TokenType.NUMBER) {
            return ExistingLimit.UNKNOWN;
        }
        OptionalLong value = CalciteText.integerValue(tokens.text(index));
        if (value.isEmpty()) {
            return ExistingLimit.UNKNOWN;
        }
        Token token = tokens.get(index);
        return ExistingLimit.editable(OptionalLong.of(value.getAsLong() - adjust), token.start(), token.end(), adjust);
    }

    /** {@code LIMIT ALL} at top level: no cap, but a place to write one. */
    private static ExistingLimit limitAll(Tokens tokens, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN) {
                depth--;
            } else if (depth == 0 && tokens.isWord(i, "LIMIT")) {
                int next = tokens.nextCode(i + 1, to);
                if (tokens.isWord(next, "ALL")) {
                    Token all = tokens.get(next);
                    return ExistingLimit.editable(OptionalLong.empty(), all.start(), all.end(), 0);
                }
            }
        }
        return ExistingLimit.NONE;
    }

    private static ExistingLimit top(CalciteText text, SqlSelect select) {
        int selectOffset = offsetOf(text, select.getParserPosition());
        for (TopClause top : text.topClauses()) {
            if (top.selectOffset() == selectOffset) {
                if (top.value().isPresent() && top.exact()) {
                    return ExistingLimit.editable(top.value(), top.valueStart(), top.valueEnd(), 0);
                }
                return ExistingLimit.UNKNOWN;
            }
        }
        return ExistingLimit.NONE;
    }

    /** Oracle {@code WHERE ... ROWNUM <= n} (or {@code < n}) as a top-level conjunct. */
    private static ExistingLimit rownum(Tokens tokens, CalciteText text, SqlNode where) {
        List<SqlNode> conjuncts = new ArrayList<>();
        flattenAnd(where, conjuncts);
        for (SqlNode conjunct : conjuncts) {
            if (conjunct instanceof SqlBasicCall call && call.operandCount() == 2
                    && (call.getKind() == SqlKind.LESS_THAN_OR_EQUAL || call.getKind() == SqlKind.LESS_THAN)
                    && call.operand(0) instanceof SqlIdentifier id && id.isSimple()
                    && id.getSimple().equalsIgnoreCase("ROWNUM")) {
                return literal(tokens, text, call.operand(1), call.getKind() == SqlKind.LESS_THAN ? 1 : 0);
            }
        }
        return ExistingLimit.NONE;
    }

    /** The conjuncts of {@code node} in order; iterative, since {@code a AND b AND ...} is a tree as deep as it is long. */
    private static void flattenAnd(SqlNode node, List<SqlNode> out) {
        java.util.Deque<SqlNode> pending = new java.util.ArrayDeque<>();
        if (node != null) {
            pending.push(node);
        }
        while (!pending.isEmpty()) {
            SqlNode next = pending.pop();
            if (next instanceof SqlBasicCall call && call.getKind() == SqlKind.AND) {
                List<SqlNode> operands = call.getOperandList();
                for (int i = operands.size() - 1; i >= 0; i--) {
                    if (operands.get(i) != null) {
                        pending.push(operands.get(i));
                    }
                }
            } else if (!(next instanceof SqlNodeList)) {
                out.add(next);
            }
        }
    }

    private static int topInsertPoint(Tokens tokens, CalciteText text, SqlSelect select, int to) {
        int index = tokens.indexAt(offsetOf(text, select.getParserPosition()));
        if (index < 0 || tokens.type(index) != TokenType.WORD) {
            return -1;
        }
        int next = tokens.nextCode(index + 1, to);
        int after = tokens.isWord(next, "DISTINCT") || tokens.isWord(next, "ALL") ? next : index;
        return tokens.get(after).end();
    }
}
