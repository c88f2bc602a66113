package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
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
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata routes over real HTTP on live PostgreSQL and MariaDB and embedded SQLite and H2: each lists
 * the scratch objects the test created (a table with a primary key, an index, a comment and a default, and
 * a view), maps native types to generic ones, gives a {@code selectStar} that runs, answers the second call
 * from the cache until {@code refresh=true}, and answers 404 to an analyst without a grant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataRestTest {
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private Http ana;
    private Http bob;
    private final List<Runnable> cleanups = new ArrayList<>();

    /**
     * One engine's scratch objects.
     *
     * @param schema     the schema segment of the detail path
     * @param listing    the query string that lists the scratch tables
     * @param upper      whether the engine stores unquoted names in upper case
     */
    private record Case(String database, TestDatabase target, String schema, String listing, boolean upper, boolean comments,
                        List<String> create, List<String> drop) {
        String name(String lower) {
            return upper ? lower.toUpperCase(java.util.Locale.ROOT) : lower;
        }
    }

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data"))
                .with("files.dir", dir.resolve("files")));
        admin = server.as(server.addUser("root", Role.ADMIN));
        ana = server.as(server.addUser("ana", Role.ANALYST));
        bob = server.as(server.addUser("bob", Role.ANALYST));
    }

    @AfterAll
    void stop() {
        cleanups.forEach(Runnable::run);
        if (server != null) {
            server.close();
        }
    }

    private Case postgresql() {
        String schema = "meta_" + SUFFIX;
        return new Case("pg", TestDatabases.require("postgresql"), schema, "?schema=" + schema, false, true,
                List.of("CREATE SCHEMA " + schema,
                        "CREATE TABLE " + schema + ".orders (id INTEGER PRIMARY KEY, placed DATE NOT NULL, note VARCHAR(20) DEFAULT 'none')",
                        "CREATE INDEX orders_placed ON " + schema + ".orders (placed)",
                        "COMMENT ON TABLE " + schema + ".orders IS 'the orders'",
                        "CREATE VIEW " + schema + ".recent AS SELECT id FROM " + schema + ".orders",
                        "INSERT INTO " + schema + ".orders (id, placed) VALUES (1, DATE '2024-01-01'), (2, DATE '2024-01-02')"),
                List.of("DROP SCHEMA " + schema + " CASCADE"));
    }

    private Case mariadb() {
        String database = "meta_" + SUFFIX;
        return new Case("maria", TestDatabases.require("mariadb"), database, "?catalog=" + database, false, true,
                List.of("CREATE DATABASE " + database,
                        "CREATE TABLE " + database + ".orders (id INTEGER PRIMARY KEY, placed DATE NOT NULL, note VARCHAR(20) DEFAULT 'none')"
                                + " COMMENT = 'the orders'",
                        "CREATE INDEX orders_placed ON " + database + ".orders (placed)",
                        "CREATE VIEW " + database + ".recent AS SELECT id FROM " + database + ".orders",
                        "INSERT INTO " + database + ".orders (id, placed) VALUES (1, DATE '2024-01-01'), (2, DATE '2024-01-02')"),
                List.of("DROP DATABASE " + database));
    }

    private Case sqlite() {
        Path file = dir.resolve("files").resolve("meta.db");
        return new Case("lite", new TestDatabase("sqlite", "jdbc:sqlite:" + file, Optional.empty(), Optional.empty(), "test"),
                "main", "?schema=main", false, false,
                // SQLite lets an INTEGER PRIMARY KEY take NULL (it then picks the rowid): NOT NULL says otherwise
                List.of("CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY, placed DATE NOT NULL, note VARCHAR(20) DEFAULT 'none')",
                        "CREATE INDEX orders_placed ON orders (placed)",
                        "CREATE VIEW recent AS SELECT id FROM orders",
                        "INSERT INTO orders (id, placed) VALUES (1, '2024-01-01'), (2, '2024-01-02')"),
                List.of());
    }

    private Case h2() {
        String url = "jdbc:h2:mem:meta_" + SUFFIX + ";DB_CLOSE_DELAY=-1";
        return new Case("h2db", new TestDatabase("h2", url, Optional.of("sa"), Optional.of("pw"), "test"), "META", "?schema=META", true, true,
                List.of("CREATE SCHEMA meta",
                        "CREATE TABLE meta.orders (id INTEGER PRIMARY KEY, placed DATE NOT NULL, note VARCHAR(20) DEFAULT 'none')",
                        "CREATE INDEX orders_placed ON meta.orders (placed)",
                        "COMMENT ON TABLE meta.orders IS 'the orders'",
                        "CREATE VIEW meta.recent AS SELECT id FROM meta.orders",
                        "INSERT INTO meta.orders (id, placed) VALUES (1, DATE '2024-01-01'), (2, DATE '2024-01-02')"),
                List.of("DROP ALL OBJECTS"));
    }

    @Test
    void postgresqlMetadata() throws Exception {
        Case pg = prepare(postgresql());
        assertThat(texts(admin.get("/api/databases/pg/schemas").json())).contains(pg.schema(), "public");
        assertThat(texts(admin.get("/api/databases/pg/catalogs").json())).contains("test");
        checkEngine(pg);
    }

    @Test
    void mariadbMetadata() throws Exception {
        Case maria = prepare(mariadb());
        assertThat(texts(admin.get("/api/databases/maria/catalogs").json())).contains(maria.schema(), "test");
        assertThat(texts(admin.get("/api/databases/maria/schemas").json())).as("databases are catalogs").isEmpty();
        checkEngine(maria);
    }

    @Test
    void sqliteMetadata() throws Exception {
        Case lite = prepare(sqlite());
        assertThat(texts(admin.get("/api/databases/lite/schemas").json())).as("SQLite has no schemas").isEmpty();
        assertThat(texts(admin.get("/api/databases/lite/catalogs").json())).as("nor catalogs").isEmpty();
        checkEngine(lite);
    }

    @Test
    void h2Metadata() throws Exception {
        Case h2 = prepare(h2());
        assertThat(texts(admin.get("/api/databases/h2db/schemas").json())).contains("META", "PUBLIC");
        JsonNode unquoted = admin.get("/api/databases/h2db/tables/meta/orders").json();
        assertThat(unquoted.path("name").asText()).as("names as SQL resolves them unquoted").isEqualTo("ORDERS");
        assertThat(unquoted.path("selectStar").asText()).contains("FROM \"META\".\"ORDERS\"");
        assertThat(texts(admin.get("/api/databases/h2db/catalogs").json())).containsExactly("META_" + SUFFIX.toUpperCase(java.util.Locale.ROOT));
        checkEngine(h2);
    }

    /** An analyst without a grant learns nothing, not even that the database exists; with one, they read it. */
    @Test
    void analystsReadOnlyGrantedDatabases() throws Exception {
        Case h2 = prepare(new Case("h2grant", new TestDatabase("h2", "jdbc:h2:mem:metagrant_" + SUFFIX + ";DB_CLOSE_DELAY=-1",
                Optional.of("sa"), Optional.of("pw"), "test"), "META", "?schema=META", true, true,
                List.of("CREATE SCHEMA meta", "CREATE TABLE meta.orders (id INTEGER PRIMARY KEY)"), List.of()));
        assertThat(admin.post("/api/databases/h2grant/grants", Map.of("user", "ana")).status()).isEqualTo(201);
        List<String> paths = List.of("/catalogs", "/schemas", "/tables?schema=META", "/tables/META/ORDERS");
        for (String path : paths) {
            Http.Response refused = bob.get("/api/databases/h2grant" + path);
            assertThat(refused.status()).as(path + " " + refused.body()).isEqualTo(404);
            assertThat(refused.body()).doesNotContain("ORDERS");
            assertThat(bob.get("/api/databases/no-such-db" + path).body()).as("the same answer as an unknown name")
                    .isEqualTo(refused.body().replace("h2grant", "no-such-db"));
            Http.Response granted = ana.get("/api/databases/h2grant" + path);
            assertThat(granted.status()).as(path + " " + granted.body()).isEqualTo(200);
        }
        assertThat(ana.get("/api/databases/h2grant/tables?schema=META").json().findValuesAsText("name")).containsExactly("ORDERS");
        assertThat(h2.database()).isEqualTo("h2grant");
    }

    /**
     * Names are data: a table whose name holds the engine's quote, a space and a semicolon is found by its exact
     * name (not as a LIKE pattern: {@code ORD_RS} does not answer for {@code ORDXRS}) and its selectStar quotes
     * it so that it runs as one identifier.
     */
    @Test
    void oddNamesAreMatchedExactlyAndQuoted() throws Exception {
        prepare(new Case("h2odd", new TestDatabase("h2", "jdbc:h2:mem:metaodd_" + SUFFIX + ";DB_CLOSE_DELAY=-1",
                Optional.of("sa"), Optional.of("pw"), "test"), "ODD", "?schema=ODD", true, true,
                List.of("CREATE SCHEMA odd", "CREATE TABLE odd.\"x\"\"; DROP TABLE odd.ordxrs; --\" (\"a\"\"b\" INTEGER)",
                        "INSERT INTO odd.\"x\"\"; DROP TABLE odd.ordxrs; --\" VALUES (7)",
                        "CREATE TABLE odd.ordxrs (id INTEGER)"), List.of()));
        String odd = "x\"; DROP TABLE odd.ordxrs; --";
        Http.Response detail = admin.get("/api/databases/h2odd/tables/ODD/" + java.net.URLEncoder.encode(odd, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"));
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        String selectStar = detail.json().path("selectStar").asText();
        assertThat(selectStar).isEqualTo("SELECT \"a\"\"b\" FROM \"ODD\".\"x\"\"; DROP TABLE odd.ordxrs; --\" LIMIT 100");
        Http.Response rows = admin.post("/api/query", Map.of("database", "h2odd", "sql", selectStar));
        assertThat(rows.json().path("rows").toString()).as(rows.body()).isEqualTo("[[7]]");
        assertThat(admin.get("/api/databases/h2odd/tables?schema=ODD&refresh=true").json().findValuesAsText("name"))
                .as("nothing was dropped").containsExactlyInAnyOrder(odd, "ORDXRS");
        assertThat(admin.get("/api/databases/h2odd/tables/ODD/ORD_RS").status()).as("_ is no wildcard").isEqualTo(404);
        assertThat(admin.get("/api/databases/h2odd/tables/OD_/ORDXRS").status()).as("nor in the schema").isEqualTo(404);
    }

    /** Cached answers belong to a registration: a database removed and registered again under its name is read afresh. */
    @Test
    void aDatabaseRegisteredAgainIsNotAnsweredFromTheOldRegistrationsCache() throws Exception {
        for (String table : List.of("alpha", "beta")) {
            if (table.equals("beta")) {
                assertThat(admin.delete("/api/databases/h2again").status()).isIn(200, 204);
            }
            prepare(new Case("h2again", new TestDatabase("h2", "jdbc:h2:mem:meta" + table + "_" + SUFFIX + ";DB_CLOSE_DELAY=-1",
                    Optional.of("sa"), Optional.of("pw"), "test"), "PUBLIC", "?schema=PUBLIC", true, true,
                    List.of("CREATE TABLE " + table + " (id INTEGER)"), List.of()));
            assertThat(admin.get("/api/databases/h2again/tables?schema=PUBLIC").json().findValuesAsText("name"))
                    .containsExactly(table.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** With Redis as the host cache, the second call is answered from it and refresh=true reads the engine again. */
    @Test
    void metadataIsCachedInRedis() throws Exception {
        LocalServices.requireRedis();
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        try (SecuredServer redisServer = SecuredServer.start(SecuredServer.plugins(redisDir), DbspecConfig.defaults()
                .with("data.dir", redisDir.resolve("data")).with("cache", LocalServices.REDIS))) {
            assertThat(redisServer.runtime.redis()).isPresent();
            Http root = redisServer.as(redisServer.addUser("root", Role.ADMIN));
            String url = "jdbc:h2:mem:metaredis_" + SUFFIX + ";DB_CLOSE_DELAY=-1";
            TestDatabase h2 = new TestDatabase("h2", url, Optional.of("sa"), Optional.of("pw"), "test");
            Case c = new Case("h2redis", h2, "PUBLIC", "?schema=PUBLIC", true, true, List.of("CREATE TABLE first_table (id INTEGER)"), List.of());
            execute(redisServer, c, c.create());
            assertThat(root.post("/api/databases", Map.of("name", "h2redis", "url", url, "user", "sa", "password", "pw")).status()).isEqualTo(201);
            assertThat(root.get("/api/databases/h2redis/tables?schema=PUBLIC").json().findValuesAsText("name")).containsExactly("FIRST_TABLE");
            execute(redisServer, c, List.of("CREATE TABLE later_table (id INTEGER)"));
            assertThat(root.get("/api/databases/h2redis/tables?schema=PUBLIC").json().findValuesAsText("name")).as("from Redis")
                    .containsExactly("FIRST_TABLE");
            assertThat(root.get("/api/databases/h2redis/tables?schema=PUBLIC&refresh=true").json().findValuesAsText("name"))
                    .containsExactly("FIRST_TABLE", "LATER_TABLE");
        }
    }

    /** A metadata read takes one of the user's places (it borrows a pooled connection): a user with none left gets 429. */
    @Test
    void metadataReadsCountAgainstTheUsersConcurrencyLimit() throws Exception {
        prepare(new Case("h2busy", new TestDatabase("h2", "jdbc:h2:mem:metabusy_" + SUFFIX + ";DB_CLOSE_DELAY=-1",
                Optional.of("sa"), Optional.of("pw"), "test"), "PUBLIC", "?schema=PUBLIC", true, true, List.of(), List.of()));
        int places = server.runtime.config().maxConcurrentPerUser();
        List<AutoCloseable> held = new ArrayList<>();
        try {
            for (int i = 0; i < places; i++) {
                held.add(server.runtime.queryLimiter().acquire("root"));
            }
            Http.Response busy = admin.get("/api/databases/h2busy/tables?schema=PUBLIC");
            assertThat(busy.status()).as(busy.body()).isEqualTo(429);
            assertThat(busy.json().path("error").asText()).isEqualTo("too_many_requests");
        } finally {
            for (AutoCloseable permit : held) {
                permit.close();
            }
        }
        assertThat(admin.get("/api/databases/h2busy/tables?schema=PUBLIC").status()).isEqualTo(200);
    }

    @Test
    void badRequestsGetTypedErrors() throws Exception {
        prepare(new Case("h2bad", new TestDatabase("h2", "jdbc:h2:mem:metabad_" + SUFFIX + ";DB_CLOSE_DELAY=-1",
                Optional.of("sa"), Optional.of("pw"), "test"), "PUBLIC", "?schema=PUBLIC", true, true, List.of(), List.of()));
        Http.Response missing = admin.get("/api/databases/h2bad/tables/PUBLIC/NO_SUCH_TABLE");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("not_found");
        Http.Response noSchema = admin.get("/api/databases/h2bad/tables");
        assertThat(noSchema.status()).isEqualTo(400);
        assertThat(noSchema.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(admin.get("/api/databases/h2bad/catalogs?refresh=maybe").status()).isEqualTo(400);
    }

    private void checkEngine(Case c) throws Exception {
        String base = "/api/databases/" + c.database();
        String orders = c.name("orders");
        String recent = c.name("recent");

        Http.Response listed = admin.get(base + "/tables" + c.listing());
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        Map<String, String> types = new LinkedHashMap<>();
        listed.json().forEach(table -> types.put(table.path("name").asText(), table.path("type").asText()));
        assertThat(types).as(listed.body()).isEqualTo(Map.of(orders, "table", recent, "view"));
        JsonNode ordersEntry = find(listed.json(), orders);
        if (c.comments()) {
            assertThat(ordersEntry.path("comment").asText()).isEqualTo("the orders");
        } else {
            assertThat(ordersEntry.path("comment").isNull()).isTrue();
        }

        Http.Response detail = admin.get(base + "/tables/" + c.schema() + "/" + orders);
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        JsonNode json = detail.json();
        assertThat(json.path("columns").findValuesAsText("name")).containsExactly(c.name("id"), c.name("placed"), c.name("note"));
        assertThat(json.path("columns").findValuesAsText("genericType")).containsExactly("INTEGER", "DATE", "STRING");
        assertThat(json.path("columns").get(0).path("nullable").asBoolean()).isFalse();
        assertThat(json.path("columns").get(1).path("nullable").asBoolean()).isFalse();
        assertThat(json.path("columns").get(2).path("nullable").asBoolean()).isTrue();
        assertThat(json.path("columns").get(2).path("default").asText()).contains("none");
        assertThat(json.path("columns").get(0).path("nativeType").asText()).isNotBlank();
        assertThat(texts(json.path("primaryKey"))).containsExactly(c.name("id"));
        JsonNode index = find(json.path("indexes"), c.name("orders_placed"));
        assertThat(texts(index.path("columns"))).containsExactly(c.name("placed"));
        assertThat(index.path("unique").asBoolean()).isFalse();
        if (c.comments()) {
            assertThat(json.path("comment").asText()).isEqualTo("the orders");
        }
        String selectStar = json.path("selectStar").asText();
        assertThat(selectStar).startsWith("SELECT ").contains("100");
        Http.Response rows = admin.post("/api/query", Map.of("database", c.database(), "sql", selectStar));
        assertThat(rows.status()).as(selectStar + " " + rows.body()).isEqualTo(200);
        assertThat(rows.json().path("rows").size()).as(rows.body()).isEqualTo(2);

        Http.Response view = admin.get(base + "/tables/" + c.schema() + "/" + recent);
        assertThat(view.json().path("type").asText()).isEqualTo("view");
        assertThat(view.json().path("columns").findValuesAsText("name")).containsExactly(c.name("id"));

        // The listing is cached: a table created now shows only after refresh=true (and from then on).
        execute(c, List.of(c.create().get(0).startsWith("CREATE SCHEMA") || c.create().get(0).startsWith("CREATE DATABASE")
                ? "CREATE TABLE " + c.create().get(0).replaceFirst("CREATE (SCHEMA|DATABASE) ", "") + ".later (id INTEGER)"
                : "CREATE TABLE later (id INTEGER)"));
        String later = c.name("later");
        assertThat(admin.get(base + "/tables" + c.listing()).json().findValuesAsText("name")).as("from the cache").doesNotContain(later);
        assertThat(admin.get(base + "/tables" + c.listing() + "&refresh=true").json().findValuesAsText("name")).contains(later);
        assertThat(admin.get(base + "/tables" + c.listing()).json().findValuesAsText("name")).as("the refreshed entry").contains(later);
    }

    private Case prepare(Case c) throws Exception {
        execute(c, c.create());
        cleanups.add(() -> {
            try {
                execute(c, c.drop());
            } catch (Exception e) {
                // best effort
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", c.database());
        body.put("url", c.target().jdbcUrl());
        c.target().user().ifPresent(user -> body.put("user", user));
        c.target().password().ifPresent(password -> body.put("password", password));
        if (c.listing().startsWith("?catalog=")) {
            body.put("catalogs", List.of(c.schema())); // another catalog than the URL's is opt-in
        }
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return c;
    }

    private void execute(Case c, List<String> statements) throws SQLException {
        execute(server, c, statements);
    }

    /** Runs statements with {@code on}'s plugin (an H2 in-memory database lives in the plugin's class loader). */
    private static void execute(SecuredServer on, Case c, List<String> statements) throws SQLException {
        Properties properties = new Properties();
        c.target().user().ifPresent(user -> properties.setProperty("user", user));
        c.target().password().ifPresent(password -> properties.setProperty("password", password));
        try (Connection connection = Connections.open(on.runtime.host().registry().resolve(c.target().engineId()), c.target().jdbcUrl(),
                properties); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode node : array) {
            if (name.equals(node.path("name").asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
