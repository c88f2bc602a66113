package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.SqlFamily;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The parser configuration of one {@link SqlFamily}: its lexical rules, the Calcite Babel parser
 * configuration (conformance, {@code LENIENT} for every family so that the grammar accepts the union of the
 * engines' clauses; the engine itself is the final judge) and the dialect syntax the pipeline handles around Calcite.
 *
 * <p>Every family parses with Calcite's Babel parser: before parsing, the pipeline rewrites the
 * family's quoting into Calcite's (double-quoted identifiers, single-quoted standard strings) and
 * blanks the syntax Calcite lacks ({@code TOP n}, locking clauses, ClickHouse {@code LIMIT n BY}),
 * keeping a map back to the user's offsets. Names keep their case in the tree; the engine's case rule
 * is applied by the pipeline.
 *
 * @param lexical                 how strings, identifiers and comments are written
 * @param conformance             Calcite conformance (which clauses the grammar accepts)
 * @param topClause               {@code SELECT [DISTINCT] TOP n} is understood
 * @param abbreviations           Teradata {@code SEL}, {@code DEL}, {@code INS}, {@code UPD}
 * @param limitBy                 ClickHouse {@code LIMIT n BY expr} (a per-group cap, not a row cap)
 * @param limitBindsToLastBranch  a trailing {@code LIMIT} after a set operation limits only its last branch (ClickHouse)
 * @param emptySelectList         {@code SELECT FROM t} (no columns) is valid (PostgreSQL)
 * @param implicitStatementBreaks a statement may follow another without {@code ;} ({@code SELECT 1 DELETE FROM t}
 *                                is two statements in a T-SQL batch)
 * @param persistentSettings      {@code SET} changes the database itself, but for a few session settings (H2)
 */
record ParserProfile(
        LexicalRules lexical,
        SqlConformanceEnum conformance,
        boolean topClause,
        boolean abbreviations,
        boolean limitBy,
        boolean limitBindsToLastBranch,
        boolean emptySelectList,
        boolean implicitStatementBreaks,
        boolean persistentSettings) {

    private static final LexicalRules STANDARD = new LexicalRules(List.of("\"\""), false, false, false, false, false, false);
    private static final Map<SqlFamily, ParserProfile> PROFILES = profiles();

    ParserProfile {
        requireNonNull(lexical, "lexical is null");
        requireNonNull(conformance, "conformance is null");
    }

    /**
     * @throws IllegalArgumentException for {@link SqlFamily#KQL}, which is not SQL: {@link KqlScript} analyses it
     */
    ParserProfile(LexicalRules lexical, SqlConformanceEnum conformance, boolean topClause, boolean abbreviations, boolean limitBy,
            boolean limitBindsToLastBranch, boolean emptySelectList) {
        this(lexical, conformance, topClause, abbreviations, limitBy, limitBindsToLastBranch, emptySelectList, false, false);
    }

    static ParserProfile of(SqlFamily family) {
        ParserProfile profile = PROFILES.get(requireNonNull(family, "family is null"));
        if (profile == null) {
            throw new IllegalArgumentException(family + " is not SQL and has no SQL parser profile");
        }
        return profile;
    }

    /** The Calcite parser configuration; identifiers keep their case, quoting is always double quotes after rewriting. */
    SqlParser.Config calciteConfig() {
        return coreConfig().withParserFactory(SqlBabelParserImpl.FACTORY);
    }

    /**
     * The same configuration on Calcite's core parser, which the pipeline tries first: it reads the common statements
     * in about 40 % of Babel's time (the TPC-H and TPC-DS corpus: 120 of 121 parse, to the same tree), and Babel reads
     * the rest and words every error.
     */
    SqlParser.Config coreConfig() {
        return SqlParser.config()
                .withParserFactory(org.apache.calcite.sql.parser.impl.SqlParserImpl.FACTORY)
                .withConformance(conformance)
                .withQuoting(Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(Casing.UNCHANGED)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(true)
                .withIdentifierMaxLength(1024);
    }

    private static Map<SqlFamily, ParserProfile> profiles() {
        Map<SqlFamily, ParserProfile> map = new EnumMap<>(SqlFamily.class);
        SqlConformanceEnum lenient = SqlConformanceEnum.LENIENT;
        // The generic family accepts the union of engines' syntax; SELECT FROM t is PostgreSQL's.
        map.put(SqlFamily.ANSI, new ParserProfile(STANDARD, lenient, false, false, false, false, true));
        map.put(SqlFamily.H2, new ParserProfile(new LexicalRules(List.of("\"\"", "``"), false, false, false, true, true, false, false, true, false, false),
                lenient, false, false, false, false, true, false, true));
        map.put(SqlFamily.POSTGRESQL, new ParserProfile(
                new LexicalRules(List.of("\"\""), false, false, false, true, true, false, false, false, true, false), lenient, false, false, false, false, true));
        // MySQL runs the inside of /*! ... */ (and MariaDB of /*M! ... */): it is read as code, so no guard misses it.
        map.put(SqlFamily.MYSQL, plain(new LexicalRules(List.of("``"), true, true, true, false, false, false, false, false, false, true), lenient));
        map.put(SqlFamily.SQLITE, plain(new LexicalRules(List.of("\"\"", "``", "[]"), false, false, false, false, false, false), lenient));
        // T-SQL: block comments nest, and a batch needs no ; between statements.
        map.put(SqlFamily.SQL_SERVER, new ParserProfile(
                new LexicalRules(List.of("[]", "\"\""), false, false, false, true, false, true), lenient, true, false, false, false, false, true, false));
        map.put(SqlFamily.ORACLE, plain(new LexicalRules(List.of("\"\""), false, false, false, false, false, false, true, false, false, false), lenient));
        map.put(SqlFamily.PRESTO, plain(STANDARD, lenient));
        map.put(SqlFamily.HIVE, plain(new LexicalRules(List.of("``"), true, true, false, false, false, false), lenient));
        map.put(SqlFamily.BIGQUERY, plain(new LexicalRules(List.of("``"), true, true, true, false, false, false), lenient));
        map.put(SqlFamily.CLICKHOUSE, new ParserProfile(
                new LexicalRules(List.of("``", "\"\""), false, true, false, false, false, false), lenient, false, false, true, true, false));
        map.put(SqlFamily.SNOWFLAKE, plain(new LexicalRules(List.of("\"\""), false, true, false, false, true, false), lenient));
        map.put(SqlFamily.TERADATA, new ParserProfile(STANDARD, lenient, true, true, false, false, false));
        return map;
    }

    private static ParserProfile plain(LexicalRules lexical, SqlConformanceEnum conformance) {
        return new ParserProfile(lexical, conformance, false, false, false, false, false);
    }
}
