package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.LimitMethod;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LimitTest {
    private final SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
    private final SqlPipeline mysql = TestDialects.pipeline(TestDialects.MYSQL);
    private final SqlPipeline mssql = TestDialects.pipeline(TestDialects.MSSQL);
    private final SqlPipeline teradata = TestDialects.pipeline(TestDialects.TERADATA);
    private final SqlPipeline oracle = TestDialects.pipeline(TestDialects.ORACLE);
    private final SqlPipeline oracle11 = TestDialects.pipeline(TestDialects.ORACLE_11);
    private final SqlPipeline clickhouse = TestDialects.pipeline(TestDialects.CLICKHOUSE);

    private static String limited(SqlPipeline pipeline, String sql, long n, boolean force) {
        return pipeline.applyLimit(sql, n, force).sql();
    }

    @Test
    void addsLimitAtEnd() {
        assertThat(limited(postgres, "SELECT * FROM t", 10, false)).isEqualTo("SELECT * FROM t LIMIT 10");
        assertThat(limited(postgres, "SELECT * FROM a  \t \n   ; \t  \n  ", 1000, false))
                .isEqualTo("SELECT * FROM a LIMIT 1000  \t \n   ; \t  \n  ");
    }

    @Test
    void limitAfterTrailingLineCommentGoesOnItsOwnLine() {
        assertThat(limited(postgres, "SELECT * FROM birth_names -- SOME COMMENT WITH LIMIT 555", 1000, false))
                .isEqualTo("SELECT * FROM birth_names -- SOME COMMENT WITH LIMIT 555\nLIMIT 1000");
        assertThat(limited(postgres, "select * from t limit 100;\n-- select * from u", 10, false))
                .isEqualTo("select * from t limit 10;\n-- select * from u");
    }

    @Test
    void lowersLargerLimitKeepsSmallerUnlessForced() {
        assertThat(limited(postgres, "SELECT * FROM a LIMIT 9999", 1000, false)).isEqualTo("SELECT * FROM a LIMIT 1000");
        LimitedSql kept = postgres.applyLimit("SELECT * FROM a LIMIT 10", 11, false);
        assertThat(kept.sql()).isEqualTo("SELECT * FROM a LIMIT 10");
        assertThat(kept.outcome()).isEqualTo(LimitedSql.Outcome.ALREADY_LIMITED);
        assertThat(limited(postgres, "SELECT * FROM a LIMIT 10", 11, true)).isEqualTo("SELECT * FROM a LIMIT 11");
    }

    @Test
    void keepsOffsets() {
        assertThat(limited(mysql, "SELECT 'LIMIT 777' AS a FROM t LIMIT 99990, 999999", 1000, false))
                .isEqualTo("SELECT 'LIMIT 777' AS a FROM t LIMIT 99990, 1000");
        assertThat(limited(postgres, "select * from t LIMIT 99990\nOFFSET 999999", 1000, false))
                .isEqualTo("select * from t LIMIT 1000\nOFFSET 999999");
        assertThat(limited(postgres, "select * from t order by a offset 5", 10, false))
                .isEqualTo("select * from t order by a LIMIT 10 offset 5");
    }

    @Test
    void limitsOnlyTopLevel() {
        assertThat(limited(postgres, "SELECT * FROM (SELECT * FROM a LIMIT 10) s LIMIT 9999", 1000, false))
                .isEqualTo("SELECT * FROM (SELECT * FROM a LIMIT 10) s LIMIT 1000");
        assertThat(postgres.getLimit("select * from (select * from my_subquery limit 10) s")).isEmpty();
        assertThat(limited(postgres, "with data as (select * from t limit 5) select * from data", 100, false))
                .isEqualTo("with data as (select * from t limit 5) select * from data LIMIT 100");
    }

    @Test
    void readsLimits() {
        assertThat(postgres.getLimit("select * from t limit 10 offset 20")).hasValue(10);
        assertThat(mysql.getLimit("select * from t limit 20, 10")).hasValue(10);
        assertThat(postgres.getLimit("select * from t limit all")).isEmpty();
        assertThat(postgres.getLimit("select * from t limit 10.0")).isEmpty();
        assertThat(postgres.getLimit("select * from t offset 5 rows fetch first 3 rows only")).hasValue(3);
        assertThat(postgres.getLimit("SHOW tables")).isEmpty();
        assertThat(teradata.getLimit("SEL TOP 5 name FROM employees")).hasValue(5);
        assertThat(mssql.getLimit("SELECT TOP (42) * FROM table_name")).hasValue(42);
        assertThat(mssql.getLimit("SELECT TOP 10 PERCENT * FROM t")).isEmpty();
        assertThat(oracle.getLimit("select * from t where rownum <= 5 and a = 1")).hasValue(5);
        assertThat(oracle.getLimit("select * from t where rownum < 5")).hasValue(4);
    }

    @Test
    void nonLiteralLimitIsUnknownSoTheQueryIsWrapped() {
        assertThat(mysql.getLimit("select * from t limit x")).isEmpty();
        assertThat(mysql.getLimit("select * from t limit 20, x")).isEmpty();
        assertThat(postgres.getLimit("select * from t limit x offset 20")).isEmpty();
        // a column named offset or limit is no clause
        assertThat(postgres.getLimit("select * from t order by t.offset desc")).isEmpty();
        assertThat(postgres.tables("select t.limit x, y from t")).containsExactly(TableRef.of("t"));
        assertThat(limited(postgres, "select * from t limit x", 10, false))
                .isEqualTo("SELECT * FROM (select * from t limit x) AS dbspec_limit LIMIT 10");
    }

    @Test
    void lateralFunctionsParseAndKeepTheUsersText() {
        String sql = "SELECT id, i FROM (SELECT * FROM my_table LIMIT 10) s,\nLATERAL generate_series(1, value) AS i";
        assertThat(postgres.getLimit(sql)).isEmpty();
        assertThat(limited(postgres, sql, 5, false)).isEqualTo(sql + " LIMIT 5");
    }

    @Test
    void fetchWithoutCountIsOneRowAndPercentOrTiesAreNoCap() {
        assertThat(postgres.getLimit("select * from t fetch first row only")).hasValue(1);
        assertThat(limited(postgres, "select * from t offset 2 rows fetch next row only", 3, false))
                .isEqualTo("select * from t offset 2 rows fetch next row only");
        assertThat(limited(postgres, "select * from t fetch first row only", 3, true)).isEqualTo("select * from t fetch first 3 row only");
        // WITH TIES and PERCENT can return more rows than the number says: wrapped, never edited
        assertThat(postgres.getLimit("select * from t order by a fetch first 5 rows with ties")).isEmpty();
        assertThat(limited(postgres, "select * from t order by a fetch first 5 rows with ties", 3, false))
                .isEqualTo("SELECT * FROM (select * from t order by a fetch first 5 rows with ties) AS dbspec_limit LIMIT 3");
        assertThat(oracle.getLimit("select * from t fetch first 10 percent rows only")).isEmpty();
        assertThat(postgres.getLimit("select * from (select * from t order by a fetch first 2 rows with ties) s fetch first 4 rows only"))
                .hasValue(4);
        // the same inside parentheses around the whole query
        assertThat(oracle.getLimit("(select * from t order by a fetch first 10 percent rows only)")).isEmpty();
        assertThat(postgres.applyLimit("(select * from t order by a fetch first 10 rows with ties)", 20, false).outcome())
                .isEqualTo(LimitedSql.Outcome.LIMITED);
        assertThat(postgres.getLimit("select * from t order by a fetch first row with ties")).isEmpty();
    }

    @Test
    void oracleAlternativeQuotingIsOneString() {
        String sql = "select q'[it's; -- not a comment]' a, nq'{b}' b from t where c = Q'!x!'";
        assertThat(oracle.split(sql)).hasSize(1);
        assertThat(oracle.tables(sql)).containsExactly(TableRef.of("T"));
        assertThat(limited(oracle, sql, 5, false)).isEqualTo(sql + " FETCH FIRST 5 ROWS ONLY");
    }

    @Test
    void limitAllIsReplaced() {
        assertThat(limited(postgres, "select * from t limit all", 5, false)).isEqualTo("select * from t limit 5");
    }

    @Test
    void fetchFirstWrittenByUserIsRecognised() {
        assertThat(limited(postgres, "select * from t offset 5 rows fetch first 30 rows only", 11, false))
                .isEqualTo("select * from t offset 5 rows fetch first 11 rows only");
    }

    @Test
    void limitGoesBeforeLockingClause() {
        assertThat(limited(postgres, "select * from t where a = 1 for update skip locked;", 5, false))
                .isEqualTo("select * from t where a = 1 LIMIT 5 for update skip locked;");
        assertThat(limited(mysql, "select * from t lock in share mode", 5, false))
                .isEqualTo("select * from t LIMIT 5 lock in share mode");
    }

    @Test
    void unionIsLimitedAsAWhole() {
        assertThat(limited(postgres, "select a from t union select a from u", 5, false))
                .isEqualTo("select a from t union select a from u LIMIT 5");
    }

    @Test
    void topAfterDistinctAndInMainQueryOfCte() {
        assertThat(limited(mssql, "SELECT DISTINCT x from tbl", 100, false)).isEqualTo("SELECT DISTINCT TOP 100 x from tbl");
        assertThat(limited(mssql, "SELECT 1 as cnt", 10, false)).isEqualTo("SELECT TOP 10 1 as cnt");
        assertThat(limited(mssql, "select TOP 1000 * from abc where id=1", 10, false)).isEqualTo("select TOP 10 * from abc where id=1");
        assertThat(limited(mssql, "with abc as (select * from test union select * from test1)\nselect TOP 100 * from currency", 1000, false))
                .isEqualTo("with abc as (select * from test union select * from test1)\nselect TOP 100 * from currency");
        assertThat(limited(mssql, "with abc as (select * from test)\nselect * from [currency]", 1000, false))
                .isEqualTo("with abc as (select * from test)\nselect TOP 1000 * from [currency]");
        assertThat(limited(teradata, "SEL TOP 1000 * FROM My_table;", 100, false)).isEqualTo("SEL TOP 100 * FROM My_table;");
        assertThat(limited(mssql, "select a from t union select b from u", 5, false))
                .isEqualTo("SELECT TOP 5 * FROM (select a from t union select b from u) AS dbspec_limit");
    }

    @Test
    void fetchFirstForOracle12AndRownumForOracle11() {
        assertThat(limited(oracle, "SELECT * FROM t ORDER BY a", 10, false)).isEqualTo("SELECT * FROM t ORDER BY a FETCH FIRST 10 ROWS ONLY");
        assertThat(limited(oracle11, "SELECT * FROM t ORDER BY a", 10, false))
                .isEqualTo("SELECT * FROM (SELECT * FROM t ORDER BY a) WHERE ROWNUM <= 10");
        assertThat(limited(oracle11, "SELECT * FROM t WHERE ROWNUM < 500", 10, false)).isEqualTo("SELECT * FROM t WHERE ROWNUM < 11");
    }

    @Test
    void wrapSql() {
        SqlPipeline db2 = TestDialects.pipeline(TestDialects.DB2);
        assertThat(limited(db2, "SELECT * FROM t", 10, false)).isEqualTo("SELECT * FROM (SELECT * FROM t) AS dbspec_limit FETCH FIRST 10 ROWS ONLY");
        SqlPipeline wrapPg = TestDialects.pipeline(TestDialects.POSTGRESQL.withLimitMethod(LimitMethod.WRAP_SQL));
        assertThat(limited(wrapPg, "with x as (select 1 a) select * from x -- c", 10, false))
                .isEqualTo("with x as (select 1 a) SELECT * FROM (select * from x -- c\n) AS dbspec_limit LIMIT 10");
    }

    @Test
    void fetchManyLeavesTextAlone() {
        SqlPipeline fetchMany = TestDialects.pipeline(TestDialects.POSTGRESQL.withLimitMethod(LimitMethod.FETCH_MANY));
        LimitedSql result = fetchMany.applyLimit("SELECT * FROM t", 10, false);
        assertThat(result.sql()).isEqualTo("SELECT * FROM t");
        assertThat(result.executorMustStopFetching()).isTrue();
    }

    @Test
    void neverLimitsNonQueries() {
        for (String sql : new String[] {"SHOW TABLES", "SET search_path TO public", "DESCRIBE t", "USE foo",
                "EXPLAIN SELECT 1", "INSERT INTO t SELECT * FROM u", "select 1; delete from t"}) {
            LimitedSql result = postgres.applyLimit(sql, 10, true);
            assertThat(result.sql()).as(sql).isEqualTo(sql);
            assertThat(result.outcome()).isEqualTo(LimitedSql.Outcome.NOT_A_QUERY);
        }
    }

    @Test
    void clickhouseLimitByIsNotARowCap() {
        assertThat(clickhouse.getLimit("SELECT * FROM t LIMIT 2 BY x")).isEmpty();
        assertThat(limited(clickhouse, "SELECT * FROM t ORDER BY y LIMIT 2 BY x", 100, false))
                .isEqualTo("SELECT * FROM t ORDER BY y LIMIT 2 BY x LIMIT 100");
        assertThat(clickhouse.getLimit("SELECT * FROM t LIMIT 2 BY x LIMIT 50")).hasValue(50);
        assertThat(limited(clickhouse, "SELECT * FROM t LIMIT 2 BY x LIMIT 500 SETTINGS max_threads = 1", 100, false))
                .isEqualTo("SELECT * FROM t LIMIT 2 BY x LIMIT 100 SETTINGS max_threads = 1");
    }

    @Test
    void clickhouseUnionLimitBindsToLastBranch() {
        assertThat(clickhouse.getLimit("SELECT 1 UNION ALL SELECT 2 LIMIT 1")).isEmpty();
        assertThat(limited(clickhouse, "SELECT 1 UNION ALL SELECT 2", 1, false))
                .isEqualTo("SELECT * FROM (SELECT 1 UNION ALL SELECT 2) AS dbspec_limit LIMIT 1");
    }

    @Test
    void unreadableLimitIsKeptAndWrapped() {
        LimitedSql result = postgres.applyLimit("select * from t limit ?", 10, false);
        assertThat(result.sql()).isEqualTo("SELECT * FROM (select * from t limit ?) AS dbspec_limit LIMIT 10");
        assertThat(result.note()).isNotEmpty();
    }

    @Test
    void preservesUserTextOutsideTheEdit() {
        String sql = "/* lead */ SeLeCt \"MixedCase\", now() -- why\n  FROM  t /* mid */ WHERE x = 'LIMIT 5'";
        assertThat(limited(postgres, sql, 7, false)).isEqualTo(sql + " LIMIT 7");
        assertThat(postgres.getLimit(sql)).isEqualTo(OptionalLong.empty());
    }
}
