package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.execution.QueryFailedException;
import dev.dbspec.host.execution.QueryRequest;
import dev.dbspec.host.execution.ReadOnlyTransaction;
import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Read-only registrations on live PostgreSQL and MariaDB (also through MySQL Connector/J): every attempt of issue 11
 * fails, and a scratch table, a sequence, a function with a side effect, large objects, locks and global variables
 * read back unchanged. The engine's read-only transaction is checked on its own too (the classifier bypassed), and an
 * engine account without write grants reports its refusal as {@code permission}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyEnforcementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;

    private ServerRuntime runtime;
    private RestServer server;
    private Http http;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeAll
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        // One pooled connection: a request gets the previous request's connection unless it was evicted.
        DbspecConfig config = DbspecConfig.defaults().with("data.dir", dir.resolve("data")).with("pool.max-size", 1)
                .with("pool.max-wait-ms", 5_000);
        runtime = ServerRuntime.start(config, Optional.of(plugins));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        http = new Http(server.port(), runtime.security().addUser("test", "readonly-admin", dev.dbspec.host.security.Role.ADMIN).token());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    // ---- PostgreSQL ---------------------------------------------------------------------------------

    @Test
    void postgresqlReadOnlyAttemptsChangeNothing() {
        TestDatabase database = TestDatabases.require("postgresql");
        String admin = "pgadmin_" + suffix;
        String ro = "pgro_" + suffix;
        String table = "ro_t_" + suffix;
        String sequence = "ro_seq_" + suffix;
        String function = "ro_fx_" + suffix;
        register(admin, database, database.jdbcUrl(), false);
        register(ro, database, database.jdbcUrl(), true);
        try {
            run(admin, "CREATE TABLE " + table + " (id int)");
            run(admin, "INSERT INTO " + table + " SELECT g FROM generate_series(1, 3) g");
            run(admin, "CREATE SEQUENCE " + sequence);
            // A side effect the classifier cannot see by name: a row, and a sequence step that no rollback undoes.
            run(admin, "CREATE FUNCTION " + function + "() RETURNS int LANGUAGE plpgsql VOLATILE AS $$ BEGIN INSERT INTO " + table
                    + " VALUES (-1); PERFORM nextval('" + sequence + "'); RETURN 1; END $$");
            String state = "SELECT (SELECT count(*) FROM " + table + ") AS rows_, (SELECT last_value || '/' || is_called FROM " + sequence
                    + ") AS seq, (SELECT count(*) FROM pg_largeobject_metadata) AS large_objects, (SELECT count(*) FROM pg_locks WHERE "
                    + "locktype = 'advisory' AND objid = 4242) AS locks, (SELECT count(*) FROM pg_prepared_xacts WHERE gid = 'ro_" + suffix
                    + "') AS prepared";
            String before = rows(run(admin, state));
            String insert = "INSERT INTO " + table + " VALUES (100)";
            List<String> attempts = List.of(
                    "COMMIT; " + insert, "END; " + insert, "ABORT; " + insert, "ROLLBACK; " + insert,
                    "SET TRANSACTION READ WRITE; " + insert + "; COMMIT", "SET transaction_read_only = off; " + insert + "; COMMIT",
                    "BEGIN READ WRITE; " + insert + "; COMMIT", "START TRANSACTION READ WRITE; " + insert + "; COMMIT",
                    "COMMIT; BEGIN READ WRITE; " + insert + "; COMMIT", "COMMIT; SET transaction_read_only = off; " + insert + "; COMMIT",
                    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; COMMIT; " + insert,
                    "SET default_transaction_read_only = off; COMMIT; " + insert, "SAVEPOINT a; " + insert + "; RELEASE SAVEPOINT a; COMMIT",
                    "SELECT lo_import('/etc/hostname')", "SELECT lo_from_bytea(0, 'dbspec'::bytea); COMMIT",
                    "SELECT set_config('search_path', 'x', false)", "SELECT set_config('transaction_read_only', 'off', false)",
                    "SELECT nextval('" + sequence + "')", "SELECT setval('" + sequence + "', 1000)", "SELECT \"nextval\"('" + sequence + "')",
                    "SELECT " + function + "()", "SELECT * FROM " + function + "()", "EXPLAIN ANALYZE SELECT " + function + "()",
                    "WITH x AS (SELECT " + function + "()) SELECT * FROM x", "SELECT pg_advisory_lock(4242)",
                    "SELECT query_to_xml('" + insert.replace("'", "''") + "', true, true, '')", insert,
                    // ts_rewrite runs the SELECT in its text: concatenated names hide a sequence step and a session lock
                    "SELECT ts_rewrite('a'::tsquery, 'SELECT (next' || 'val(''" + sequence + "'')::text || ''a'')::tsquery, ''a''::tsquery')",
                    "SELECT ts_rewrite('a'::tsquery, 'SELECT (pg_advisory' || '_lock(4242)::text || ''a'')::tsquery, ''a''::tsquery')",
                    "WITH x AS (" + insert + " RETURNING 1) SELECT * FROM x", "DO $$ BEGIN " + insert + "; END $$",
                    "PREPARE TRANSACTION 'ro_" + suffix + "'", "LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE",
                    "SELECT pg_reload_conf()", "SELECT pg_terminate_backend(pg_backend_pid())", "DISCARD ALL", "RESET ALL");
            List<String> passed = attemptAll(ro, attempts);
            assertThat(passed).as("attempts that ran on the read-only database").isEmpty();
            assertThat(rows(run(admin, state))).as("table rows, sequence, large objects, advisory locks, prepared transactions")
                    .isEqualTo(before);

            // Transaction control is a typed 403 over REST, saying why.
            Http.Response refused = http.post("/api/query", Map.of("database", ro, "sql", "END; " + insert));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("forbidden");
            assertThat(refused.json().path("message").asText()).contains("read-only", "transaction control (END)");
            // What a read-only request may run still runs, and reads.
            assertThat(rows(run(ro, "SELECT count(*) FROM " + table))).isEqualTo("[[3]]");
            // A session setting changed by one request is not seen by the next one (the only pooled connection).
            run(ro, "SET search_path TO x_" + suffix);
            assertThat(rows(run(ro, "SELECT current_setting('search_path')"))).doesNotContain("x_" + suffix);
        } finally {
            attempt(admin, "DROP FUNCTION IF EXISTS " + function + "()");
            attempt(admin, "DROP TABLE IF EXISTS " + table);
            attempt(admin, "DROP SEQUENCE IF EXISTS " + sequence);
            runtime.databases().remove(admin);
            runtime.databases().remove(ro);
        }
    }

    /**
     * The engine alone, without the classifier: statements run straight on a connection of the read-only pool inside
     * the transaction the host opens ({@link ReadOnlyTransaction}), whatever pgjdbc's {@code readOnlyMode} says.
     */
    @Test
    void postgresqlReadOnlyTransactionHoldsWithoutTheClassifier() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String admin = "pgadmin2_" + suffix;
        String table = "ro_e_" + suffix;
        String sequence = "ro_eseq_" + suffix;
        String function = "ro_efx_" + suffix;
        register(admin, database, database.jdbcUrl(), false);
        List<String> readOnlyNames = new ArrayList<>();
        try {
            run(admin, "CREATE TABLE " + table + " (id int)");
            run(admin, "CREATE SEQUENCE " + sequence);
            run(admin, "CREATE FUNCTION " + function + "() RETURNS int LANGUAGE plpgsql VOLATILE AS $$ BEGIN PERFORM nextval('" + sequence
                    + "'); INSERT INTO " + table + " VALUES (-1); RETURN 1; END $$");
            String state = "SELECT (SELECT count(*) FROM " + table + "), (SELECT last_value || '/' || is_called FROM " + sequence + ")";
            String before = rows(run(admin, state));
            String insert = "INSERT INTO " + table + " VALUES (1)";
            for (String url : new String[] {database.jdbcUrl(), database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?")
                    + "readOnlyMode=ignore"}) {
                String name = "pgroe" + readOnlyNames.size() + "_" + suffix;
                Optional<String> refusedUrl = tryRegister(name, database, url, true);
                if (refusedUrl.isPresent()) {
                    assertThat(refusedUrl.get()).containsIgnoringCase("readOnlyMode");
                    continue;
                }
                readOnlyNames.add(name);
                for (String sql : new String[] {insert, "SELECT " + function + "()", "SELECT nextval('" + sequence + "')",
                        "SET TRANSACTION READ WRITE; " + insert, "SET transaction_read_only = off; " + insert,
                        "COMMIT; " + insert, "END; SELECT " + function + "()"}) {
                    assertThat(runInReadOnlyTransaction(name, sql)).as(url + ": " + sql).isPresent();
                }
            }
            assertThat(readOnlyNames).isNotEmpty();
            assertThat(rows(run(admin, state))).isEqualTo(before);
        } finally {
            attempt(admin, "DROP FUNCTION IF EXISTS " + function + "()");
            attempt(admin, "DROP TABLE IF EXISTS " + table);
            attempt(admin, "DROP SEQUENCE IF EXISTS " + sequence);
            runtime.databases().remove(admin);
            readOnlyNames.forEach(runtime.databases()::remove);
        }
    }

    /** A request that changed its session through set_config hands a closed connection back to the pool. */
    @Test
    void setConfigDoesNotLeakToTheNextRequest() {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = "pgrw_" + suffix;
        register(name, database, database.jdbcUrl(), false);
        try {
            run(name, "SELECT set_config('application_name', 'leak_" + suffix + "', false)");
            assertThat(rows(run(name, "SELECT current_setting('application_name')"))).doesNotContain("leak_" + suffix);
        } finally {
            runtime.databases().remove(name);
        }
    }

    // ---- MariaDB (MariaDB Connector/J and MySQL Connector/J) ------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void mariadbReadOnlyAttemptsChangeNothing(String engine) {
        TestDatabase database = TestDatabases.require(engine);
        String admin = engine + "admin_" + suffix;
        String ro = engine + "ro_" + suffix;
        String table = "ro_t_" + engine + "_" + suffix;
        String myisam = "ro_m_" + engine + "_" + suffix;
        String sequence = "ro_seq_" + engine + "_" + suffix;
        String function = "ro_fx_" + engine + "_" + suffix;
        String lock = "ro_lock_" + suffix;
        register(admin, database, database.jdbcUrl(), false);
        // Several statements per request, as an attacker would ask for: COMMIT; ... must fail on its own merits. (The URL
        // cannot ask for allowMultiQueries: the allow-list refuses it, so the host sends the statements one by one.)
        register(ro, database, database.jdbcUrl(), true);
        String globals = null;
        try {
            run(admin, "CREATE TABLE " + table + " (id INT) ENGINE=InnoDB");
            run(admin, "INSERT INTO " + table + " VALUES (1), (2), (3)");
            // Not transactional: a rollback does not undo a row written here.
            run(admin, "CREATE TABLE " + myisam + " (id INT) ENGINE=MyISAM");
            run(admin, "CREATE SEQUENCE " + sequence);
            run(admin, "CREATE FUNCTION " + function + "() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO " + myisam
                    + " VALUES (-1); RETURN 1; END");
            String state = "SELECT (SELECT COUNT(*) FROM " + table + ") AS t, (SELECT COUNT(*) FROM " + myisam + ") AS m, "
                    + "(SELECT next_not_cached_value FROM " + sequence + ") AS s, @@global.max_connections AS max_connections, "
                    + "@@global.net_read_timeout AS net_read_timeout, IS_FREE_LOCK('" + lock + "') AS lock_free";
            String before = rows(run(admin, state));
            globals = rows(run(admin, "SELECT @@global.max_connections, @@global.net_read_timeout"));
            String insert = "INSERT INTO " + myisam + " VALUES (100)";
            List<String> attempts = List.of(
                    "COMMIT; " + insert, "COMMIT; INSERT INTO " + table + " VALUES (100); COMMIT", "ROLLBACK; " + insert,
                    "SET TRANSACTION READ WRITE; " + insert, "SET SESSION TRANSACTION READ WRITE; COMMIT; " + insert,
                    "SET @@session.tx_read_only = 0; COMMIT; " + insert, "START TRANSACTION READ WRITE; " + insert + "; COMMIT",
                    "BEGIN; " + insert + "; COMMIT", "XA START 'ro" + suffix + "'", "SAVEPOINT a",
                    "LOCK TABLES " + myisam + " WRITE", "UNLOCK TABLES",
                    "SET @a = 1, GLOBAL max_connections = 1000", "SET GLOBAL max_connections = 1000",
                    "SET @a = (SELECT 1), @@global.net_read_timeout = 31", "SET @@GLOBAL.net_read_timeout = 31",
                    "SET STATEMENT max_statement_time = 10 FOR " + insert,
                    "SELECT NEXTVAL(" + sequence + ")", "SELECT NEXT VALUE FOR " + sequence, "SELECT SETVAL(" + sequence + ", 1000)",
                    "SELECT LASTVAL(" + sequence + ")", "SELECT " + function + "()", "SELECT * FROM (SELECT " + function + "() AS x) d",
                    "SELECT GET_LOCK('" + lock + "', 0)", "DO GET_LOCK('" + lock + "', 0)", "SELECT LOAD_FILE('/etc/hostname')",
                    "SELECT BENCHMARK(1000, MD5('x'))", "RESET MASTER", "START SLAVE", "STOP SLAVE", "RESET SLAVE",
                    // SHUTDOWN and CHANGE MASTER are left to the unit tests: a regression here must not stop or repoint the shared server.
                    "FLUSH PRIVILEGES", "PURGE BINARY LOGS BEFORE NOW()", "KILL CONNECTION 999999999",
                    "INSTALL PLUGIN dbspec_none SONAME 'dbspec_none.so'",
                    insert, "CREATE TEMPORARY TABLE ro_tmp_" + suffix + " (id INT)", "SELECT 1 INTO OUTFILE '/tmp/ro_" + suffix + "'");
            List<String> passed = attemptAll(ro, attempts);
            assertThat(passed).as(engine + ": attempts that ran on the read-only database").isEmpty();
            assertThat(rows(run(admin, state))).as("rows (InnoDB, MyISAM), sequence, global variables, user lock").isEqualTo(before);
            assertThat(Files.exists(Path.of("/tmp/ro_" + suffix))).isFalse();

            Http.Response refused = http.post("/api/query", Map.of("database", ro, "sql", "SET @a = 1, GLOBAL max_connections = 1000"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("forbidden");
            assertThat(refused.json().path("message").asText()).contains("read-only", "GLOBAL");
            assertThat(rows(run(ro, "SELECT COUNT(*) FROM " + table))).isEqualTo("[[3]]");
        } finally {
            if (globals != null) { // put the shared server's globals back should an attempt have changed them
                JsonNode values = readRows(globals).get(0);
                attempt(admin, "SET GLOBAL max_connections = " + values.get(0).asLong() + ", GLOBAL net_read_timeout = " + values.get(1).asLong());
            }
            attempt(admin, "DROP FUNCTION IF EXISTS " + function);
            attempt(admin, "DROP TABLE IF EXISTS " + table + ", " + myisam);
            attempt(admin, "DROP SEQUENCE IF EXISTS " + sequence);
            runtime.databases().remove(admin);
            runtime.databases().remove(ro);
        }
    }

    /** MariaDB's read-only transaction alone, without the classifier, through both drivers. */
    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void mariadbReadOnlyTransactionHoldsWithoutTheClassifier(String engine) throws Exception {
        TestDatabase database = TestDatabases.require(engine);
        String admin = engine + "admin2_" + suffix;
        String ro = engine + "roe_" + suffix;
        String myisam = "ro_em_" + engine + "_" + suffix;
        String sequence = "ro_eseq_" + engine + "_" + suffix;
        String function = "ro_efx_" + engine + "_" + suffix;
        register(admin, database, database.jdbcUrl(), false);
        register(ro, database, database.jdbcUrl(), true);
        try {
            run(admin, "CREATE TABLE " + myisam + " (id INT) ENGINE=MyISAM");
            run(admin, "CREATE SEQUENCE " + sequence);
            run(admin, "CREATE FUNCTION " + function + "() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO " + myisam
                    + " VALUES (-1); RETURN 1; END");
            String state = "SELECT (SELECT COUNT(*) FROM " + myisam + "), (SELECT next_not_cached_value FROM " + sequence + ")";
            String before = rows(run(admin, state));
            String insert = "INSERT INTO " + myisam + " VALUES (1)";
            for (String sql : new String[] {insert, "SELECT " + function + "()", "SELECT NEXTVAL(" + sequence + ")",
                    "SET TRANSACTION READ WRITE; " + insert, "COMMIT; " + insert, "COMMIT; SELECT " + function + "()"}) {
                assertThat(runInReadOnlyTransaction(ro, sql)).as(sql).isPresent();
            }
            assertThat(rows(run(admin, state))).isEqualTo(before);
        } finally {
            attempt(admin, "DROP FUNCTION IF EXISTS " + function);
            attempt(admin, "DROP TABLE IF EXISTS " + myisam);
            attempt(admin, "DROP SEQUENCE IF EXISTS " + sequence);
            runtime.databases().remove(admin);
            runtime.databases().remove(ro);
        }
    }

    // ---- an engine account without write grants ---------------------------------------------------------

    /** The real guarantee: an account that may only read. Its refusal reaches the client as {@code permission}. */
    @Test
    void postgresqlAccountWithoutWriteGrantsIsReportedAsPermission() {
        TestDatabase database = TestDatabases.require("postgresql");
        String admin = "pgadmin3_" + suffix;
        String role = "ro_user_" + suffix;
        String table = "ro_p_" + suffix;
        String reader = "pgreader_" + suffix;
        register(admin, database, database.jdbcUrl(), false);
        try {
            run(admin, "CREATE TABLE " + table + " (id int)");
            run(admin, "CREATE ROLE " + role + " LOGIN PASSWORD 'pw_" + suffix + "'");
            run(admin, "GRANT SELECT ON " + table + " TO " + role);
            runtime.databases().register(reader, database.jdbcUrl(), Optional.of(role), Secret.of("pw_" + suffix), Map.of(), false);
            assertThat(rows(run(reader, "SELECT count(*) FROM " + table))).isEqualTo("[[0]]");
            assertPermission(reader, "INSERT INTO " + table + " VALUES (1)");
            Http.Response refused = http.post("/api/query", Map.of("database", reader, "sql", "DELETE FROM " + table));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("permission");
            assertThat(rows(run(admin, "SELECT count(*) FROM " + table))).isEqualTo("[[0]]");
        } finally {
            runtime.databases().remove(reader);
            attempt(admin, "DROP TABLE IF EXISTS " + table);
            attempt(admin, "DROP ROLE IF EXISTS " + role);
            runtime.databases().remove(admin);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void mariadbAccountWithoutWriteGrantsIsReportedAsPermission(String engine) {
        TestDatabase database = TestDatabases.require(engine);
        String admin = engine + "admin3_" + suffix;
        String user = "ro_" + engine.charAt(0) + suffix;
        String table = "ro_p_" + engine + "_" + suffix;
        String reader = engine + "reader_" + suffix;
        register(admin, database, database.jdbcUrl(), false);
        try {
            run(admin, "CREATE TABLE " + table + " (id INT)");
            for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
                run(admin, "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'pw_" + suffix + "'");
                run(admin, "GRANT SELECT ON " + table + " TO '" + user + "'@'" + host + "'");
            }
            runtime.databases().register(reader, database.jdbcUrl(), Optional.of(user), Secret.of("pw_" + suffix), Map.of(), false);
            assertThat(rows(run(reader, "SELECT COUNT(*) FROM " + table))).isEqualTo("[[0]]");
            assertPermission(reader, "INSERT INTO " + table + " VALUES (1)");
            Http.Response refused = http.post("/api/query", Map.of("database", reader, "sql", "DELETE FROM " + table));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("permission");
            assertThat(rows(run(admin, "SELECT COUNT(*) FROM " + table))).isEqualTo("[[0]]");
        } finally {
            runtime.databases().remove(reader);
            for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
                attempt(admin, "DROP USER IF EXISTS '" + user + "'@'" + host + "'");
            }
            attempt(admin, "DROP TABLE IF EXISTS " + table);
            runtime.databases().remove(admin);
        }
    }

    // ---- embedded engines ---------------------------------------------------------------------------

    /**
     * Embedded engines refuse writes themselves on a read-only registration, the classifier bypassed: SQLite, DuckDB
     * and H2 files opened read-only by the registration's pool, HSQLDB and Derby through {@code setReadOnly}; each
     * refusal is a {@code permission} error.
     */
    @Test
    void embeddedEnginesRefuseWritesThemselves() throws Exception {
        Path files = Files.createDirectories(dir.resolve("data").resolve("files"));
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("sqlite", "jdbc:sqlite:" + files.resolve("ro_" + suffix + ".db"));
        urls.put("duckdb", "jdbc:duckdb:" + files.resolve("ro_" + suffix + ".duckdb"));
        urls.put("h2", "jdbc:h2:" + files.resolve("ro_h2_" + suffix));
        urls.put("hsqldb", "jdbc:hsqldb:mem:ro_" + suffix);
        urls.put("derby", "jdbc:derby:memory:ro_" + suffix + ";create=true");
        for (Map.Entry<String, String> engine : urls.entrySet()) {
            String writer = engine.getKey() + "rw_" + suffix;
            String reader = engine.getKey() + "ro_" + suffix;
            register(writer, new TestDatabase(engine.getKey(), engine.getValue(), Optional.empty(), Optional.empty(), "test"),
                    engine.getValue(), false);
            run(writer, "CREATE TABLE ro_t (id INT)");
            run(writer, "INSERT INTO ro_t VALUES (1)");
            runtime.databases().remove(writer); // closes its pool: the read-only registration opens the file itself
            register(reader, new TestDatabase(engine.getKey(), engine.getValue(), Optional.empty(), Optional.empty(), "test"),
                    engine.getValue(), true);
            try {
                Optional<SQLException> refused = runInReadOnlyTransaction(reader, "INSERT INTO ro_t VALUES (2)");
                assertThat(refused).as(engine.getKey()).isPresent();
                Database database = runtime.databases().database(reader, Optional.empty());
                assertThat(database.spec().classifyError(refused.get())).as(refused.get().getMessage()).isEqualTo(ErrorCategory.PERMISSION);
                assertThat(attempt(reader, "INSERT INTO ro_t VALUES (3)")).as(engine.getKey()).isInstanceOf(RequestException.class);
                assertThat(rows(run(reader, "SELECT COUNT(*) FROM ro_t"))).as(engine.getKey()).isEqualTo("[[1]]");
            } finally {
                runtime.databases().remove(reader);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void register(String name, TestDatabase database, String url, boolean readOnly) {
        assertThat(tryRegister(name, database, url, readOnly)).as("registration of " + name).isEmpty();
    }

    /** The refusal's message, or empty when registered. */
    private Optional<String> tryRegister(String name, TestDatabase database, String url, boolean readOnly) {
        try {
            runtime.databases().register(name, url, database.user(), database.password().map(Secret::of).orElse(Secret.none()), Map.of(), readOnly);
            return Optional.empty();
        } catch (RequestException e) {
            return Optional.of(e.getMessage());
        }
    }

    private String run(String database, String sql) {
        return runtime.queries().executor().executeToString(new QueryRequest(database, Optional.empty(), sql, 1_000, Optional.empty(),
                UUID.randomUUID().toString()));
    }

    /** The failure of {@code sql}, or null when it ran. */
    private Throwable attempt(String database, String sql) {
        return catchThrowable(() -> run(database, sql));
    }

    /** The attempts that ran without an error, each with what it answered. */
    private List<String> attemptAll(String database, List<String> attempts) {
        List<String> passed = new ArrayList<>();
        for (String sql : attempts) {
            Throwable failure = catchThrowable(() -> passed.add(sql + " -> " + run(database, sql)));
            if (failure != null) {
                assertThat(failure).as(sql).isInstanceOfAny(RequestException.class, QueryFailedException.class);
            }
        }
        return passed;
    }

    private void assertPermission(String database, String sql) {
        Throwable failure = attempt(database, sql);
        assertThat(failure).as(sql).isInstanceOf(QueryFailedException.class);
        assertThat(((QueryFailedException) failure).category()).as(failure.getMessage()).isEqualTo(ErrorCategory.PERMISSION);
    }

    /** Runs {@code sql} on a connection of the read-only pool in the transaction the host opens, then rolls back: the engine's error, if any. */
    private Optional<SQLException> runInReadOnlyTransaction(String name, String sql) throws SQLException {
        Database database = runtime.databases().database(name, Optional.empty());
        ReadOnlyMode mode = ReadOnlyTransaction.mode(database);
        try (Connection connection = database.pool().getConnection()) {
            connection.setAutoCommit(false);
            try {
                ReadOnlyTransaction.begin(connection, database.spec(), mode);
                try (Statement statement = connection.createStatement()) {
                    boolean results = statement.execute(sql);
                    while (results || statement.getUpdateCount() != -1) {
                        results = statement.getMoreResults();
                    }
                }
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of(e);
            } finally {
                connection.rollback();
            }
        }
    }

    private static JsonNode readRows(String rows) {
        try {
            return JSON.readTree(rows);
        } catch (java.io.IOException e) {
            throw new AssertionError(rows, e);
        }
    }

    /** The rows of a result as compact JSON. */
    private static String rows(String result) {
        try {
            JsonNode json = JSON.readTree(result);
            return json.path("rows").toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(result, e);
        }
    }
}
