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
 * {@code GET /api/databases/{name}/tables/{schema}/{table}} answers {@code partitions}, {@code latestPartition} and
 * {@code extra} over real HTTP on live partitioned tables: PostgreSQL RANGE by date (empty partitions, a DEFAULT one
 * holding rows) and LIST; MariaDB RANGE on YEAR() and LIST. The predicate, run through {@code POST /api/query}, counts
 * exactly the partition's rows; the answer is cached until {@code refresh=true}; an engine claiming neither capability
 * (HSQLDB) answers null, null and {}, one claiming extra metadata only (H2) its table properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionRestTest {
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data"))
                .with("files.dir", dir.resolve("files")));
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
    void postgresqlRangeAndListPartitions() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        String schema = "part_" + SUFFIX;
        register("pgpart", pg, List.of("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".events (day DATE NOT NULL, kind TEXT) PARTITION BY RANGE (day)",
                "CREATE TABLE " + schema + ".events_2024_01 PARTITION OF " + schema + ".events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                "CREATE TABLE " + schema + ".events_2024_02 PARTITION OF " + schema + ".events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')",
                "CREATE TABLE " + schema + ".events_2024_03 PARTITION OF " + schema + ".events FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')",
                "CREATE TABLE " + schema + ".events_2024_04 PARTITION OF " + schema + ".events FOR VALUES FROM ('2024-04-01') TO ('2024-05-01')",
                "CREATE TABLE " + schema + ".events_other PARTITION OF " + schema + ".events DEFAULT",
                "INSERT INTO " + schema + ".events VALUES ('2024-01-03', 'a'), ('2024-02-01', 'b'), ('2024-02-28', 'c'), ('2031-01-01', 'd')",
                "CREATE TABLE " + schema + ".sales (region TEXT, amount INTEGER) PARTITION BY LIST (region)",
                "CREATE TABLE " + schema + ".sales_eu PARTITION OF " + schema + ".sales FOR VALUES IN ('de', 'fr')",
                "CREATE TABLE " + schema + ".sales_us PARTITION OF " + schema + ".sales FOR VALUES IN ('us')",
                "CREATE TABLE " + schema + ".sales_zz PARTITION OF " + schema + ".sales FOR VALUES IN ('zz')",
                "INSERT INTO " + schema + ".sales VALUES ('de', 1), ('fr', 2), ('us', 3)",
                "ANALYZE " + schema + ".events"),
                List.of("DROP SCHEMA " + schema + " CASCADE"));

        JsonNode events = detail("pgpart", schema, "events");
        assertThat(events.path("partitions").path("method").asText()).isEqualTo("RANGE");
        assertThat(texts(events.path("partitions").path("keys"))).containsExactly("day");
        assertThat(events.path("partitions").path("partitions").findValuesAsText("name"))
                .containsExactly("events_2024_01", "events_2024_02", "events_2024_03", "events_2024_04", "events_other");
        assertThat(events.path("partitions").path("partitions").get(4).path("bound").asText()).isEqualTo("DEFAULT");
        assertThat(events.path("partitions").path("partitions").get(0).path("rows").asLong()).isEqualTo(1);
        assertThat(events.path("partitions").path("partitions").get(0).path("parent").isNull()).isTrue();
        JsonNode latest = events.path("latestPartition");
        assertThat(latest.path("partition").asText()).as("March and April are empty, the default is never latest").isEqualTo("events_2024_02");
        assertThat(latest.path("lowerBound").asText()).isEqualTo("DATE '2024-02-01'");
        assertThat(latest.path("upperBound").asText()).isEqualTo("DATE '2024-03-01'");
        assertThat(latest.path("values").size()).isZero();
        assertThat(latest.path("predicate").asText()).isEqualTo("day >= DATE '2024-02-01' AND day < DATE '2024-03-01'");
        assertThat(count("pgpart", schema + ".events", latest.path("predicate").asText())).isEqualTo(2)
                .isEqualTo(count("pgpart", schema + ".events_2024_02", "1 = 1"));
        JsonNode extra = events.path("extra");
        assertThat(extra.path("kind").asText()).isEqualTo("partitioned table");
        assertThat(extra.path("partitioned").asBoolean()).isTrue();
        assertThat(extra.path("partitionKey").asText()).isEqualTo("RANGE (day)");
        assertThat(extra.path("partitionCount").asInt()).isEqualTo(5);
        assertThat(extra.path("rowsEstimate").asLong()).isEqualTo(4);
        assertThat(extra.path("totalBytes").asLong()).isPositive();
        assertThat(extra.path("persistence").asText()).isEqualTo("permanent");

        // cached like the rest: a row in April shows only after refresh=true
        execute(pg, List.of("INSERT INTO " + schema + ".events VALUES ('2024-04-15', 'e')"));
        assertThat(detail("pgpart", schema, "events").path("latestPartition").path("partition").asText()).as("from the cache")
                .isEqualTo("events_2024_02");
        JsonNode refreshed = admin.get("/api/databases/pgpart/tables/" + schema + "/events?refresh=true").json();
        assertThat(refreshed.path("latestPartition").path("partition").asText()).isEqualTo("events_2024_04");
        assertThat(count("pgpart", schema + ".events", refreshed.path("latestPartition").path("predicate").asText())).isEqualTo(1);

        JsonNode sales = detail("pgpart", schema, "sales");
        assertThat(sales.path("partitions").path("method").asText()).isEqualTo("LIST");
        assertThat(sales.path("latestPartition").path("partition").asText()).as("zz is empty; 'us' > 'fr'").isEqualTo("sales_us");
        assertThat(texts(sales.path("latestPartition").path("values"))).containsExactly("'us'");
        assertThat(sales.path("latestPartition").path("predicate").asText()).isEqualTo("region IN ('us')");
        assertThat(sales.path("latestPartition").path("lowerBound").isNull()).isTrue();
        assertThat(count("pgpart", schema + ".sales", sales.path("latestPartition").path("predicate").asText())).isEqualTo(1);

        JsonNode partition = detail("pgpart", schema, "events_2024_01");
        assertThat(partition.path("partitions").isNull()).as("a leaf partition is not partitioned").isTrue();
        assertThat(partition.path("latestPartition").isNull()).isTrue();
        assertThat(partition.path("extra").path("isPartition").asBoolean()).isTrue();
    }

    @Test
    void mariadbRangeOnYearAndList() throws Exception {
        TestDatabase maria = TestDatabases.require("mariadb");
        String database = "part_" + SUFFIX;
        register("mariapart", maria, List.of("CREATE DATABASE " + database,
                "CREATE TABLE " + database + ".orders (placed DATE, amount INT) PARTITION BY RANGE (YEAR(placed)) ("
                        + "PARTITION p2022 VALUES LESS THAN (2023), PARTITION p2023 VALUES LESS THAN (2024),"
                        + " PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE)",
                "INSERT INTO " + database + ".orders VALUES ('2022-03-01', 1), ('2023-01-01', 2), ('2023-06-30', 3), ('2023-12-31', 4)",
                "CREATE TABLE " + database + ".stock (store INT, qty INT) PARTITION BY LIST (store) ("
                        + "PARTITION north VALUES IN (1, 2), PARTITION south VALUES IN (3, 4), PARTITION west VALUES IN (9))",
                "INSERT INTO " + database + ".stock VALUES (1, 10), (4, 5), (3, 7)"),
                List.of("DROP DATABASE " + database));

        JsonNode orders = detail("mariapart", database, "orders");
        assertThat(orders.path("partitions").path("method").asText()).isEqualTo("RANGE");
        assertThat(texts(orders.path("partitions").path("keys"))).containsExactly("year(`placed`)");
        assertThat(orders.path("partitions").path("partitions").findValuesAsText("name")).containsExactly("p2022", "p2023", "p2024", "pmax");
        assertThat(orders.path("partitions").path("partitions").findValuesAsText("bound")).containsExactly("2023", "2024", "2025", "MAXVALUE");
        JsonNode latest = orders.path("latestPartition");
        assertThat(latest.path("partition").asText()).isEqualTo("p2023");
        assertThat(latest.path("predicate").asText()).isEqualTo("year(`placed`) >= 2023 AND year(`placed`) < 2024");
        assertThat(count("mariapart", database + ".orders", latest.path("predicate").asText())).isEqualTo(3)
                .isEqualTo(count("mariapart", database + ".orders PARTITION (p2023)", "1 = 1"));
        JsonNode extra = orders.path("extra");
        assertThat(extra.path("engine").asText()).isEqualTo("InnoDB");
        assertThat(extra.path("partitioned").asBoolean()).isTrue();
        assertThat(extra.path("partitionMethod").asText()).isEqualTo("RANGE");
        assertThat(extra.path("partitionCount").asInt()).isEqualTo(4);
        assertThat(extra.path("createOptions").asText()).contains("partitioned");
        assertThat(extra.has("rowFormat") && extra.has("collation") && extra.has("rowsEstimate")).as(extra.toString()).isTrue();

        JsonNode stock = detail("mariapart", database, "stock");
        assertThat(stock.path("partitions").path("method").asText()).isEqualTo("LIST");
        assertThat(stock.path("latestPartition").path("partition").asText()).as("west is empty").isEqualTo("south");
        assertThat(stock.path("latestPartition").path("predicate").asText()).isEqualTo("`store` IN (3, 4)");
        assertThat(count("mariapart", database + ".stock", stock.path("latestPartition").path("predicate").asText())).isEqualTo(2)
                .isEqualTo(count("mariapart", database + ".stock PARTITION (south)", "1 = 1"));
    }

    /**
     * HSQLDB and H2 claim extra metadata only: their table properties, null partitions and no latest partition.
     */
    @Test
    void enginesAnswerOnlyWhatTheyClaim() throws Exception {
        TestDatabase hsqldb = new TestDatabase("hsqldb", "jdbc:hsqldb:mem:part_" + SUFFIX, Optional.of("SA"), Optional.empty(), "test");
        register("hsqlpart", hsqldb, List.of("CREATE TABLE plain (id INTEGER)"), List.of());
        JsonNode plain = detail("hsqlpart", "PUBLIC", "PLAIN");
        assertThat(plain.has("partitions") && plain.path("partitions").isNull()).as(plain.toString()).isTrue();
        assertThat(plain.has("latestPartition") && plain.path("latestPartition").isNull()).isTrue();
        assertThat(plain.path("extra").path("storage").asText()).as(plain.toString()).isEqualTo("MEMORY");
        assertThat(plain.path("extra").path("tableType").asText()).as(plain.toString()).isEqualTo("TABLE");

        TestDatabase h2 = new TestDatabase("h2", "jdbc:h2:mem:part_" + SUFFIX + ";DB_CLOSE_DELAY=-1", Optional.of("sa"), Optional.of("pw"), "test");
        register("h2part", h2, List.of("CREATE MEMORY TABLE plain (id INTEGER)", "INSERT INTO plain VALUES (1), (2)"), List.of());
        JsonNode table = detail("h2part", "PUBLIC", "PLAIN");
        assertThat(table.path("partitions").isNull()).isTrue();
        assertThat(table.path("latestPartition").isNull()).isTrue();
        assertThat(table.path("extra").path("storageType").asText()).as(table.toString()).isEqualTo("MEMORY");
        assertThat(table.path("extra").path("rowsEstimate").asLong()).isEqualTo(2);
    }

    private JsonNode detail(String database, String schema, String table) throws Exception {
        Http.Response response = admin.get("/api/databases/" + database + "/tables/" + schema + "/" + table);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long count(String database, String from, String predicate) throws Exception {
        Http.Response rows = admin.post("/api/query", Map.of("database", database, "sql", "SELECT count(*) FROM " + from + " WHERE " + predicate));
        assertThat(rows.status()).as(rows.body()).isEqualTo(200);
        return rows.json().path("rows").get(0).get(0).asLong();
    }

    private void register(String name, TestDatabase target, List<String> create, List<String> drop) throws Exception {
        execute(target, create);
        cleanups.add(() -> {
            try {
                execute(target, drop);
            } catch (Exception e) {
                // best effort
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", target.jdbcUrl());
        target.user().ifPresent(user -> body.put("user", user));
        target.password().ifPresent(password -> body.put("password", password));
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    /** Runs statements with the engine's plugin (an H2 in-memory database lives in the plugin's class loader). */
    private void execute(TestDatabase target, List<String> statements) throws SQLException {
        Properties properties = new Properties();
        target.user().ifPresent(user -> properties.setProperty("user", user));
        target.password().ifPresent(password -> properties.setProperty("password", password));
        try (Connection connection = Connections.open(server.runtime.host().registry().resolve(target.engineId()), target.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
