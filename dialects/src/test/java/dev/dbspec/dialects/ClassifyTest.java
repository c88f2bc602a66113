package dev.dbspec.dialects;

import static dev.dbspec.dialects.StatementKind.MUTATING;
import static dev.dbspec.dialects.StatementKind.OTHER;
import static dev.dbspec.dialects.StatementKind.QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import org.junit.jupiter.api.Test;

class ClassifyTest {
    private final SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);

    @Test
    void queries() {
        assertThat(postgres.classify("select 1; (select 1) union select 2; values (1); with x as (select 1) select * from x; table t"))
                .containsExactly(QUERY, QUERY, QUERY, QUERY, QUERY);
    }

    @Test
    void mutations() {
        assertThat(postgres.classify("insert into t values (1); update t set a = 1; delete from t; merge into t using u on true "
                + "when matched then delete; create table t (a int); drop table t; grant select on t to u; truncate t"))
                .containsOnly(MUTATING).hasSize(8);
    }

    @Test
    void cteContainingDmlIsMutating() {
        assertThat(postgres.classify("WITH foo AS (INSERT INTO foo (id) VALUES (1) RETURNING 1) SELECT * FROM foo"))
                .containsExactly(MUTATING);
        assertThat(postgres.classify("with a as (select 1), b as (update t set x = 1) select * from a")).containsExactly(MUTATING);
        assertThat(postgres.classify("WITH foo AS (SELECT 1) DELETE FROM my_table")).containsExactly(MUTATING);
        assertThat(postgres.classify("WITH RECURSIVE r(n) AS NOT MATERIALIZED (SELECT 1) SELECT * FROM r")).containsExactly(QUERY);
    }

    @Test
    void selectIntoIsMutating() {
        assertThat(postgres.classify("select * into new_table from t")).containsExactly(MUTATING);
        assertThat(postgres.classify("select * from t where a in (select b from u)")).containsExactly(QUERY);
    }

    @Test
    void others() {
        assertThat(postgres.classify("SET search_path TO public; SHOW search_path; EXPLAIN SELECT 1; USE db; DESCRIBE t; BEGIN; COMMIT"))
                .containsOnly(OTHER).hasSize(7);
    }

    @Test
    void explainAnalyzeOfDmlRunsIt() {
        assertThat(postgres.classify("EXPLAIN ANALYZE DELETE FROM foo")).containsExactly(MUTATING);
        assertThat(postgres.classify("EXPLAIN (ANALYZE, BUFFERS) UPDATE foo SET a = 1")).containsExactly(MUTATING);
        assertThat(postgres.classify("EXPLAIN DELETE FROM foo")).containsExactly(OTHER);
        assertThat(postgres.classify("EXPLAIN ANALYZE SELECT * FROM foo")).containsExactly(OTHER);
    }

    @Test
    void unknownLeadingKeywordIsMutating() {
        assertThat(postgres.classify("FROBNICATE the_table")).containsExactly(MUTATING);
    }

    @Test
    void scriptIsReadOnlyOnlyIfEveryStatementIs() {
        assertThat(postgres.isReadOnly("USE foo; SELECT * FROM bar")).isTrue();
        assertThat(postgres.isReadOnly("SELECT 1; DROP DATABASE superset")).isFalse();
        assertThat(postgres.isMutating("SELECT 1; DROP DATABASE superset")).isTrue();
        assertThat(postgres.isReadOnly("")).isTrue();
    }

    @Test
    void keywordsInsideStringsAndCommentsDoNotCount() {
        assertThat(postgres.classify("/* delete */ select 'drop table t' -- insert")).containsExactly(QUERY);
    }

    @Test
    void findsStatementsAndCallsThatReachTheHost() {
        SqlPipeline base = TestDialects.pipeline(TestDialects.BASE);
        dev.dbspec.api.HostAccess access = new dev.dbspec.api.HostAccess(java.util.List.of("CREATE ALIAS", "script"),
                java.util.Set.of("file_read", "SYSCS_EXPORT_TABLE"));
        assertThat(base.findHostAccess("select 1; create  alias x as 'int f(){return 1;}'", access)).contains("CREATE ALIAS");
        assertThat(base.findHostAccess("/* c */ Script to '/tmp/x'", access)).contains("SCRIPT");
        assertThat(base.findHostAccess("select file_read ('/etc/passwd')", access)).contains("FILE_READ()");
        assertThat(base.findHostAccess("call SYSCS_UTIL.SYSCS_EXPORT_TABLE(null, 'T', '/tmp/t.csv', null, null, null)", access))
                .contains("SYSCS_EXPORT_TABLE()");
        assertThat(base.findHostAccess("select 'a' as script, file_reader from t -- script", access)).isEmpty();
        assertThat(base.findHostAccess("create table alias (a int)", access)).isEmpty();
        assertThat(base.findHostAccess("select file_read('/x')", dev.dbspec.api.HostAccess.NONE)).isEmpty();
    }
    /** Tricks found in review: H2's own comments and strings, Unicode escapes, dynamic SQL, long prefixes. */
    @Test
    void hostAccessIsNotHiddenByLexicalTricks() {
        SqlPipeline h2 = TestDialects.pipeline(new DialectConfig("h2", SqlFamily.H2, LimitMethod.FORCE_LIMIT, LimitSyntax.LIMIT,
                IdentifierQuoting.ANSI));
        dev.dbspec.api.HostAccess access = new dev.dbspec.api.HostAccess(
                java.util.List.of("EXECUTE IMMEDIATE", "CREATE FORCE GLOBAL TEMPORARY LINKED", "CREATE  ALIAS"), java.util.Set.of("FILE_READ"));
        for (String sql : new String[] {"SELECT 1 // '\n, FILE_READ('/etc/hostname') -- '", "SELECT $$'$$, FILE_READ('/etc/hostname') -- '",
                "/* /* */ ' */ SELECT FILE_READ('/etc/hostname') -- '", "SELECT U&\"FILE\\005fREAD\"('/etc/hostname')",
                "SELECT U&\"FILE!005fREAD\" UESCAPE '!' ('/x')", "select 'file_read is only mentioned'"}) {
            assertThat(h2.findHostAccess(sql, access)).as(sql).contains("FILE_READ()");
        }
        assertThat(h2.findHostAccess("EXECUTE IMMEDIATE 'BACKUP TO ''/tmp/x.zip'''", access)).contains("EXECUTE IMMEDIATE");
        assertThat(h2.findHostAccess("create force global temporary linked table lt('', 'u', '', '', 't')", access))
                .contains("CREATE FORCE GLOBAL TEMPORARY LINKED");
        assertThat(h2.findHostAccess("create /* c */ alias x for 'java.lang.Math.abs'", access)).contains("CREATE ALIAS");
        // H2's // comment hides no DELETE from the read-only guard either
        assertThat(h2.classify("SELECT 1 // '\n; DELETE FROM t -- '")).containsExactly(StatementKind.QUERY, StatementKind.MUTATING);
    }
    /** Found in the second review: CREATE OR REPLACE, keyword-glued quotes, UESCAPE after a comment. */
    @Test
    void hostAccessSecondReview() {
        SqlPipeline h2 = TestDialects.pipeline(new DialectConfig("h2", SqlFamily.H2, LimitMethod.FORCE_LIMIT, LimitSyntax.LIMIT,
                IdentifierQuoting.ANSI));
        SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
        dev.dbspec.api.HostAccess access = new dev.dbspec.api.HostAccess(java.util.List.of("CREATE ALIAS", "CREATE LINKED"),
                java.util.Set.of("FILE_READ"));
        assertThat(h2.findHostAccess("CREATE OR REPLACE FORCE ALIAS RD AS $$ String rd() { return \"\"; } $$", access)).contains("CREATE ALIAS");
        assertThat(h2.findHostAccess("create force local temporary linked table lt('', 'u', '', '', 't')", access)).contains("CREATE LINKED");
        assertThat(h2.findHostAccess("SELECT U&\"FILE!005fREAD\" UESCAPE/**/'!'('/x')", access)).contains("FILE_READ()");
        // ELSE'\' is a keyword and a complete string: what follows is code, seen by the guard and the check
        String glued = "SELECT CASE WHEN 1=1 THEN 'a' ELSE'\\' END AS x; CREATE ALIAS G FOR 'java.lang.System.getProperty'; SELECT 2 -- '";
        assertThat(h2.findHostAccess(glued, access)).contains("CREATE ALIAS");
        assertThat(postgres.classify("SELECT CASE WHEN true THEN 'a' ELSE'\\' END; DROP TABLE t; SELECT 2 -- '"))
                .containsExactly(StatementKind.QUERY, StatementKind.MUTATING, StatementKind.QUERY);
        // a real E'' string still takes backslash escapes on PostgreSQL
        assertThat(postgres.split("SELECT E'it\\'s; still one'; SELECT 2")).hasSize(2);
    }
    /** MySQL and MariaDB run the inside of their executable comments: it is code to the guard too. */
    @Test
    void mysqlExecutableCommentsAreCode() {
        SqlPipeline mysql = TestDialects.pipeline(TestDialects.MYSQL);
        assertThat(mysql.isReadOnly("SELECT 1 /*! INTO OUTFILE '/tmp/x' */")).isFalse();
        assertThat(mysql.isReadOnly("SELECT 1 /*!50000 INTO DUMPFILE '/tmp/x' */")).isFalse();
        assertThat(mysql.classify("SELECT 1 /*M!100000 ; DROP TABLE t */")).containsExactly(StatementKind.QUERY, StatementKind.MUTATING);
        assertThat(mysql.tables("SELECT /*!40001 SQL_NO_CACHE */ * FROM t")).containsExactly(TableRef.of("t"));
        assertThat(mysql.isReadOnly("SELECT /*+ MAX_EXECUTION_TIME(1000) */ a FROM t /* a comment; DROP TABLE t */")).isTrue();
    }
    /** A T-SQL batch needs no ; between statements, and its block comments nest. */
    @Test
    void tsqlStatementsWithoutSeparatorAreNotHiddenBehindAQuery() {
        SqlPipeline mssql = TestDialects.pipeline(TestDialects.MSSQL);
        for (String sql : new String[] {"SELECT 1 DELETE FROM t", "SELECT * FROM a DROP TABLE t", "SELECT 1 EXEC sp_who",
                "WITH c AS (SELECT 1 AS x) SELECT * FROM c UPDATE t SET a = 1", "/* /* */ SELECT 1 */ DROP TABLE t"}) {
            assertThat(mssql.isReadOnly(sql)).as(sql).isFalse();
        }
        for (String sql : new String[] {"SELECT a FROM t INNER MERGE JOIN u ON t.id = u.id", "SELECT REPLACE(a, 'x', 'y'), IIF(a > 1, 1, 0) FROM t",
                "SELECT a FROM t WITH (NOLOCK) ORDER BY a OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY", "SELECT CASE WHEN a = 1 THEN 'x' END FROM t"}) {
            assertThat(mssql.classify(sql)).as(sql).containsExactly(StatementKind.QUERY);
        }
    }
    /** Nested comments are not read alike by every engine of a family: a script using them is never read-only. */
    @Test
    void nestedCommentsAreNeverReadOnly() {
        SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
        assertThat(postgres.isReadOnly("SELECT 1; /* /* */ DROP TABLE t -- */")).isFalse();
        assertThat(postgres.isReadOnly("SELECT /* a /* b */ c */ 1")).isFalse();
        assertThat(postgres.isReadOnly("SELECT /* one comment */ 1 /* another */")).isTrue();
    }
    /** Found in the third review: statements that change data or settings behind read-only-looking forms. */
    @Test
    void readOnlyLookalikesAreMutating() {
        SqlPipeline mysql = TestDialects.pipeline(TestDialects.MYSQL);
        SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
        SqlPipeline sqlite = TestDialects.pipeline(TestDialects.SQLITE);
        SqlPipeline base = TestDialects.pipeline(TestDialects.BASE);
        SqlPipeline h2 = TestDialects.pipeline(new DialectConfig("h2", SqlFamily.H2, LimitMethod.FORCE_LIMIT, LimitSyntax.LIMIT,
                IdentifierQuoting.ANSI));
        for (Object[] c : new Object[][] {
                {mysql, "SET STATEMENT max_statement_time=100 FOR DELETE FROM t"}, {mysql, "BEGIN NOT ATOMIC DELETE FROM t; END"},
                {mysql, "SELECT 7--1 INTO OUTFILE '/tmp/x'"}, {mysql, "SET PASSWORD FOR u@'localhost' = PASSWORD('x')"},
                {mysql, "SET GLOBAL general_log_file='/tmp/x'"}, {postgres, "EXPLAIN (\"analyze\") DELETE FROM t"},
                {postgres, "WITH RECURSIVE U&\"r\"(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM U&\"r\" WHERE n < 3) CYCLE n SET c USING p DELETE FROM t"},
                {h2, "SELECT 1 AS `'`; DELETE FROM t; SELECT 2 AS `'`"}, {h2, "SELECT * FROM OLD TABLE (DELETE FROM t)"},
                {h2, "SET PASSWORD 'x'"}, {h2, "SET ALLOW_LITERALS NONE"}, {h2, "SET DEFAULT_TABLE_TYPE CACHED"}, {base, "SET TABLE t READ ONLY"}, {base, "DECLARE LOCAL TEMPORARY TABLE x (a INT)"},
                {sqlite, "PRAGMA user_version(42)"}, {sqlite, "PRAGMA optimize"}}) {
            assertThat(((SqlPipeline) c[0]).isReadOnly((String) c[1])).as((String) c[1]).isFalse();
        }
        for (Object[] c : new Object[][] {{mysql, "SELECT 7 -- 1 INTO OUTFILE"}, {mysql, "SET @v = 1"}, {mysql, "SET STATEMENT max_statement_time=1 FOR SELECT 1"},
                {postgres, "SET search_path TO public"}, {h2, "SET SCHEMA s"}, {h2, "SET @v = 1"}, {h2, "SET TIME ZONE 'UTC'"}, {postgres, "BEGIN ISOLATION LEVEL SERIALIZABLE"}, {postgres, "BEGIN"},
                {postgres, "SELECT * FROM t FOR UPDATE"}, {sqlite, "PRAGMA table_info(foo)"}, {sqlite, "PRAGMA user_version"}}) {
            assertThat(((SqlPipeline) c[0]).isReadOnly((String) c[1])).as((String) c[1]).isTrue();
        }
    }
}
