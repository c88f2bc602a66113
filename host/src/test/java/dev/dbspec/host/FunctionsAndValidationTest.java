package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/databases/{name}/functions} and {@code POST /api/databases/{name}/validate} over real HTTP on live
 * PostgreSQL and MariaDB and on embedded H2, SQLite and DuckDB: the engine's own function list, validation that parses
 * and plans without running (a validated DELETE leaves its rows), errors located in the user's text, the function cache
 * (embedded and Redis), and grants (another analyst's database answers 404).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionsAndValidationTest {
    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private Http ana;
    private Http eve;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(dir.resolve("data/files"));
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
        admin = server.as(server.addUser("root", Role.ADMIN));
        ana = server.as(server.addUser("ana", Role.ANALYST));
        eve = server.as(server.addUser("eve", Role.ANALYST));
    }

    @AfterAll
    void stop() {
        cleanups.forEach(Runnable::run);
        if (server != null) {
            server.close();
        }
    }

    // ---- per engine ---------------------------------------------------------------------------------

    @Test
    void postgresql() {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = register(admin, "pg", database.jdbcUrl(), database.user(), database.password());
        String table = scratchTable(name);
        assertFunctions(name, "upper", "date_trunc", "pg_sleep");
        assertValidation(name, table);
        // The server's Position, turned into line and column of the user's text (after the EXPLAIN the server saw).
        assertError(validate(ana, name, "SELECT id\nFROM " + table + "\nWHER id = 1"), 3, 6, "syntax error");
        assertError(validate(ana, name, "SELECT id,\n       no_such_column_" + suffix + "\nFROM " + table), 2, 8, "no_such_column_" + suffix);
        // What EXPLAIN cannot plan without running is never run, and says so.
        JsonNode analyze = validate(ana, name, "ANALYZE DELETE FROM " + table);
        assertThat(analyze.path("valid").asBoolean()).isFalse();
        assertThat(analyze.path("errors").get(0).path("message").asText()).contains("not validated");
        JsonNode two = validate(ana, name, "SELECT 1;\nDELETE FROM " + table);
        assertThat(two.path("valid").asBoolean()).isFalse();
        assertThat(two.path("errors").get(0).path("column").asInt()).isEqualTo(9);
        assertThat(count(name, table)).isEqualTo(3);

        // A read-only registration: listing and validation run inside its read-only transaction, and still work.
        String readOnly = "fn_pgro_" + suffix;
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", readOnly, "url", database.jdbcUrl(), "readOnly", true));
        database.user().ifPresent(u -> body.put("user", u));
        database.password().ifPresent(p -> body.put("password", p));
        assertThat(admin.post("/api/databases", body).status()).isEqualTo(201);
        assertThat(admin.post("/api/databases/" + readOnly + "/grants", Map.of("user", "ana")).status()).isEqualTo(201);
        assertThat(names(ana.get("/api/databases/" + readOnly + "/functions"))).contains("upper");
        assertThat(validate(ana, readOnly, "DELETE FROM " + table).path("valid").asBoolean()).isTrue();
        assertError(validate(ana, readOnly, "SELECT *\n  FROM no_such_table_" + suffix), 2, 8, "no_such_table_" + suffix);
        assertThat(count(name, table)).isEqualTo(3);
    }

    @Test
    void mariadb() {
        TestDatabase database = TestDatabases.require("mariadb");
        String name = register(admin, "maria", database.jdbcUrl(), database.user(), database.password());
        String table = scratchTable(name);
        assertFunctions(name, "upper", "date_format", "concat");
        assertValidation(name, table);
        // "near 'id = 1' at line 3": the line MariaDB names, the column where the quoted text starts.
        assertError(validate(ana, name, "SELECT id\nFROM " + table + "\nWHER id = 1"), 3, 6, "SQL syntax");
        // MariaDB's ANALYZE runs its statement: never through EXPLAIN; the server's PREPARE parses it without running it.
        assertThat(validate(ana, name, "ANALYZE DELETE FROM " + table).path("valid").asBoolean()).isTrue();
        assertThat(count(name, table)).isEqualTo(3);
        // Other statements go through the server's PREPARE: parsed, located, never run.
        String created = "t_created_" + suffix;
        assertThat(validate(ana, name, "CREATE TABLE " + created + " (id INT)").path("valid").asBoolean()).isTrue();
        assertThat(admin.post("/api/query", Map.of("database", name, "sql", "SELECT COUNT(*) FROM " + created, "cache", false)).status())
                .as("the validated CREATE TABLE created nothing").isEqualTo(400);
        assertError(validate(ana, name, "CREATE TABLE " + created + "\n  (id INT,\n   name VARCHAR(10) NOT NUL)"), 3, 25, "SQL syntax");
        assertThat(validate(ana, name, "DROP TABLE " + table).path("valid").asBoolean()).isTrue();
        assertThat(count(name, table)).as("the validated DROP TABLE dropped nothing").isEqualTo(3);
    }

    @Test
    void h2() {
        String name = register(admin, "h2", "jdbc:h2:mem:fn_" + suffix + ";DB_CLOSE_DELAY=-1", Optional.of("sa"), Optional.empty());
        String table = scratchTable(name);
        assertFunctions(name, "UPPER", "DATEADD");
        assertValidation(name, table);
        // Files are confined (the default): SQL that reaches the host is refused before the engine sees it, as for queries.
        Http.Response reach = ana.post("/api/databases/" + name + "/validate", Map.of("sql", "SELECT FILE_READ('/etc/passwd')"));
        assertThat(reach.status()).as(reach.body()).isEqualTo(403);
        assertThat(reach.json().path("error").asText()).isEqualTo("forbidden");
    }

    @Test
    void sqlite() {
        String name = register(admin, "sqlite", "jdbc:sqlite:" + dir.resolve("data/files/fn_" + suffix + ".db"), Optional.empty(), Optional.empty());
        String table = scratchTable(name);
        assertFunctions(name, "upper", "strftime");
        assertValidation(name, table);
    }

    @Test
    void duckdb() {
        String name = register(admin, "duck", "jdbc:duckdb:" + dir.resolve("data/files/fn_" + suffix + ".duckdb"), Optional.empty(), Optional.empty());
        String table = scratchTable(name);
        assertFunctions(name, "upper", "date_trunc");
        assertValidation(name, table);
        // Binding reads a file's header: DuckDB's sandbox (the pool's connection properties) refuses it during validation too.
        JsonNode outside = validate(ana, name, "SELECT * FROM read_csv('/etc/passwd')");
        assertThat(outside.path("valid").asBoolean()).as(outside.toString()).isFalse();
        assertThat(outside.toString()).doesNotContain("root:");
    }

    // ---- the spec's own protection, without the host's rollback ----------------------------------------

    /** With autocommit on, nothing around it rolls back: the spec itself must refuse what its EXPLAIN would run. */
    @Test
    void postgresqlValidationNeverRunsWhatItValidatesEvenWithAutocommit() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = register(admin, "pgspi", database.jdbcUrl(), database.user(), database.password());
        String table = scratchTable(name);
        assertSpecRunsNothing(name, table, List.of("ANALYZE DELETE FROM " + table, "(ANALYZE) DELETE FROM " + table,
                "(ANALYZE true) DELETE FROM " + table, "VERBOSE ANALYZE DELETE FROM " + table, "/* c */ ANALYZE DELETE FROM " + table,
                "SELECT 1; DELETE FROM " + table, "SELECT 1;\nCOMMIT;\nDELETE FROM " + table, "DELETE FROM " + table,
                "WITH d AS (DELETE FROM " + table + " RETURNING 1) SELECT * FROM d"));
    }

    @Test
    void mariadbValidationNeverRunsWhatItValidatesEvenWithAutocommit() throws Exception {
        TestDatabase database = TestDatabases.require("mariadb");
        String name = register(admin, "mariaspi", database.jdbcUrl(), database.user(), database.password());
        String table = scratchTable(name);
        assertSpecRunsNothing(name, table, List.of("ANALYZE DELETE FROM " + table, "ANALYZE FORMAT=JSON DELETE FROM " + table,
                "SELECT 1; DELETE FROM " + table, "DELETE FROM " + table, "/* c */ ANALYZE DELETE FROM " + table));
    }

    private void assertSpecRunsNothing(String name, String table, List<String> attempts) throws Exception {
        Database registered = server.runtime.databases().database(name, Optional.empty());
        for (String sql : attempts) {
            try (Connection connection = registered.pool().getConnection()) {
                connection.setAutoCommit(true);
                SqlValidation result = DbspecHost.withContextClassLoader(registered.spec().getClass().getClassLoader(),
                        () -> registered.spec().validate(connection, sql));
                assertThat(result).as(sql).isNotNull();
            }
            assertThat(count(name, table)).as("rows after validating " + sql).isEqualTo(3);
        }
    }

    @Test
    void mysqlConnectorJ() {
        TestDatabase database = TestDatabases.require("mysql");
        String name = register(admin, "mysql", database.jdbcUrl(), database.user(), database.password());
        String table = scratchTable(name);
        assertFunctions(name, "upper", "concat");
        assertValidation(name, table);
    }

    @Test
    void hsqldb() {
        String name = register(admin, "hsql", "jdbc:hsqldb:mem:fn_" + suffix, Optional.of("SA"), Optional.empty());
        String table = scratchTable(name);
        assertFunctions(name, "UCASE", "TO_CHAR"); // HSQLDB lists its built-ins by their JDBC names (no UPPER)
        assertValidation(name, table);
    }

    @Test
    void derby() {
        String name = register(admin, "derby", "jdbc:derby:memory:fn_" + suffix + ";create=true", Optional.empty(), Optional.empty());
        String table = scratchTable(name);
        assertFunctions(name, "UCASE");
        assertValidation(name, table);
    }

    // ---- cache -------------------------------------------------------------------------------------

    @Test
    void functionNamesAreCachedUntilRefreshedInTheEmbeddedCache() {
        assertCacheWorks(admin, "emb");
    }

    @Test
    void functionNamesAreCachedUntilRefreshedInRedis() {
        LocalServices.requireRedis();
        try (SecuredServer redis = SecuredServer.start(SecuredServer.plugins(dir.resolve("redis")),
                DbspecConfig.defaults().with("data.dir", dir.resolve("redis-data")).with("cache", LocalServices.REDIS))) {
            assertThat(redis.runtime.redis()).isPresent();
            assertCacheWorks(redis.as(redis.addUser("root", Role.ADMIN)), "red");
        }
    }

    /** A function created after the first listing appears only with {@code ?refresh=true}: the names came from the cache. */
    private void assertCacheWorks(Http root, String tag) {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = register(root, tag, database.jdbcUrl(), database.user(), database.password());
        String function = "dbspec_fn_" + tag + "_" + suffix;
        Http.Response first = root.get("/api/databases/" + name + "/functions");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Dbspec-Cache")).hasValue("miss");
        query(root, name, "CREATE FUNCTION " + function + "() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        try {
            Http.Response second = root.get("/api/databases/" + name + "/functions");
            assertThat(second.headers().firstValue("X-Dbspec-Cache")).hasValue("hit");
            assertThat(names(second)).doesNotContain(function).containsAll(names(first));
            Http.Response refreshed = root.get("/api/databases/" + name + "/functions?refresh=true");
            assertThat(refreshed.headers().firstValue("X-Dbspec-Cache")).hasValue("miss");
            assertThat(names(refreshed)).contains(function);
            Http.Response afterRefresh = root.get("/api/databases/" + name + "/functions");
            assertThat(afterRefresh.headers().firstValue("X-Dbspec-Cache")).hasValue("hit");
            assertThat(names(afterRefresh)).as("the refresh replaced the cached names").contains(function);
        } finally {
            query(root, name, "DROP FUNCTION IF EXISTS " + function + "()");
        }
        assertThat(root.get("/api/databases/" + name + "/functions?refresh=maybe").status()).isEqualTo(400);
    }

    // ---- bad input and grants -------------------------------------------------------------------------

    @Test
    void badInputIsATypedErrorAndUngrantedDatabasesAre404() {
        String name = register(admin, "bad", "jdbc:h2:mem:bad_" + suffix + ";DB_CLOSE_DELAY=-1", Optional.of("sa"), Optional.empty());
        Http.Response empty = ana.post("/api/databases/" + name + "/validate", Map.of("sql", "  "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(ana.post("/api/databases/" + name + "/validate", Map.of("sql", 42)).status()).isEqualTo(400);
        assertThat(ana.post("/api/databases/" + name + "/validate", Map.of()).status()).isEqualTo(400);
        assertThat(ana.send("POST", "/api/databases/" + name + "/validate", "{\"sql\":\"SELECT 1\"}", "text/plain").status()).isEqualTo(415);
        assertThat(ana.get("/api/databases/" + name + "/functions?colour=red").status()).isEqualTo(400);

        Http.Response unknown = eve.get("/api/databases/no-such-" + suffix + "/functions");
        Http.Response functions = eve.get("/api/databases/" + name + "/functions");
        Http.Response validation = eve.post("/api/databases/" + name + "/validate", Map.of("sql", "SELECT 1"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(functions.status()).as(functions.body()).isEqualTo(404);
        assertThat(validation.status()).as(validation.body()).isEqualTo(404);
        assertThat(functions.json().path("message").asText()).isEqualTo(unknown.json().path("message").asText().replace("no-such-" + suffix, name));
        assertThat(ana.get("/api/databases/" + name + "/functions").status()).as("granted to ana").isEqualTo(200);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void assertFunctions(String name, String... expected) {
        Http.Response response = ana.get("/api/databases/" + name + "/functions");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = names(response);
        assertThat(names).as("sorted and distinct").isEqualTo(List.copyOf(new TreeSet<>(names)));
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        for (String function : expected) {
            assertThat(lower).as(name + " lists " + function).contains(function.toLowerCase(Locale.ROOT));
        }
    }

    /** A good query is valid, a missing table is reported, a syntax error is located, and a validated DELETE deletes nothing. */
    private void assertValidation(String name, String table) {
        JsonNode good = validate(ana, name, "SELECT id FROM " + table + " WHERE id > 1");
        assertThat(good.path("valid").asBoolean()).as(good.toString()).isTrue();
        assertThat(good.path("errors").size()).isZero();
        JsonNode missing = validate(ana, name, "SELECT * FROM no_such_table_" + suffix);
        assertThat(missing.path("valid").asBoolean()).as(missing.toString()).isFalse();
        assertThat(missing.path("errors").get(0).path("message").asText().toLowerCase(Locale.ROOT)).contains("no_such_table_" + suffix);
        JsonNode syntax = validate(ana, name, "SELECT id\nFROM " + table + "\nWHERE id = = 1");
        assertThat(syntax.path("valid").asBoolean()).as(syntax.toString()).isFalse();
        assertThat(syntax.path("errors").get(0).path("line").asInt()).isBetween(1, 3);
        assertThat(syntax.path("errors").get(0).path("column").asInt()).isPositive();
        JsonNode delete = validate(ana, name, "DELETE FROM " + table + " WHERE id > 0");
        assertThat(delete.path("valid").asBoolean()).as(delete.toString()).isTrue();
        assertThat(count(name, table)).as("the validated DELETE ran on nothing").isEqualTo(3);
    }

    private static void assertError(JsonNode result, int line, int column, String message) {
        assertThat(result.path("valid").asBoolean()).as(result.toString()).isFalse();
        JsonNode error = result.path("errors").get(0);
        assertThat(error.path("message").asText()).as(result.toString()).contains(message);
        assertThat(error.path("line").asInt()).as(result.toString()).isEqualTo(line);
        assertThat(error.path("column").asInt()).as(result.toString()).isEqualTo(column);
    }

    private JsonNode validate(Http http, String name, String sql) {
        Http.Response response = http.post("/api/databases/" + name + "/validate", Map.of("sql", sql));
        assertThat(response.status()).as(sql + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> names(Http.Response response) {
        List<String> names = new ArrayList<>();
        response.json().path("functions").forEach(node -> names.add(node.asText()));
        return names;
    }

    /** Registers a database (admin), grants it to ana, and removes it after the class. */
    private String register(Http root, String tag, String url, Optional<String> user, Optional<String> password) {
        String name = "fn_" + tag + "_" + suffix;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        user.ifPresent(u -> body.put("user", u));
        password.ifPresent(p -> body.put("password", p));
        Http.Response created = root.post("/api/databases", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        if (root == admin) {
            assertThat(admin.post("/api/databases/" + name + "/grants", Map.of("user", "ana")).status()).isEqualTo(201);
        }
        return name;
    }

    /** A table of three rows, dropped after the class. */
    private String scratchTable(String name) {
        String table = "t_" + name;
        query(admin, name, "CREATE TABLE " + table + " (id INTEGER)");
        cleanups.add(() -> query(admin, name, "DROP TABLE " + table));
        query(admin, name, "INSERT INTO " + table + " VALUES (1), (2), (3)");
        assertThat(count(name, table)).isEqualTo(3);
        return table;
    }

    private long count(String name, String table) {
        // never from the result cache: the rows as they are now
        Http.Response response = admin.post("/api/query", Map.of("database", name, "sql", "SELECT COUNT(*) AS n FROM " + table, "cache", false));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("rows").get(0).get(0).asLong();
    }

    private static void query(Http http, String name, String sql) {
        Http.Response response = http.post("/api/query", Map.of("database", name, "sql", sql));
        assertThat(response.status()).as(sql + ": " + response.body()).isEqualTo(200);
    }
}
