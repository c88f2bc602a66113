package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlPipeline#changesStayInTransaction}: what a task's commit fence may fence at the commit, and what it must fence
 * before the statement runs, because it may make a write permanent on its own.
 */
class TransactionScopeTest {
    private final SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);

    @Test
    void oneQueryOrDataChangeStaysInTheCallersTransaction() {
        for (String sql : List.of("select 1", "(select 1) union select 2", "values (1)", "SELECT f(x) FROM t",
                "/* lead */ insert into t values (1)", "update t set a = 1", "delete from t;", "merge into t using u on true when matched then delete",
                "with x as (select 1) select * from x", "WITH foo AS (INSERT INTO foo (id) VALUES (1) RETURNING 1) SELECT * FROM foo",
                "with x as (select 1) (update t set a = 1)", "WITH foo AS (SELECT 1) DELETE FROM my_table")) {
            assertThat(postgres.changesStayInTransaction(sql)).as(sql).isTrue();
        }
    }

    @Test
    void whatMayCommitOnItsOwnDoesNot() {
        for (String sql : List.of("insert into t values (1); commit; select pg_sleep(4)", "insert into t values (1); insert into t values (2)",
                "create table t (a int)", "drop table t", "alter table t add b int", "truncate t", "call p()", "do $$ begin end $$",
                "commit", "begin", "set search_path = x", "select 1 into t2", "explain analyze insert into t values (1)",
                "grant select on t to u", "copy t from stdin", "vacuum", "lock table t", "frobnicate t", "")) {
            assertThat(postgres.changesStayInTransaction(sql)).as(sql).isFalse();
        }
    }
}
