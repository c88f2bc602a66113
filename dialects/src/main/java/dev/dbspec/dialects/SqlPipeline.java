package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.SqlFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The SQL pipeline of one engine: split a script into statements, classify them, extract their
 * tables, and read or apply a row limit, all on the engine's parser configuration.
 *
 * <p>The user's text is never re-rendered. Calcite parses a copy to check the statement and to locate
 * clauses; limits are then spliced into the original text, so everything outside the edited span is
 * byte for byte the user's (comments, quoting, case, spacing).
 *
 * <p>Only the last statement of a script is limited or read for a limit (what a SQL client shows), and
 * only when it is a query. Analyses are cached by engine and script text in a bounded {@link ParseCache}.
 * Instances are immutable and thread-safe.
 *
 * <p>Every method raises {@link SqlTooComplexException} when the script exceeds the configuration's
 * {@link SqlLimits} (length, tokens, operators or nesting, counted before Calcite sees the text; the stack
 * exhausted while parsing; the CPU budget of a call that parses several statements): not a parse error.
 *
 * <p>{@link SqlFamily#KQL} is not SQL: its scripts ({@code T | where ... | take n}, {@code let}/{@code set}
 * statements, {@code .} management commands) are analysed by {@link KqlScript} instead of Calcite, with the
 * same contract; its limit is always {@code take n}, whatever the configured {@code LimitSyntax}.
 */
public final class SqlPipeline {
    private final DialectConfig config;
    private final ParseCache cache;
    /** Set for KQL only; the SQL fields below are then null. */
    private final KqlLexer kqlLexer;
    /** For KQL only: the T-SQL pipeline for the SQL subset Azure Data Explorer also runs ({@code SELECT ...}, {@code WITH ...}). */
    private final SqlPipeline kqlSql;
    private final SqlLexer lexer;
    private final StatementClassifier classifier;
    private final StatementAnalyzer analyzer;
    private final LimitHandler limitHandler;

    public SqlPipeline(DialectConfig config) {
        this(config, ParseCache.shared());
    }

    public SqlPipeline(DialectConfig config, ParseCache cache) {
        this.config = requireNonNull(config, "config is null");
        this.cache = requireNonNull(cache, "cache is null");
        if (config.family() == SqlFamily.KQL) {
            this.kqlLexer = new KqlLexer(config.engineId(), config.limits());
            this.kqlSql = new SqlPipeline(new DialectConfig(config.engineId(), SqlFamily.SQL_SERVER, config.limitMethod(),
                    dev.dbspec.api.LimitSyntax.TOP, dev.dbspec.api.IdentifierQuoting.BRACKETS, config.limits()), cache);
            this.lexer = null;
            this.classifier = null;
            this.analyzer = null;
            this.limitHandler = null;
            return;
        }
        ParserProfile profile = ParserProfile.of(config.family());
        this.kqlLexer = null;
        this.kqlSql = null;
        this.lexer = new SqlLexer(config.engineId(), profile.lexical(), config.limits());
        this.classifier = new StatementClassifier(profile, config.engineId(), config.limits().maxNesting());
        this.analyzer = new StatementAnalyzer(config, profile, classifier);
        this.limitHandler = LimitHandler.of(config.limitSyntax(), config.family());
    }

    /** The pipeline of {@code spec}, with the limit syntax of its newest server version. */
    public static SqlPipeline of(EngineSpec spec) {
        return new SqlPipeline(DialectConfig.of(spec));
    }

    /** The pipeline of {@code spec}, with the limit syntax of its newest server version and {@code limits}. */
    public static SqlPipeline of(EngineSpec spec, SqlLimits limits) {
        return new SqlPipeline(DialectConfig.of(spec).withLimits(requireNonNull(limits, "limits is null")));
    }

    public DialectConfig config() {
        return config;
    }

    /**
     * A parse budget of this pipeline's {@link SqlLimits#parseBudget()} starting now, for a caller that analyses
     * the statements of one script in several calls: {@link ParseBudget#check()} between them. Each call of this
     * pipeline that parses several statements keeps its own budget too.
     */
    public ParseBudget startBudget() {
        return ParseBudget.start(config.engineId(), config.limits());
    }

