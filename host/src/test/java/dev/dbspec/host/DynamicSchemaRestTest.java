package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/query} and {@code /api/query/async} with {@code "schema"} and {@code "catalog"}, over real HTTP on
 * live PostgreSQL (schemas), MariaDB (databases are catalogs) and embedded H2 (schemas): the same unqualified query
 * reads each namespace's table, a following request without one reads the registration's default again (the pooled
 * connection was not returned changed), the result cache keeps namespaces apart, hostile names are one quoted
 * identifier, and what an engine cannot switch is a 400, never a query run elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamicSchemaRestTest {
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String TABLE = "dyn_items_" + SUFFIX;

    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
        admin = server.as(server.addUser("root", Role.ADMIN));
    }

    @AfterAll
    void stop() {
        cleanups.forEach(Runnable::run);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void postgresqlSchemas() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        String a = "dyn_a_" + SUFFIX;
        String b = "dyn_b_" + SUFFIX;
        String odd = "dyn\"; DROP TABLE public." + TABLE + "; --" + SUFFIX;
        String quotedOdd = "\"" + odd.replace("\"", "\"\"") + "\"";
        prepare(pg, List.of("CREATE SCHEMA " + a, "CREATE SCHEMA " + b, "CREATE SCHEMA " + quotedOdd,
                        "CREATE TABLE public." + TABLE + " (v VARCHAR(10))", "INSERT INTO public." + TABLE + " VALUES ('default')",
                        "CREATE TABLE " + a + "." + TABLE + " (v VARCHAR(10))", "INSERT INTO " + a + "." + TABLE + " VALUES ('a')",
                        "CREATE TABLE " + b + "." + TABLE + " (v VARCHAR(10))", "INSERT INTO " + b + "." + TABLE + " VALUES ('b')",
                        "CREATE TABLE " + quotedOdd + "." + TABLE + " (v VARCHAR(10))", "INSERT INTO " + quotedOdd + "." + TABLE + " VALUES ('odd')"),
                List.of("DROP SCHEMA " + a + " CASCADE", "DROP SCHEMA " + b + " CASCADE", "DROP SCHEMA " + quotedOdd + " CASCADE",
                        "DROP TABLE public." + TABLE));
        register("pg", pg, false);
        checkNamespaces("pg", "schema", a, b);
        assertThat(value(query("pg", "schema", odd, true))).as("a name with a quote and a semicolon is one identifier").isEqualTo("odd");
        assertThat(value(query("pg", null, null, false))).as("nothing was dropped").isEqualTo("default");
        Http.Response unknown = query("pg", "schema", "public; DROP TABLE public." + TABLE, false);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(value(query("pg", null, null, false))).isEqualTo("default");
        assertThat(value(query("pg", "catalog", pg.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1"), false))).as("its own database").isEqualTo("default");

        register("pgro", pg, true);
        assertThat(value(query("pgro", "schema", b, false))).as("a read-only registration reads another schema").isEqualTo("b");
        Http.Response write = admin.post("/api/query", Map.of("database", "pgro", "schema", b, "sql", "INSERT INTO " + TABLE + " VALUES ('x')"));
        assertThat(write.status()).as("and stays read-only: " + write.body()).isEqualTo(403);

        Http.Response submitted = admin.post("/api/query/async", Map.of("database", "pg", "schema", b, "sql", "SELECT v FROM " + TABLE));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(awaitResult(submitted.json().path("taskId").asText()).path("rows").toString()).as("async carries the schema").isEqualTo("[[\"b\"]]");
    }

    /**
     * PostgreSQL reaches another database of its server through a connection of its own ({@code catalogUrl}): the same
     * unqualified query reads the other database's table, with a schema too, and its metadata; the pooled connections stay
     * in the registration's database; names the URL cannot carry and unknown databases are refused; a read-only
     * registration stays read-only there.
     */
    @Test
    void postgresqlDatabasesAsCatalogs() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        String other = "dyn_db_" + SUFFIX;
        String table = TABLE + "_cat";
        prepare(pg, List.of("CREATE TABLE public." + table + " (v VARCHAR(10))", "INSERT INTO public." + table + " VALUES ('home')",
                "CREATE DATABASE " + other), List.of("DROP TABLE public." + table, "DROP DATABASE " + other + " WITH (FORCE)"));
        TestDatabase otherDatabase = new TestDatabase("postgresql", pg.jdbcUrl().replaceAll("/[^/?]+(\\?|$)", "/" + other + "$1"), pg.user(),
                pg.password(), "the scratch database of " + pg.source());
        execute(otherDatabase, List.of("CREATE SCHEMA s", "CREATE TABLE public." + table + " (v VARCHAR(10))",
                "INSERT INTO public." + table + " VALUES ('other')", "CREATE TABLE s." + table + " (v VARCHAR(10))",
                "INSERT INTO s." + table + " VALUES ('other.s')"));
        register("pgcat", pg, false, List.of("*"));
        Map<String, Object> body = new LinkedHashMap<>(Map.of("database", "pgcat", "sql", "SELECT v FROM " + table, "cache", false));
        assertThat(value(admin.post("/api/query", body))).isEqualTo("home");
        body.put("catalog", other);
        assertThat(value(admin.post("/api/query", body))).as("another database").isEqualTo("other");
        body.put("schema", "s");
        assertThat(value(admin.post("/api/query", body))).as("another database and schema").isEqualTo("other.s");
        body.remove("catalog");
        body.remove("schema");
        for (int round = 0; round < 6; round++) {
            assertThat(value(admin.post("/api/query", body))).as("the pool stays home, round " + round).isEqualTo("home");
        }
        JsonNode tables = admin.get("/api/databases/pgcat/tables?catalog=" + other + "&schema=s").json();
        assertThat(tables.toString()).as("metadata of the other database").contains(table);
        Http.Response hostile = admin.post("/api/query", Map.of("database", "pgcat", "catalog", other + "?options=-c", "sql", "SELECT 1"));
        assertThat(hostile.status()).as(hostile.body()).isEqualTo(400);
        Http.Response unknown = admin.post("/api/query", Map.of("database", "pgcat", "catalog", "dyn_none_" + SUFFIX, "sql", "SELECT 1"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);

        register("pgcatro", pg, true, List.of("*"));
        Http.Response write = admin.post("/api/query", Map.of("database", "pgcatro", "catalog", other, "sql", "INSERT INTO " + table + " VALUES ('x')"));
        assertThat(write.status()).as("read-only in the other database too: " + write.body()).isEqualTo(403);
        assertThat(value(admin.post("/api/query", Map.of("database", "pgcatro", "catalog", other, "sql", "SELECT COUNT(*) FROM " + table,
                "cache", false)))).isEqualTo("1");
    }

    /**
     * Other catalogs are opt-in per registration ({@code "catalogs"}): an analyst granted one PostgreSQL registration reads
     * no other database of the server with its credentials, by query or by metadata, until an admin lists it (or
     * {@code "*"}); the registration's own database is always allowed. MariaDB and MySQL take the same list for the
     * request's catalog and the metadata.
     */
    @Test
    void otherCatalogsAreOptIn() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        String other = "dyn_opt_" + SUFFIX;
        String table = TABLE + "_opt";
        prepare(pg, List.of("CREATE DATABASE " + other), List.of("DROP DATABASE " + other + " WITH (FORCE)"));
        execute(new TestDatabase("postgresql", pg.jdbcUrl().replaceAll("/[^/?]+(\\?|$)", "/" + other + "$1"), pg.user(), pg.password(),
                "the scratch database of " + pg.source()), List.of("CREATE TABLE public." + table + " (v VARCHAR(10))",
                "INSERT INTO public." + table + " VALUES ('payroll')"));
        String own = pg.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1");
        Http analyst = server.as(server.addUser("dyn_analyst_" + SUFFIX, Role.ANALYST));
        register("pgown", pg, false);
        register("pglisted", pg, false, List.of(other));
        for (String database : List.of("pgown", "pglisted")) {
            assertThat(admin.post("/api/databases/" + database + "/grants", Map.of("user", "dyn_analyst_" + SUFFIX)).status()).isEqualTo(201);
        }
        assertThat(admin.get("/api/databases/pgown").json().path("catalogs").toString()).isEqualTo("[]");
        assertThat(admin.get("/api/databases/pglisted").json().path("catalogs").toString()).isEqualTo("[\"" + other + "\"]");

        Map<String, Object> body = new LinkedHashMap<>(Map.of("database", "pgown", "catalog", other, "sql", "SELECT v FROM " + table, "cache", false));
        Http.Response refused = analyst.post("/api/query", body);
        assertThat(refused.status()).as("another database of the server: " + refused.body()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("payroll").contains("catalogs");
        Http.Response async = analyst.post("/api/query/async", body);
        assertThat(async.status()).as(async.body()).isEqualTo(403);
        Http.Response tables = analyst.get("/api/databases/pgown/tables?catalog=" + other + "&schema=public");
        assertThat(tables.status()).as(tables.body()).isEqualTo(403);
        Http.Response detail = analyst.get("/api/databases/pgown/tables/public/" + table + "?catalog=" + other);
        assertThat(detail.status()).as(detail.body()).isEqualTo(403);
        assertThat(admin.post("/api/query", body).status()).as("admins too: the registration decides").isEqualTo(403);
        assertThat(value(analyst.post("/api/query", Map.of("database", "pgown", "catalog", own, "sql", "SELECT current_database()",
                "cache", false)))).as("its own database").isEqualTo(own);

        body.put("database", "pglisted");
        assertThat(value(analyst.post("/api/query", body))).as("a listed database").isEqualTo("payroll");
        assertThat(analyst.get("/api/databases/pglisted/tables?catalog=" + other + "&schema=public").body()).contains(table);
        Http.Response unlisted = analyst.post("/api/query", Map.of("database", "pglisted", "catalog", "postgres", "sql", "SELECT 1"));
        assertThat(unlisted.status()).as(unlisted.body()).isEqualTo(403);

        TestDatabase maria = TestDatabases.require("mariadb");
        String a = "dyn_oa_" + SUFFIX;
        String b = "dyn_ob_" + SUFFIX;
        prepare(maria, List.of("CREATE DATABASE " + a, "CREATE DATABASE " + b, "CREATE TABLE " + a + "." + TABLE + " (v VARCHAR(10))",
                "INSERT INTO " + a + "." + TABLE + " VALUES ('a')", "CREATE TABLE " + b + "." + TABLE + " (v VARCHAR(10))",
                "INSERT INTO " + b + "." + TABLE + " VALUES ('b')"), List.of("DROP DATABASE " + a, "DROP DATABASE " + b));
        register("mariaown", maria, false, List.of(a));
        assertThat(value(query("mariaown", "catalog", a, false))).isEqualTo("a");
        Http.Response mariaRefused = query("mariaown", "catalog", b, false);
        assertThat(mariaRefused.status()).as(mariaRefused.body()).isEqualTo(403);
        assertThat(admin.get("/api/databases/mariaown/tables?catalog=" + b).status()).isEqualTo(403);

        for (Object bad : List.of("x", List.of(1), List.of(""), Map.of("a", "b"))) {
            Map<String, Object> registration = new LinkedHashMap<>(Map.of("name", "pgbad", "url", pg.jdbcUrl(), "catalogs", bad));
            pg.user().ifPresent(user -> registration.put("user", user));
            Http.Response invalid = admin.post("/api/databases", registration);
            assertThat(invalid.status()).as(bad + ": " + invalid.body()).isEqualTo(400);
        }
    }

    @Test
    void mariadbDatabases() throws Exception {
        TestDatabase maria = TestDatabases.require("mariadb");
        String a = "dyn_a_" + SUFFIX;
        String b = "dyn_b_" + SUFFIX;
        prepare(maria, List.of("CREATE DATABASE " + a, "CREATE DATABASE " + b,
                        "CREATE TABLE " + TABLE + " (v VARCHAR(10))", "INSERT INTO " + TABLE + " VALUES ('default')",
                        "CREATE TABLE " + a + "." + TABLE + " (v VARCHAR(10))", "INSERT INTO " + a + "." + TABLE + " VALUES ('a')",
                        "CREATE TABLE " + b + "." + TABLE + " (v VARCHAR(10))", "INSERT INTO " + b + "." + TABLE + " VALUES ('b')"),
                List.of("DROP DATABASE " + a, "DROP DATABASE " + b, "DROP TABLE " + TABLE));
        register("maria", maria, false, List.of("*"));
        checkNamespaces("maria", "catalog", a, b);
        Http.Response hostile = query("maria", "catalog", a + "`; DROP TABLE " + TABLE + "; --", false);
        assertThat(hostile.status()).as(hostile.body()).isEqualTo(400);
        assertThat(value(query("maria", null, null, false))).as("nothing was dropped").isEqualTo("default");
    }

    @Test
    void h2Schemas() throws Exception {
        embeddedSchemas("h2dyn", new TestDatabase("h2", "jdbc:h2:mem:dyn_" + SUFFIX + ";DB_CLOSE_DELAY=-1", Optional.of("sa"), Optional.of("pw"), "test"));
    }

    @Test
    void hsqldbSchemas() throws Exception {
        embeddedSchemas("hsqldyn", new TestDatabase("hsqldb", "jdbc:hsqldb:mem:dyn_" + SUFFIX, Optional.of("SA"), Optional.of(""), "test"));
    }

    @Test
    void derbySchemas() throws Exception {
        embeddedSchemas("derbydyn", new TestDatabase("derby", "jdbc:derby:memory:dyn_" + SUFFIX + ";create=true", Optional.of("app"),
                Optional.of("app"), "test"));
    }

    /** Schemas S_A and S_B, a hostile one, and the default schema, each holding the table with its own row. */
    private void embeddedSchemas(String database, TestDatabase target) throws Exception {
        String odd = "X\"; DROP TABLE " + TABLE + "; --";
        String quoted = "\"" + odd.replace("\"", "\"\"") + "\"";
        prepare(target, List.of("CREATE SCHEMA S_A", "CREATE SCHEMA S_B", "CREATE SCHEMA " + quoted,
                "CREATE TABLE " + TABLE + " (v VARCHAR(10))", "INSERT INTO " + TABLE + " VALUES ('default')",
                "CREATE TABLE S_A." + TABLE + " (v VARCHAR(10))", "INSERT INTO S_A." + TABLE + " VALUES ('a')",
                "CREATE TABLE S_B." + TABLE + " (v VARCHAR(10))", "INSERT INTO S_B." + TABLE + " VALUES ('b')",
                "CREATE TABLE " + quoted + "." + TABLE + " (v VARCHAR(10))", "INSERT INTO " + quoted + "." + TABLE + " VALUES ('odd')"), List.of());
        register(database, target, false);
        checkNamespaces(database, "schema", "S_A", "S_B");
        assertThat(value(query(database, "schema", odd, true))).as("a name with a quote and a semicolon is one identifier").isEqualTo("odd");
        assertThat(value(query(database, null, null, false))).as("nothing was dropped").isEqualTo("default");
        Http.Response unknown = query(database, "schema", "S_NONE", false);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    }

    /** Each namespace's rows, the cache kept apart per namespace, and the default again on every pooled connection. */
    private void checkNamespaces(String database, String field, String a, String b) throws Exception {
        Http.Response first = query(database, field, a, true);
        assertThat(value(first)).isEqualTo("a");
        assertThat(first.headers().firstValue("X-Dbspec-Cache")).hasValue("miss");
        Http.Response second = query(database, field, b, true);
        assertThat(value(second)).as("the same text in another namespace is not the cached answer").isEqualTo("b");
        assertThat(second.headers().firstValue("X-Dbspec-Cache")).hasValue("miss");
        Http.Response again = query(database, field, a, true);
        assertThat(value(again)).isEqualTo("a");
        assertThat(again.headers().firstValue("X-Dbspec-Cache")).hasValue("hit");
        // More requests than the pool has connections: none was returned to the pool in a or b.
        for (int i = 0; i < 12; i++) {
            assertThat(value(query(database, field, i % 2 == 0 ? a : b, false))).isEqualTo(i % 2 == 0 ? "a" : "b");
            assertThat(value(query(database, null, null, false))).as("a request without " + field + " reads the default").isEqualTo("default");
        }
    }

    private Http.Response query(String database, String field, String name, boolean cache) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("database", database);
        body.put("sql", "SELECT v FROM " + TABLE);
        body.put("cache", cache);
        if (field != null) {
            body.put(field, name);
        }
        return admin.post("/api/query", body);
    }

    private static String value(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode rows = response.json().path("rows");
        assertThat(rows.size()).as(response.body()).isEqualTo(1);
        return rows.get(0).get(0).asText();
    }

    private void register(String name, TestDatabase target, boolean readOnly) {
        register(name, target, readOnly, null);
    }

    private void register(String name, TestDatabase target, boolean readOnly, List<String> catalogs) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (catalogs != null) {
            body.put("catalogs", catalogs);
        }
        body.put("name", name);
        body.put("url", target.jdbcUrl());
        target.user().ifPresent(user -> body.put("user", user));
        target.password().ifPresent(password -> body.put("password", password));
        body.put("readOnly", readOnly);
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    private void prepare(TestDatabase target, List<String> create, List<String> drop) throws SQLException {
        execute(target, create);
        cleanups.add(() -> {
            try {
                execute(target, drop);
            } catch (Exception e) {
                // best effort
            }
        });
    }

    /** Runs statements with the server's plugin (an H2 in-memory database lives in the plugin's class loader). */
    private void execute(TestDatabase target, List<String> statements) throws SQLException {
        Properties properties = new Properties();
        target.user().ifPresent(user -> properties.setProperty("user", user));
        target.password().ifPresent(password -> properties.setProperty("password", password));
        try (Connection connection = Connections.open(server.runtime.host().registry().resolve(target.engineId()), target.jdbcUrl(),
                properties); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private JsonNode awaitResult(String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = admin.get("/api/tasks/" + taskId).json().path("state").asText();
            if (seen.equals("SUCCEEDED")) {
                Http.Response result = admin.get("/api/tasks/" + taskId + "/result");
                assertThat(result.status()).as(result.body()).isEqualTo(200);
                return result.json();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " is " + seen);
    }
}
