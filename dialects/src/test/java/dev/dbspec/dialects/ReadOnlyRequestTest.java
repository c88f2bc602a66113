package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allow-list of statements a read-only request may run ({@link SqlPipeline#readOnlyRefusal}). */
class ReadOnlyRequestTest {
    private static final Set<String> PG_FUNCTIONS = Set.of("nextval", "setval", "set_config", "lo_import", "lo_export", "pg_advisory_lock");
    private static final Set<String> MARIADB_FUNCTIONS = Set.of("NEXTVAL", "SETVAL", "LASTVAL", "GET_LOCK", "LOAD_FILE");
    private final SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
    private final SqlPipeline mysql = TestDialects.pipeline(TestDialects.MYSQL);

    @Test
    void queriesAndReadingStatementsMayRun() {
        for (String sql : new String[] {"SELECT 1", "select * from t where a = 'COMMIT'", "WITH x AS (SELECT 1) SELECT * FROM x", "VALUES (1)",
                "TABLE t", "(SELECT 1) UNION SELECT 2", "SHOW search_path", "EXPLAIN SELECT * FROM t", "EXPLAIN ANALYZE SELECT * FROM t",
                "SET search_path TO public; SELECT 1", "SET LOCAL statement_timeout = '5s'", "SELECT * FROM t FOR UPDATE",
                "SELECT 1 -- COMMIT", "SELECT current_setting('search_path')", "SET application_name = 'reports'"}) {
            assertThat(postgres.readOnlyRefusal(sql, PG_FUNCTIONS)).as(sql).isEmpty();
        }
        for (String sql : new String[] {"SELECT 1", "SHOW TABLES", "DESCRIBE t", "DESC t", "USE test", "SET @a = 1, @b = 2",
                "SET NAMES utf8mb4", "SET SESSION sql_mode = 'ANSI_QUOTES'", "SET @@session.max_statement_time = 5",
                "SET STATEMENT max_statement_time=1 FOR SELECT 1", "SELECT SLEEP(0)", "SELECT IS_FREE_LOCK('x')"}) {
            assertThat(mysql.readOnlyRefusal(sql, MARIADB_FUNCTIONS)).as(sql).isEmpty();
        }
        SqlPipeline sqlite = TestDialects.pipeline(TestDialects.SQLITE);
        assertThat(sqlite.readOnlyRefusal("PRAGMA table_info(t)", Set.of())).isEmpty();
        assertThat(sqlite.readOnlyRefusal("PRAGMA query_only = 0", Set.of())).isPresent();
    }

    @Test
    void transactionControlIsRefused() {
        for (String sql : new String[] {"COMMIT; INSERT INTO t VALUES (1)", "END; INSERT INTO t VALUES (1)", "ABORT", "ROLLBACK",
                "BEGIN", "BEGIN READ WRITE; INSERT INTO t VALUES (1); COMMIT", "START TRANSACTION READ WRITE",
                "SET TRANSACTION READ WRITE; INSERT INTO t VALUES (1)", "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
                "SAVEPOINT a", "RELEASE SAVEPOINT a", "ROLLBACK TO SAVEPOINT a", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE",
                "SELECT 1; COMMIT", "/* c */ commit", "SELECT 1; COMMIT /* */ ; SELECT 2"}) {
            assertThat(postgres.readOnlyRefusal(sql, PG_FUNCTIONS)).as(sql).hasValueSatisfying(reason -> assertThat(reason).contains("read-only"));
        }
        assertThat(postgres.readOnlyRefusal("END; INSERT INTO t VALUES (1)", Set.of())).get().asString()
                .contains("transaction control (END)", "rolls back");
        for (String sql : new String[] {"XA START 'x'", "XA COMMIT 'x'", "LOCK TABLES t WRITE", "UNLOCK TABLES", "START TRANSACTION",
                "SET TRANSACTION READ WRITE", "SET SESSION TRANSACTION READ WRITE", "BEGIN WORK"}) {
            assertThat(mysql.readOnlyRefusal(sql, MARIADB_FUNCTIONS)).as(sql).isPresent();
        }
    }

    /** Settings that reach beyond the session, or the transaction's mode, in any position of a multi-assignment SET. */
    @Test
    void setOfTheTransactionOrAnotherScopeIsRefused() {
        for (String sql : new String[] {"SET @a=1, GLOBAL max_connections=1000", "SET GLOBAL max_connections = 1000",
                "SET @a = (SELECT 1), @@global.max_connections = 1000", "SET @a = 1, @@GLOBAL.general_log = 1", "SET PERSIST max_connections = 1",
                "SET @@persist_only.max_connections = 1", "SET SESSION tx_read_only = 0", "SET @@session.transaction_read_only = 0",
                "SET autocommit = 1", "SET completion_type = 'CHAIN'", "SET ROLE ALL", "SET DEFAULT ROLE ALL TO u",
                "SET STATEMENT tx_read_only=0 FOR SELECT 1", "SET PASSWORD = PASSWORD('x')", "SET @a=1,/**/global max_connections=1"}) {
            assertThat(mysql.readOnlyRefusal(sql, MARIADB_FUNCTIONS)).as(sql).isPresent();
        }
        for (String sql : new String[] {"SET transaction_read_only = off", "SET LOCAL transaction_read_only TO off",
                "SET \"default_transaction_read_only\" = off", "SET default_transaction_isolation = 'read committed'",
                "SET U&\"transaction\\005fread_only\" = off", "SET ROLE admin", "SET SESSION AUTHORIZATION postgres",
                "set session_authorization = 'postgres'"}) {
            assertThat(postgres.readOnlyRefusal(sql, PG_FUNCTIONS)).as(sql).isPresent();
        }
        SqlPipeline h2 = TestDialects.pipeline(new DialectConfig("h2", SqlFamily.H2, LimitMethod.FORCE_LIMIT, LimitSyntax.LIMIT,
                IdentifierQuoting.ANSI));
        assertThat(h2.readOnlyRefusal("SET ALLOW_LITERALS NONE", Set.of())).as("stored in the database").isPresent();
        assertThat(h2.readOnlyRefusal("SET SCHEMA s", Set.of())).isEmpty();
    }

    @Test
    void serverWideAndOtherStatementsAreRefused() {
        for (String sql : new String[] {"RESET MASTER", "RESET SLAVE ALL", "RESET REPLICA", "RESET PERSIST", "RESET QUERY CACHE",
                "PURGE BINARY LOGS BEFORE NOW()", "CHANGE MASTER TO MASTER_HOST='h'", "CHANGE REPLICATION SOURCE TO SOURCE_HOST='h'",
                "START SLAVE", "STOP SLAVE", "START REPLICA", "STOP REPLICA", "FLUSH PRIVILEGES", "FLUSH TABLES WITH READ LOCK", "KILL 12",
                "KILL QUERY 12", "SHUTDOWN", "INSTALL PLUGIN p SONAME 'p.so'", "UNINSTALL PLUGIN p", "DO GET_LOCK('x', 0)", "CALL p()",
                "HANDLER t OPEN", "SELECT 1 INTO OUTFILE '/tmp/x'", "SELECT 1 INTO @v", "INSERT INTO t VALUES (1)", "BINLOG 'AAAA'",
                "SET STATEMENT max_statement_time=1 FOR DELETE FROM t", "EXPLAIN ANALYZE DELETE FROM t", "CACHE INDEX t IN c",
                "LOAD INDEX INTO CACHE t", "HELP 'x'"}) {
            assertThat(mysql.readOnlyRefusal(sql, MARIADB_FUNCTIONS)).as(sql).hasValueSatisfying(reason -> assertThat(reason).contains("read-only"));
        }
        for (String sql : new String[] {"RESET ALL", "RESET search_path", "DISCARD ALL", "LISTEN c", "NOTIFY c", "PREPARE TRANSACTION 'x'",
                "COMMIT PREPARED 'x'", "DECLARE c CURSOR WITH HOLD FOR SELECT 1", "CHECKPOINT", "VACUUM", "ANALYZE t", "COPY t TO STDOUT",
                "DO $$ BEGIN END $$", "REFRESH MATERIALIZED VIEW v", "EXPLAIN ANALYZE INSERT INTO t VALUES (1)"}) {
            assertThat(postgres.readOnlyRefusal(sql, PG_FUNCTIONS)).as(sql).isPresent();
        }
    }

    /** Functions with effects outside the transaction or on the session, however written; sequence steps in any engine. */
    @Test
    void refusedFunctionsAndSequenceStepsAreFoundHoweverWritten() {
        for (String sql : new String[] {"SELECT nextval('s')", "SELECT pg_catalog.nextval('s')", "SELECT \"nextval\"('s')",
                "SELECT U&\"\\006eextval\"('s')", "SELECT set_config('search_path', 'x', false)", "SELECT lo_import('/etc/hostname')",
                "select LO_EXPORT(1, '/tmp/x')", "SELECT query_to_xml('select nextval(''s'')', true, true, '')",
                "SELECT pg_advisory_lock(1)", "SELECT 1 /* nextval */"}) {
            assertThat(postgres.readOnlyRefusal(sql, PG_FUNCTIONS)).as(sql).hasValueSatisfying(reason -> assertThat(reason).contains("()"));
        }
        for (String sql : new String[] {"SELECT NEXTVAL(s)", "SELECT `setval`(s, 100)", "SELECT GET_LOCK('x', 0)", "SELECT LOAD_FILE('/etc/passwd')",
                "SELECT /*!40000 nextval(s) */ 1", "SELECT LASTVAL(s)"}) {
            assertThat(mysql.readOnlyRefusal(sql, MARIADB_FUNCTIONS)).as(sql).isPresent();
        }
        SqlPipeline base = TestDialects.pipeline(TestDialects.BASE);
        for (String sql : new String[] {"SELECT NEXT VALUE FOR s", "VALUES NEXT /* c */ VALUE FOR s", "SELECT next value for s FROM t",
                "SELECT PREVIOUS VALUE FOR s"}) {
            assertThat(base.readOnlyRefusal(sql, Set.of())).as(sql).get().asString().contains("VALUE FOR");
        }
        assertThat(base.readOnlyRefusal("SELECT next_value, value FROM t", Set.of())).isEmpty();
        assertThat(postgres.readOnlyRefusal("SELECT nextvalue FROM t", PG_FUNCTIONS)).isEmpty();
    }

    /** Statements classified read-only before: they act on the server (replication, binary logs, persisted variables). */
    @Test
    void serverControlIsNoLongerClassifiedReadOnly() {
        for (String sql : new String[] {"RESET MASTER", "RESET SLAVE", "RESET REPLICA", "RESET PERSIST", "RESET QUERY CACHE",
                "RESET BINARY LOGS AND GTIDS", "START SLAVE", "START REPLICA", "START GROUP_REPLICATION"}) {
            assertThat(mysql.isReadOnly(sql)).as(sql).isFalse();
        }
        assertThat(mysql.classify("START TRANSACTION READ ONLY")).containsExactly(StatementKind.OTHER);
        assertThat(postgres.classify("RESET search_path; RESET ALL")).containsExactly(StatementKind.OTHER, StatementKind.OTHER);
    }
}