    /**
     * The statements of {@code script}, each with its exact original text and offsets.
     *
     * @throws SqlParseException when a string, quoted name, comment or dollar quote is not terminated
     */
    public List<Statement> split(String script) {
        if (kqlLexer != null) {
            if (isSqlForKusto(script)) {
                return kqlSql.split(script);
            }
            return kql(script).statements();
        }
        List<AnalyzedStatement> statements = analyze(script).statements();
        List<Statement> result = new ArrayList<>(statements.size());
        for (AnalyzedStatement statement : statements) {
            result.add(statement.statement());
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * The kind of each statement of {@code script}, read from its keywords (no full parse).
     *
     * @throws SqlParseException when a string, quoted name, comment or dollar quote is not terminated
     */
    public List<StatementKind> classify(String script) {
        if (kqlLexer != null) {
            if (isSqlForKusto(script)) {
                return kqlSql.classify(script);
            }
            return kql(script).kinds();
        }
        List<AnalyzedStatement> statements = analyze(script).statements();
        List<StatementKind> result = new ArrayList<>(statements.size());
        for (AnalyzedStatement statement : statements) {
            result.add(statement.kind());
        }
        return Collections.unmodifiableList(result);
    }

    /** Whether every statement of {@code script} is read-only ({@link StatementKind#isReadOnly()}); true for an empty script. */
    public boolean isReadOnly(String script) {
        return classify(script).stream().allMatch(StatementKind::isReadOnly);
    }

    /** Leading keywords of the data changes an engine with transactions keeps in the caller's transaction. */
    private static final Set<String> DML_LEADS = Set.of("INSERT", "INS", "UPDATE", "UPD", "DELETE", "DEL", "MERGE", "UPSERT", "REPLACE");

    /**
     * Whether {@code script} is one statement whose changes an engine with transactions keeps inside the caller's
     * transaction until that commits: a query or {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE} (also as
     * the main statement of a {@code WITH}). False for DDL (MySQL and Oracle commit before and after it), {@code CALL} and
     * {@code EXECUTE} (a procedure may commit), transaction control, {@code SELECT ... INTO} (a file on MySQL's server),
     * any other statement, a script of several statements (one of them may be {@code COMMIT}), and KQL. A caller that must
     * know when a write becomes permanent takes false as "may become permanent as soon as it runs".
     *
     * @throws SqlParseException when a string, quoted name, comment or dollar quote is not terminated
     */
    public boolean changesStayInTransaction(String script) {
        if (kqlLexer != null) {
            return false;
        }
        ScriptAnalysis analysis = analyze(script);
        List<AnalyzedStatement> statements = analysis.statements();
        if (statements.size() != 1) {
            return false;
        }
        AnalyzedStatement statement = statements.get(0);
        Classification classification = statement.classification();
        Tokens tokens = analysis.tokens();
        int main = classification.leading();
        boolean withList = tokens.isWord(main, "WITH");
        if (withList) {
            main = classification.body();
            while (tokens.is(main, TokenType.LPAREN)) {
                main = tokens.nextCode(main + 1, statement.toToken());
            }
        }
        if (main < 0 || main >= statement.toToken() || tokens.type(main) != TokenType.WORD) {
            return false;
        }
        String keyword = tokens.text(main).toUpperCase(java.util.Locale.ROOT);
        if (StatementClassifier.QUERIES.contains(keyword)) {
            // a query is MUTATING when it selects INTO something, or (after WITH) when a CTE changes data, which stays in
            // the transaction
            return withList || classification.kind() != StatementKind.MUTATING;
        }
        return DML_LEADS.contains(keyword);
    }

    /** Whether any statement of {@code script} is {@link StatementKind#MUTATING}. */
    public boolean isMutating(String script) {
        return !isReadOnly(script);
    }

    /**
     * Every table the statements of {@code script} read or write, in order of appearance, without CTE
     * names and aliases, with the engine's case rules applied to unquoted names (KQL: as written, without
     * {@code let} names).
     *
     * @throws SqlParseException when a query or DML statement cannot be parsed
     */
    public Set<TableRef> tables(String script) {
        if (kqlLexer != null) {
            if (isSqlForKusto(script)) {
                return kqlSql.tables(script);
            }
            return kql(script).tables();
        }
        ParseBudget budget = startBudget();
        ScriptAnalysis analysis = analyze(script);
        Set<TableRef> tables = new LinkedHashSet<>();
        for (AnalyzedStatement statement : analysis.statements()) {
            budget.check();
            tables.addAll(statement.facts(analysis.tokens(), analyzer).tables());
        }
        return Collections.unmodifiableSet(tables);
    }

    /**
     * The top-level row cap of the last statement: {@code LIMIT n}, {@code LIMIT m, n}, {@code TOP n},
     * {@code FETCH FIRST n ROWS} ({@code FETCH FIRST ROW} is 1), Oracle {@code ROWNUM <= n}, a trailing KQL
     * {@code take n} or {@code limit n}. Empty when there is none, for {@code LIMIT ALL}, for a limit inside a
     * subquery or CTE only, for a non-literal limit, for {@code TOP n PERCENT}/{@code WITH TIES} and
     * {@code FETCH ... PERCENT}/{@code WITH TIES}, for ClickHouse {@code LIMIT n BY}, and for non-queries.
     *
     * @throws SqlParseException when the last statement is a query that cannot be parsed
     */
    public OptionalLong getLimit(String script) {
        if (kqlLexer != null) {
            if (isSqlForKusto(script)) {
                return kqlSql.getLimit(script);
            }
            return kql(script).limit();
        }
        ScriptAnalysis analysis = analyze(script);
        Optional<AnalyzedStatement> last = lastStatement(analysis);
        if (last.isEmpty() || last.get().kind() != StatementKind.QUERY) {
            return OptionalLong.empty();
        }
        ExistingLimit existing = last.get().facts(analysis.tokens(), analyzer).shape().existing();
        return existing.kind() == ExistingLimit.Kind.EDITABLE ? existing.value() : OptionalLong.empty();
    }

    /**
     * Caps the rows of the last statement of {@code script} at {@code limit} following the engine's
     * {@link LimitMethod}:
     * <ul>
     *   <li>{@code FORCE_LIMIT}: adds a limit in the engine's syntax ({@code | take n} for KQL), or lowers an existing larger one in
     *       place; an existing smaller (or equal) one is kept unless {@code force}, which sets it to
     *       {@code limit}. A limit that cannot be read (a parameter, {@code TOP n PERCENT}) is kept and the
     *       query wrapped.</li>
     *   <li>{@code WRAP_SQL}: wraps the main query as {@code SELECT * FROM (query) AS alias} with the
     *       engine's limit (unless an existing limit already suffices); KQL appends {@code | take n} as for
     *       {@code FORCE_LIMIT}.</li>
     *   <li>{@code FETCH_MANY}: returns the text unchanged; the executor stops fetching.</li>
     * </ul>
     * A statement that is not a query is never limited. Everything outside the edited span is the user's
     * text byte for byte.
     *
     * @throws SqlParseException when the last statement is a query that cannot be parsed
     */
    public LimitedSql applyLimit(String script, long limit, boolean force) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
        if (kqlLexer != null) {
            if (isSqlForKusto(script)) {
                return kqlSql.applyLimit(script, limit, force);
            }
            return kql(script).applyLimit(limit, force, config.limitMethod(), config.engineId());
        }
        ScriptAnalysis analysis = analyze(script);
        Optional<AnalyzedStatement> last = lastStatement(analysis);
        if (last.isEmpty()) {
            return new LimitedSql(script, LimitedSql.Outcome.NOT_A_QUERY, limit, "the script has no statement");
        }
        if (last.get().kind() != StatementKind.QUERY) {
            return new LimitedSql(script, LimitedSql.Outcome.NOT_A_QUERY, limit,
                    "the last statement is " + last.get().kind() + ", not a query: it is not limited");
        }
        if (config.limitMethod() == LimitMethod.FETCH_MANY) {
            return new LimitedSql(script, LimitedSql.Outcome.FETCH_LIMIT, limit,
                    config.engineId() + " limits by fetching at most " + limit + " rows");
        }
        QueryShape shape = last.get().facts(analysis.tokens(), analyzer).shape();
        ExistingLimit existing = shape.existing();
        if (existing.kind() == ExistingLimit.Kind.EDITABLE && existing.value().isPresent()) {
            long current = existing.value().getAsLong();
            if (current == limit || current < limit && !force) {
                return new LimitedSql(script, LimitedSql.Outcome.ALREADY_LIMITED, limit,
                        "the query already returns at most " + current + " rows");
            }
        }
        return new LimitedSql(TextEdit.apply(script, edits(shape, limit)), LimitedSql.Outcome.LIMITED, limit, note(shape));
    }

    /**
     * The first construct of {@code script} that {@code access} lists: a statement starting with one of its
     * word sequences (read with the engine's lexical rules, comments between words allowed, and after
     * {@code CREATE} the modifiers {@code OR REPLACE}, {@code FORCE}, {@code GLOBAL}/{@code LOCAL},
     * {@code TEMPORARY} ignored on both sides), or one of its
     * function names anywhere in the text as a whole word, strings and comments included and Unicode
     * escapes decoded, so that no quoting or comment trick hides a call. Empty when there is none.
     *
     * @throws SqlParseException when a string, quoted name, comment or dollar quote is not terminated
     */
    public Optional<String> findHostAccess(String script, dev.dbspec.api.HostAccess access) {
        requireNonNull(script, "script is null");
        requireNonNull(access, "access is null");
        if (access.statements().isEmpty() && access.functions().isEmpty()) {
            return Optional.empty();
        }
        if (script.length() > config.limits().maxLength()) {
            throw new SqlTooComplexException(config.engineId(), SqlTooComplexException.Limit.LENGTH, script.length(),
                    config.limits().maxLength(), "");
        }
        Optional<String> function = HostAccessText.find(script, access.functions());
        if (function.isPresent()) {
            return Optional.of(function.get() + "()");
        }
        if (kqlLexer != null) {
            return Optional.empty();
        }
        List<String> wanted = access.statements().stream().map(SqlPipeline::withoutCreateModifiers).toList();
        int longest = access.statements().stream().mapToInt(s -> s.split(" ").length).max().orElse(0);
        ScriptAnalysis analysis = analyze(script);
        Tokens tokens = analysis.tokens();
        for (AnalyzedStatement statement : analysis.statements()) {
            String leading = withoutCreateModifiers(leadingWords(tokens, statement, longest + CREATE_MODIFIERS.size()));
            for (int k = 0; k < wanted.size(); k++) {
                if (leading.equals(wanted.get(k)) || leading.startsWith(wanted.get(k) + " ")) {
                    return Optional.of(access.statements().get(k));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code script} may not run in a request on a read-only database, or empty when it may. An allow-list of
     * statement forms: queries ({@code SELECT}, {@code WITH ... SELECT}, {@code VALUES}, {@code TABLE}), {@code SHOW},
     * {@code DESCRIBE}, {@code EXPLAIN} of such a statement, {@code USE}, reading {@code PRAGMA}s, and {@code SET} of a
     * session setting; refused are transaction control ({@code COMMIT}, {@code END}, {@code BEGIN},
     * {@code START TRANSACTION}, {@code SET TRANSACTION}, {@code SET SESSION CHARACTERISTICS}, savepoints, {@code XA},
     * {@code LOCK}), every other statement (server-wide ones such as {@code RESET MASTER}, {@code START SLAVE},
     * {@code FLUSH}, {@code KILL} included), a {@code SET} naming another scope ({@code GLOBAL}, {@code PERSIST},
     * {@code @@global.}) or the transaction mode, role or authorization in any of its assignments, sequence steps
     * ({@code NEXT VALUE FOR}), and any of {@code refusedFunctions} named anywhere in the text (strings and comments
     * included, Unicode escapes decoded, as {@link #findHostAccess}). KQL: every statement must be read-only.
     *
     * @param refusedFunctions function names refused in read-only requests (the spec's
     *                         {@link dev.dbspec.api.ReadOnlyMode#refusedFunctions()})
     * @throws SqlParseException when a string, quoted name, comment or dollar quote is not terminated
     */
    public Optional<String> readOnlyRefusal(String script, Set<String> refusedFunctions) {
        requireNonNull(script, "script is null");
        requireNonNull(refusedFunctions, "refusedFunctions is null");
        if (kqlLexer != null && !isSqlForKusto(script)) {
            Optional<String> function = ReadOnlyRequestCheck.refusedFunction(script, refusedFunctions);
            if (function.isPresent()) {
                return function;
            }
            return isReadOnly(script) ? Optional.empty() : Optional.of("a mutating statement is refused in read-only requests");
        }
        if (kqlLexer != null) {
            return kqlSql.readOnlyRefusal(script, refusedFunctions);
        }
        return new ReadOnlyRequestCheck(classifier).refusal(analyze(script), refusedFunctions);
    }

    /** Words between CREATE and the object kind that do not change what is created ({@code CREATE OR REPLACE FORCE ALIAS}). */
    private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "FORCE", "GLOBAL", "LOCAL", "TEMPORARY", "TEMP");

    private static String withoutCreateModifiers(String words) {
        if (!words.startsWith("CREATE ")) {
            return words;
        }
        List<String> kept = new ArrayList<>();
        String[] parts = words.split(" ");
        kept.add(parts[0]);
        int i = 1;
        while (i < parts.length && CREATE_MODIFIERS.contains(parts[i])) {
            i++;
        }
        for (; i < parts.length; i++) {
            kept.add(parts[i]);
        }
        return String.join(" ", kept);
    }

    /** Up to {@code count} leading words of {@code statement}, upper-cased and joined by single spaces. */
    private static String leadingWords(Tokens tokens, AnalyzedStatement statement, int count) {
        List<String> words = new ArrayList<>(count);
        for (int i = tokens.nextCode(statement.fromToken(), statement.toToken()); i < statement.toToken() && words.size() < count;
                i = tokens.nextCode(i + 1, statement.toToken())) {
            if (tokens.type(i) != TokenType.WORD) {
                break;
            }
            words.add(tokens.text(i).toUpperCase(java.util.Locale.ROOT));
        }
        return String.join(" ", words);
    }

    private List<TextEdit> edits(QueryShape shape, long limit) {
        ExistingLimit existing = shape.existing();
        if (config.limitMethod() == LimitMethod.WRAP_SQL || existing.kind() == ExistingLimit.Kind.UNKNOWN) {
            return limitHandler.wrap(shape, limit);
        }
        if (existing.kind() == ExistingLimit.Kind.EDITABLE) {
            // An empty span is an implicit count (FETCH FIRST ROW ONLY): the number goes in front of ROW.
            String number = Long.toString(limit + existing.adjust()) + (existing.start() == existing.end() ? " " : "");
            return List.of(new TextEdit(existing.start(), existing.end(), number));
        }
        return limitHandler.add(shape, limit).orElseGet(() -> limitHandler.wrap(shape, limit));
    }

    private String note(QueryShape shape) {
        if (shape.existing().kind() == ExistingLimit.Kind.UNKNOWN) {
            return "the query's own limit cannot be read as a row count: it is kept and the query wrapped";
        }
        return "";
    }

    private static Optional<AnalyzedStatement> lastStatement(ScriptAnalysis analysis) {
        List<AnalyzedStatement> statements = analysis.statements();
        return statements.isEmpty() ? Optional.empty() : Optional.of(statements.get(statements.size() - 1));
    }

    private ScriptAnalysis analyze(String script) {
        requireNonNull(script, "script is null");
        return cache.get(config, script, ScriptAnalysis.class, text -> ScriptAnalysis.of(text, lexer, classifier));
    }

    /**
     * Whether a script given to the KQL family is SQL, which Azure Data Explorer also runs: its first word,
     * after whitespace and comments of either language, is {@code SELECT} or {@code WITH}. Decided on the raw
     * text, before KQL's lexer could stumble on SQL quoting.
     */
    private boolean isSqlForKusto(String script) {
        requireNonNull(script, "script is null");
        int i = 0;
        while (i < script.length()) {
            if (Character.isWhitespace(script.charAt(i))) {
                i++;
            } else if (script.startsWith("//", i) || script.startsWith("--", i)) {
                int newline = script.indexOf('\n', i);
                i = newline < 0 ? script.length() : newline + 1;
            } else if (script.startsWith("/*", i)) {
                int close = script.indexOf("*/", i + 2);
                i = close < 0 ? script.length() : close + 2;
            } else {
                break;
            }
        }
        for (String keyword : List.of("select", "with")) {
            int end = i + keyword.length();
            if (script.regionMatches(true, i, keyword, 0, keyword.length())
                    && (end == script.length() || !Character.isLetterOrDigit(script.charAt(end)) && script.charAt(end) != '_')) {
                return true;
            }
        }
        return false;
    }

    private KqlScript kql(String script) {
        requireNonNull(script, "script is null");
        return cache.get(config, script, KqlScript.class, text -> KqlScript.of(text, kqlLexer));
    }
}
