package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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

/**
 * {@code POST /api/databases/{name}/estimate} over real HTTP on live PostgreSQL and MariaDB and on embedded DuckDB and SQLite: the
 * planner's rows and cost for a SELECT (Derby's from XPLAIN's explain-only mode), an estimated DELETE that deletes nothing,
 * 422 {@code not_supported} for an engine that does not claim {@link dev.dbspec.api.Capability#COST_ESTIMATION} (a test
 * plugin speaking H2), H2's plan-only estimate, and grants
 * (another analyst's database answers 404).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EstimateTest {
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
        Path plugins = SecuredServer.plugins(dir);
        // "noestimate" speaks H2 (driver in drivers/) and claims no cost estimation: every built-in live engine does.
        Path folder = Files.createDirectories(plugins.resolve("noestimate"));
        TestPluginJars.plugin("noestimate")
                .source("dev.test.noestimate.Spec", """
                        package dev.test.noestimate;
                        import dev.dbspec.api.*;
                        import java.util.*;
                        @org.pf4j.Extension
                        public final class Spec implements EngineSpec {
                            public String id() { return "noestimate"; }
                            public String displayName() { return "No estimate"; }
                            public List<String> urlPrefixes() { return List.of("jdbc:noestimate:"); }
                            public String urlTemplate() { return "jdbc:noestimate:mem:{database}"; }
                            public String driverUrl(String url) { return url.replace("jdbc:noestimate:", "jdbc:h2:"); }
                            public String driverClassName() { return "org.h2.Driver"; }
                            public Map<TimeGrain, String> timeGrainExpressions() { return Map.of(); }
                        }
                        """)
                .extension("dev.test.noestimate.Spec")
                .writeTo(folder);
        Files.createDirectories(folder.resolve("drivers"));
        try (java.util.stream.Stream<Path> jars = Files.list(plugins.resolve("h2").resolve("lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, folder.resolve("drivers").resolve(jar.getFileName()));
            }
        }
        server = SecuredServer.start(plugins, DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
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

    @Test
    void postgresql() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = register("pg", database.jdbcUrl(), database.user(), database.password());
        String table = scratchTable(name);
        JsonNode select = single(name, "SELECT id FROM " + table + " WHERE id > 1");
        assertThat(select.path("rows").asDouble()).as(select.toString()).isPositive();
        assertThat(select.path("cost").asDouble()).as(select.toString()).isPositive();
        assertThat(select.path("plan").asText()).contains("Seq Scan").contains(table);
        assertEstimatedDeleteDeletesNothing(name, table);
        // What EXPLAIN would run is refused before the engine sees it: a typed error, the rows stay.
        for (String sql : List.of("ANALYZE DELETE FROM " + table, "SELECT 1; DELETE FROM " + table)) {
            Http.Response refused = ana.post("/api/databases/" + name + "/estimate", Map.of("sql", sql));
            assertThat(refused.status()).as(sql + ": " + refused.body()).isBetween(400, 499);
            assertThat(refused.json().path("error").isTextual()).isTrue();
        }
        assertThat(count(name, table)).isEqualTo(3);
        // The spec's own protection, with autocommit on and nothing around it to roll back.
        assertSpecRunsNothing(name, table, List.of("SELECT 1; DELETE FROM " + table, "SELECT 1;\nCOMMIT;\nDELETE FROM " + table,
                "ANALYZE DELETE FROM " + table, "(ANALYZE) DELETE FROM " + table));
    }

    @Test
    void mariadb() throws Exception {
        TestDatabase database = TestDatabases.require("mariadb");
        String name = register("maria", database.jdbcUrl(), database.user(), database.password());
        String table = scratchTable(name);
        JsonNode select = single(name, "SELECT id FROM " + table + " WHERE id > 1");
        assertThat(select.path("rows").asDouble()).as(select.toString()).isPositive();
        assertThat(select.path("cost").asDouble()).as(select.toString()).isPositive();
        assertThat(select.path("plan").asText()).contains("query_block").contains(table);
        JsonNode delete = assertEstimatedDeleteDeletesNothing(name, table);
        assertThat(delete.path("rows").asDouble()).as(delete.toString()).isPositive();
        assertSpecRunsNothing(name, table, List.of("SELECT 1; DELETE FROM " + table, "ANALYZE DELETE FROM " + table,
                "ANALYZE FORMAT=JSON DELETE FROM " + table));
    }

    @Test
    void duckdb() {
        String name = register("duck", "jdbc:duckdb:" + dir.resolve("data/files/est_" + suffix + ".duckdb"), Optional.empty(), Optional.empty());
        String table = scratchTable(name);
        JsonNode select = single(name, "SELECT id FROM " + table + " WHERE id > 1");
        assertThat(select.path("plan").asText()).as(select.toString()).containsIgnoringCase("scan");
        assertThat(select.path("rows").isNumber()).as("the estimated cardinality: " + select).isTrue();
        assertThat(select.path("rows").asDouble()).as(select.toString()).isPositive();
        assertThat(select.has("cost") && select.path("cost").isNull()).as("DuckDB gives no cost: " + select).isTrue();
        assertEstimatedDeleteDeletesNothing(name, table);
    }

    @Test
    void sqlite() {
        String name = register("sqlite", "jdbc:sqlite:" + dir.resolve("data/files/est_" + suffix + ".db"), Optional.empty(), Optional.empty());
        String table = scratchTable(name);
        JsonNode select = single(name, "SELECT id FROM " + table + " WHERE id > 1");
        assertThat(select.path("plan").asText()).as(select.toString()).contains("SCAN").contains(table);
        assertThat(select.path("rows").isNull() && select.path("cost").isNull()).as("SQLite gives the plan only: " + select).isTrue();
        assertEstimatedDeleteDeletesNothing(name, table);
    }

    /** Derby: XPLAIN's explain-only mode gives rows and cost; an estimated DELETE deletes nothing. */
    @Test
    void derby() {
        String name = register("derby", "jdbc:derby:memory:est_" + suffix + ";create=true", Optional.empty(), Optional.empty());
        String table = scratchTable(name);
        JsonNode select = single(name, "SELECT id FROM " + table + " WHERE id > 1");
        assertThat(select.path("rows").asDouble()).as(select.toString()).isPositive();
        assertThat(select.path("cost").asDouble()).as(select.toString()).isPositive();
        assertThat(select.path("plan").asText()).contains("TABLESCAN").containsIgnoringCase(table);
        assertEstimatedDeleteDeletesNothing(name, table);
    }

    @Test
    void anEngineWithoutEstimationAnswers422AndUngrantedDatabasesAre404() {
        String none = register("none", "jdbc:noestimate:mem:est_" + suffix, Optional.empty(), Optional.empty());
        Http.Response unsupported = ana.post("/api/databases/" + none + "/estimate", Map.of("sql", "SELECT 1"));
        assertThat(unsupported.status()).as(unsupported.body()).isEqualTo(422);
        assertThat(unsupported.json().path("error").asText()).isEqualTo("not_supported");
        String name = register("h2", "jdbc:h2:mem:est_" + suffix + ";DB_CLOSE_DELAY=-1", Optional.of("sa"), Optional.empty());
        JsonNode h2 = single(name, "SELECT 1");
        assertThat(h2.path("plan").asText()).as("H2's EXPLAIN gives the plan only: " + h2).isNotBlank();
        assertThat(h2.path("rows").isNull() && h2.path("cost").isNull()).as(h2.toString()).isTrue();
        assertThat(ana.post("/api/databases/" + name + "/estimate", Map.of("sql", " ")).status()).isEqualTo(400);

        Http.Response unknown = eve.post("/api/databases/no-such-" + suffix + "/estimate", Map.of("sql", "SELECT 1"));
        Http.Response ungranted = eve.post("/api/databases/" + name + "/estimate", Map.of("sql", "SELECT 1"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(ungranted.status()).as(ungranted.body()).isEqualTo(404);
        assertThat(ungranted.json().path("message").asText()).isEqualTo(unknown.json().path("message").asText().replace("no-such-" + suffix, name));
        // Files are confined (the default): SQL that reaches the host is refused before the engine sees it, as for queries.
        Http.Response reach = ana.post("/api/databases/" + name + "/estimate", Map.of("sql", "SELECT FILE_READ('/etc/passwd')"));
        assertThat(reach.status()).as(reach.body()).isEqualTo(403);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private JsonNode assertEstimatedDeleteDeletesNothing(String name, String table) {
        JsonNode delete = single(name, "DELETE FROM " + table + " WHERE id > 0");
        assertThat(delete.path("plan").asText()).isNotEmpty();
        assertThat(count(name, table)).as("the estimated DELETE ran on nothing").isEqualTo(3);
        return delete;
    }

    /** Each attempt is refused by the spec (or planned only) and no row goes, with autocommit on. */
    private void assertSpecRunsNothing(String name, String table, List<String> attempts) throws Exception {
        Database registered = server.runtime.databases().database(name, Optional.empty());
        for (String sql : attempts) {
            try (Connection connection = registered.pool().getConnection()) {
                connection.setAutoCommit(true);
                assertThatThrownBy(() -> DbspecHost.withContextClassLoader(registered.spec().getClass().getClassLoader(),
                        () -> registered.spec().estimate(connection, sql))).as(sql).isInstanceOf(SQLException.class);
            }
            assertThat(count(name, table)).as("rows after estimating " + sql).isEqualTo(3);
        }
    }

    private JsonNode single(String name, String sql) {
        Http.Response response = ana.post("/api/databases/" + name + "/estimate", Map.of("sql", sql));
        assertThat(response.status()).as(sql + ": " + response.body()).isEqualTo(200);
        JsonNode statements = response.json().path("statements");
        assertThat(statements.size()).as(response.body()).isEqualTo(1);
        return statements.get(0);
    }

    /** Registers a database (admin), grants it to ana, and removes it after the class. */
    private String register(String tag, String url, Optional<String> user, Optional<String> password) {
        String name = "est_" + tag + "_" + suffix;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        user.ifPresent(u -> body.put("user", u));
        password.ifPresent(p -> body.put("password", p));
        Http.Response created = admin.post("/api/databases", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/databases/" + name + "/grants", Map.of("user", "ana")).status()).isEqualTo(201);
        return name;
    }

    /** A table of three rows, dropped after the class. */
    private String scratchTable(String name) {
        String table = "t_" + name;
        query(name, "CREATE TABLE " + table + " (id INTEGER)");
        cleanups.add(() -> query(name, "DROP TABLE " + table));
        query(name, "INSERT INTO " + table + " VALUES (1), (2), (3)");
        assertThat(count(name, table)).isEqualTo(3);
        return table;
    }

    private long count(String name, String table) {
        Http.Response response = admin.post("/api/query", Map.of("database", name, "sql", "SELECT COUNT(*) AS n FROM " + table, "cache", false));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("rows").get(0).get(0).asLong();
    }

    private void query(String name, String sql) {
        Http.Response response = admin.post("/api/query", Map.of("database", name, "sql", sql));
        assertThat(response.status()).as(sql + ": " + response.body()).isEqualTo(200);
    }
}
