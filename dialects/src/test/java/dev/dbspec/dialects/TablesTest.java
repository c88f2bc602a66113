package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TablesTest {
    private final SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
    private final SqlPipeline oracle = TestDialects.pipeline(TestDialects.ORACLE);

    @Test
    void joinsSubqueriesAndSetOperations() {
        assertThat(postgres.tables("select * from s1.t1 a join (select * from t2) b on a.x = b.x "
                + "where exists (select 1 from t3) union select * from c.s.t4"))
                .containsExactly(TableRef.of("s1", "t1"), TableRef.of("t2"), TableRef.of("t3"), new TableRef("c", "s", "t4"));
    }

    @Test
    void typeKeywordsAsBareAliasesParseAndStayAsWritten() {
        String sql = "select cast(y as varchar) date, name from (select cast(d as date) day, name from s.t) x";
        assertThat(postgres.tables(sql)).containsExactly(TableRef.of("s", "t"));
        assertThat(postgres.applyLimit(sql, 5, false).sql()).isEqualTo(sql + " LIMIT 5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> postgres.tables("select cast(y as date) date from"))
                .isInstanceOf(SqlParseException.class);
    }

    @Test
    void excludesCteNamesAndAliases() {
        assertThat(postgres.tables("with x as (select a from t1), y as (select a from x) select * from y as t1_alias"))
                .containsExactly(TableRef.of("t1"));
    }

    @Test
    void appliesEngineCaseRules() {
        assertThat(postgres.tables("select * from MySchema.\"MyTable\"")).containsExactly(TableRef.of("myschema", "MyTable"));
        assertThat(oracle.tables("select * from hr.employees")).containsExactly(TableRef.of("HR", "EMPLOYEES"));
    }

    @Test
    void dmlTargetsAndSources() {
        assertThat(postgres.tables("insert into t select * from u")).containsExactly(TableRef.of("t"), TableRef.of("u"));
        assertThat(postgres.tables("update t set a = (select max(b) from u)")).containsExactly(TableRef.of("t"), TableRef.of("u"));
        assertThat(postgres.tables("delete from t where a in (select a from v)")).containsExactly(TableRef.of("t"), TableRef.of("v"));
        assertThat(postgres.tables("create table t2 as select * from t1")).containsExactly(TableRef.of("t2"), TableRef.of("t1"));
        assertThat(postgres.tables("drop table if exists s.t")).containsExactly(TableRef.of("s", "t"));
    }

    @Test
    void describeAndShow() {
        assertThat(postgres.tables("DESCRIBE t1; SHOW COLUMNS FROM t2; SHOW TABLES")).containsExactly(TableRef.of("t1"), TableRef.of("t2"));
    }

    @Test
    void syntaxOfOtherEnginesIsReadRatherThanRejected() {
        SqlPipeline base = TestDialects.pipeline(TestDialects.BASE);
        SqlPipeline mssql = TestDialects.pipeline(TestDialects.MSSQL);
        // a table named by the reserved word TABLE (BigQuery, Spark, ClickHouse accept it); TABLE(...) stays a function
        assertThat(base.tables("select * from table t join other on t.a = other.a")).containsExactly(TableRef.of("table"), TableRef.of("other"));
        assertThat(base.tables("select * from table(f(1)) x")).isEmpty();
        // SQL Server's database..table: the default schema
        assertThat(mssql.tables("select * from sales..orders")).containsExactly(new TableRef("sales", null, "orders"));
        assertThat(mssql.tables("select * from srv.sales..orders")).containsExactly(new TableRef("srv.sales", null, "orders"));
        assertThat(mssql.tables("select * from srv.sales.dbo.orders")).containsExactly(new TableRef("srv.sales", "dbo", "orders"));
        // Spark's and Snowflake's FROM VALUES without parentheses, PostgreSQL's LATERAL function
        assertThat(base.tables("select * from values (1, 2), (3, 4) as v(a, b) join t on t.a = v.a")).containsExactly(TableRef.of("t"));
        assertThat(postgres.tables("select * from a, lateral generate_series(1, a.n) as i")).containsExactly(TableRef.of("a"));
        assertThat(postgres.tables("select * from a cross join lateral unnest(a.xs) as x")).containsExactly(TableRef.of("a"));
        // PostgreSQL's empty select list, also in the generic configuration
        assertThat(base.tables("select from s.t")).containsExactly(TableRef.of("s", "t"));
    }
}
