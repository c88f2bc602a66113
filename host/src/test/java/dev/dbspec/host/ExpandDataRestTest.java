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
 * {@code POST /api/query} with {@code "expandData": true} over real HTTP on live engines: PostgreSQL arrays (NULLs,
 * empty, two dimensions), composite types (nested, with an array inside), json and jsonb; DuckDB LIST, STRUCT and a
 * LIST of STRUCTs with a LIST inside; each answer compared whole with the rows Superset's {@code expand_data} gives
 * (worked by hand from its algorithm: arrays of one level share the rows they add, rows keep their value and gain
 * {@code parent.field} columns, empty places hold ""); H2's ARRAY and ROW, HSQLDB's and QuestDB's arrays. An engine
 * that does not claim it (SQLite, its JSON text) answers its rows as they are with no expanded column; without the flag nothing is expanded; the cache keeps both answers apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpandDataRestTest {
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
    void postgresqlArrays() throws Exception {
        registerPostgres();
        JsonNode answer = expand("pgx", "SELECT id, ints, words FROM (VALUES (1, ARRAY[1,2,3], ARRAY['x','y']), (2, NULL::int[], ARRAY[]::text[]),"
                + " (3, ARRAY[4], ARRAY['z',NULL])) t(id, ints, words) ORDER BY id");
        assertThat(columns(answer)).isEqualTo("[id int4 INTEGER, ints _int4 OTHER, words _text OTHER]");
        // ints adds two rows under id 1; words reuses one of them; id 2's NULL and [] stay; id 3's words add a row
        assertThat(answer.path("rows").toString()).isEqualTo("[[1,1,\"x\"],[\"\",2,\"y\"],[\"\",3,\"\"],[2,null,[]],[3,4,\"z\"],[\"\",\"\",null]]");
        assertThat(answer.path("expandedColumns").toString()).isEqualTo("[]");
        assertThat(answer.path("rowCount").asInt()).isEqualTo(6);
        assertThat(answer.path("sourceRowCount").asInt()).isEqualTo(3);

        // two dimensions: both unnest, as ARRAY(ARRAY(INTEGER)) does in Superset
        JsonNode matrix = expand("pgx", "SELECT ARRAY[[1,2],[3,4]] AS m, 'k' AS k");
        assertThat(matrix.path("rows").toString()).isEqualTo("[[1,\"k\"],[2,\"\"],[3,\"\"],[4,\"\"]]");
    }

    /** Timestamps beside an expanded array come as the database has them, as in a plain query (StreamedRowsRestTest). */
    @Test
    void postgresqlTimestampsBesideArraysKeepTheirWallClockTime() throws Exception {
        registerPostgres();
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
            JsonNode answer = expand("pgx", "SELECT timestamp '2024-03-31 02:30:00' AS at, ARRAY[1, 2] AS ints, timestamp 'infinity' AS never");
            assertThat(answer.path("rows").toString()).isEqualTo("[[\"2024-03-31T02:30\",1,\"infinity\"],[\"\",2,\"\"]]");
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
    }

    @Test
    void postgresqlCompositeTypes() throws Exception {
        registerPostgres();
        String addr = "addr_" + SUFFIX;
        String person = "person_" + SUFFIX;
        JsonNode answer = expand("pgx", "SELECT p FROM (VALUES (1, ROW('Ann', ROW('Main St', 1234)::" + addr + ", ARRAY['a','b'])::" + person + "),"
                + " (2, NULL::" + person + ")) t(id, p) ORDER BY id");
        assertThat(columns(answer)).isEqualTo("[p " + person + " OTHER, p.name text STRING, p.address " + addr + " OTHER,"
                + " p.address.street text STRING, p.address.zip int4 INTEGER, p.tags _text OTHER]");
        assertThat(answer.path("rows").toString()).isEqualTo("["
                + "[{\"name\":\"Ann\",\"address\":{\"street\":\"Main St\",\"zip\":1234},\"tags\":[\"a\",\"b\"]},\"Ann\","
                + "{\"street\":\"Main St\",\"zip\":1234},\"Main St\",1234,\"a\"],"
                + "[\"\",\"\",\"\",\"\",\"\",\"b\"],"
                + "[null,\"\",\"\",\"\",\"\",\"\"]]");
        // in the order Superset lists them: a row's fields when it is expanded, then their own fields
        assertThat(answer.path("expandedColumns").findValuesAsText("name"))
                .containsExactly("p.name", "p.address", "p.tags", "p.address.street", "p.address.zip");

        // an array of composites: a row per element, its fields as columns; quotes and commas survive the text form
        JsonNode array = expand("pgx", "SELECT ARRAY[ROW('a, \"b\"', 1)::" + addr + ", NULL, ROW(NULL, 3)::" + addr + "] AS addrs");
        assertThat(array.path("rows").toString()).isEqualTo("[[{\"street\":\"a, \\\"b\\\"\",\"zip\":1},\"a, \\\"b\\\"\",1],"
                + "[null,\"\",\"\"],[{\"street\":null,\"zip\":3},null,3]]");
    }

    @Test
    void postgresqlJsonAndJsonb() throws Exception {
        registerPostgres();
        JsonNode answer = expand("pgx", "SELECT id, doc FROM (VALUES (1, '{\"tags\": [\"x\", \"y\"], \"a\": 1}'::jsonb),"
                + " (2, '{\"b\": {\"c\": true}, \"a\": 2.5}'::jsonb), (3, NULL)) t(id, doc) ORDER BY id");
        // jsonb orders keys (shorter first): a, tags; then b
        assertThat(columns(answer)).isEqualTo("[id int4 INTEGER, doc jsonb JSON, doc.a jsonb JSON, doc.tags jsonb JSON,"
                + " doc.b jsonb JSON, doc.b.c jsonb JSON]");
        assertThat(answer.path("rows").toString()).isEqualTo("["
                + "[1,{\"a\":1,\"tags\":[\"x\",\"y\"]},1,\"x\",\"\",\"\"],"
                + "[\"\",\"\",\"\",\"y\",\"\",\"\"],"
                + "[2,{\"a\":2.5,\"b\":{\"c\":true}},2.5,\"\",{\"c\":true},true],"
                + "[3,null,\"\",\"\",\"\",\"\"]]");
        assertThat(answer.path("expandedColumns").findValuesAsText("name")).containsExactly("doc.a", "doc.tags", "doc.b", "doc.b.c");

        // json keeps its text's key order; elements of different shapes (a number, an object) are not expanded further
        JsonNode json = expand("pgx", "SELECT '{\"z\": [1, {\"w\": null}], \"y\": \"t\"}'::json AS j");
        assertThat(json.path("rows").toString()).isEqualTo("[[{\"z\":[1,{\"w\":null}],\"y\":\"t\"},1,\"t\"],[\"\",{\"w\":null},\"\"]]");
        assertThat(json.path("expandedColumns").findValuesAsText("name")).containsExactly("j.z", "j.y");
    }

    @Test
    void duckdbListsAndStructs() throws Exception {
        register("duckx", new TestDatabase("duckdb", "jdbc:duckdb:", Optional.empty(), Optional.empty(), "memory"), List.of(), List.of());
        JsonNode answer = expand("duckx", "SELECT [1, 2] AS l, {'a': 1, 'b': 'x'} AS s,"
                + " [{'a': 10, 'b': [1, 2]}, {'a': 20, 'b': []}] AS ls");
        assertThat(columns(answer)).isEqualTo("[l INTEGER[] OTHER, s STRUCT(a INTEGER, b VARCHAR) OTHER, s.a INTEGER INTEGER, s.b VARCHAR STRING,"
                + " ls STRUCT(a INTEGER, b INTEGER[])[] OTHER, ls.a INTEGER INTEGER, ls.b INTEGER[] OTHER]");
        // level 0: l and ls share one added row; level 1: ls.b adds a row under the first element
        assertThat(answer.path("rows").toString()).isEqualTo("["
                + "[1,{\"a\":1,\"b\":\"x\"},1,\"x\",{\"a\":10,\"b\":[1,2]},10,1],"
                + "[\"\",\"\",\"\",\"\",\"\",\"\",2],"
                + "[2,\"\",\"\",\"\",{\"a\":20,\"b\":[]},20,[]]]");
        assertThat(columns(answer.path("expandedColumns"))).isEqualTo("[s.a INTEGER INTEGER, s.b VARCHAR STRING, ls.a INTEGER INTEGER, ls.b INTEGER[] OTHER]");

        JsonNode nulls = expand("duckx", "SELECT * FROM (VALUES ([NULL, 5], NULL::STRUCT(a INTEGER)), (NULL, {'a': NULL})) t(l, s)");
        assertThat(nulls.path("rows").toString()).isEqualTo("[[null,null,\"\"],[5,\"\",\"\"],[null,{\"a\":null},null]]");
    }

    /** H2's ARRAY and ROW (a ROW value arrives as a one-row result set), a row in a row with an array inside, NULLs. */
    @Test
    void h2ArraysAndRows() throws Exception {
        TestDatabase h2 = new TestDatabase("h2", "jdbc:h2:mem:expand_" + SUFFIX + ";DB_CLOSE_DELAY=-1", Optional.of("sa"), Optional.of("pw"), "test");
        register("h2x", h2, List.of(), List.of());
        JsonNode answer = expand("h2x", "SELECT * FROM (VALUES (ARRAY[1, NULL], CAST(ROW(3, ROW('x', ARRAY[4, 5])) AS ROW(a INTEGER, b ROW(c VARCHAR, d INTEGER ARRAY)))),"
                + " (CAST(NULL AS INTEGER ARRAY), CAST(NULL AS ROW(a INTEGER, b ROW(c VARCHAR, d INTEGER ARRAY))))) AS t(l, s)");
        String row = "ROW(\"A\" INTEGER, \"B\" ROW(\"C\" CHARACTER VARYING, \"D\" INTEGER ARRAY))";
        String inner = "ROW(\"C\" CHARACTER VARYING, \"D\" INTEGER ARRAY)";
        assertThat(columns(answer)).isEqualTo("[L INTEGER ARRAY OTHER, S " + row + " OTHER, S.A INTEGER INTEGER, S.B " + inner + " OTHER,"
                + " S.B.C CHARACTER VARYING STRING, S.B.D INTEGER ARRAY OTHER]");
        // L's NULL element and S.B.D's 5 share the row they add: a row's fields stay at its level (0), like L
        assertThat(answer.path("rows").toString()).isEqualTo("["
                + "[1,{\"A\":3,\"B\":{\"C\":\"x\",\"D\":[4,5]}},3,{\"C\":\"x\",\"D\":[4,5]},\"x\",4],"
                + "[null,\"\",\"\",\"\",\"\",5],"
                + "[null,null,\"\",\"\",\"\",\"\"]]");
        assertThat(columns(answer.path("expandedColumns"))).isEqualTo("[S.A INTEGER INTEGER, S.B " + inner + " OTHER,"
                + " S.B.C CHARACTER VARYING STRING, S.B.D INTEGER ARRAY OTHER]");
    }

    /** Engines with arrays and no row type: HSQLDB's ARRAY, QuestDB's DOUBLE[] (two dimensions unnest both). */
    @Test
    void hsqldbAndQuestdbArrays() throws Exception {
        register("hsqlx", TestDatabases.require("hsqldb"), List.of(), List.of());
        JsonNode hsqldb = expand("hsqlx", "SELECT * FROM (VALUES (1, ARRAY[1, NULL]), (2, CAST(ARRAY[] AS INTEGER ARRAY)), (3, CAST(NULL AS INTEGER ARRAY))) AS t(k, l) ORDER BY k");
        assertThat(columns(hsqldb)).isEqualTo("[K INTEGER INTEGER, L INTEGER ARRAY OTHER]");
        // the NULL element gets its row; an empty array and a NULL one stay as they are
        assertThat(hsqldb.path("rows").toString()).isEqualTo("[[1,1],[\"\",null],[2,[]],[3,null]]");
        assertThat(hsqldb.path("expandedColumns").toString()).isEqualTo("[]");
        register("qdbx", TestDatabases.require("questdb"), List.of(), List.of());
        JsonNode questdb = expand("qdbx", "SELECT 7 AS x, ARRAY[[1.0, 2.0], [3.0, 4.0]] AS l");
        assertThat(columns(questdb)).isEqualTo("[x int4 INTEGER, l _float8 OTHER]");
        assertThat(questdb.path("rows").toString()).isEqualTo("[[7,1.0],[\"\",2.0],[\"\",3.0],[\"\",4.0]]");
    }

    /**
     * ClickHouse's legacy driver has no transactions (switching autocommit off throws): its queries run in autocommit,
     * arrays and tuples expand, and a read-only registration, whose guard is the rolled-back transaction, fails closed.
     */
    @Test
    void clickhouseRunsWithoutTransactionsAndReadOnlyFailsClosed() throws Exception {
        TestDatabase clickhouse = TestDatabases.require("clickhouse");
        register("chx", clickhouse, List.of(), List.of());
        Http.Response plain = admin.post("/api/query", Map.of("database", "chx", "sql", "SELECT 1 AS one"));
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.json().path("rows").toString()).isEqualTo("[[1]]");
        JsonNode answer = expand("chx", "SELECT [1, 2] AS l, tuple(3, 'x') AS s");
        assertThat(answer.path("expandedColumns").findValuesAsText("name")).containsExactly("s.1", "s.2");
        assertThat(answer.path("rows").size()).isEqualTo(2);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "chro");
        body.put("url", clickhouse.jdbcUrl());
        clickhouse.user().ifPresent(user -> body.put("user", user));
        clickhouse.password().ifPresent(password -> body.put("password", password));
        body.put("readOnly", true);
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Http.Response refused = admin.post("/api/query", Map.of("database", "chro", "sql", "SELECT 1"));
        assertThat(refused.status()).as(refused.body()).isBetween(400, 422);
        assertThat(refused.json().path("message").asText()).contains("read-only", "needs a transaction");
    }

    @Test
    void withoutTheFlagOrTheCapabilityNothingIsExpanded() throws Exception {
        registerPostgres();
        Http.Response plain = admin.post("/api/query", Map.of("database", "pgx", "sql", "SELECT ARRAY[1,2] AS a"));
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.json().path("rows").toString()).isEqualTo("[[\"{1,2}\"]]");
        assertThat(plain.json().has("expandedColumns")).isFalse();
        // the same SQL expanded is another answer, not the cached plain one
        assertThat(expand("pgx", "SELECT ARRAY[1,2] AS a").path("rows").toString()).isEqualTo("[[1],[2]]");
        assertThat(admin.post("/api/query", Map.of("database", "pgx", "sql", "SELECT ARRAY[1,2] AS a")).json().path("rows").toString())
                .isEqualTo("[[\"{1,2}\"]]");

        // SQLite does not claim it: its JSON text is a string like any other
        register("sqlitex", new TestDatabase("sqlite", "jdbc:sqlite:" + dir.resolve("files").resolve("expand.db"), Optional.empty(), Optional.empty(), "test"),
                List.of(), List.of());
        JsonNode unclaimed = expand("sqlitex", "SELECT json_array(1, 2) AS a");
        assertThat(unclaimed.path("rows").toString()).isEqualTo("[[\"[1,2]\"]]");
        assertThat(unclaimed.path("columns").size()).isEqualTo(1);
        assertThat(unclaimed.path("expandedColumns").toString()).isEqualTo("[]");

        Http.Response bad = admin.post("/api/query", Map.of("database", "pgx", "sql", "SELECT 1", "expandData", "yes"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("expandData");
    }

    @Test
    void asynchronousQueriesExpandToo() throws Exception {
        registerPostgres();
        Http.Response submitted = admin.post("/api/query/async", Map.of("database", "pgx", "sql", "SELECT ARRAY['p','q'] AS a", "expandData", true));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode result = awaitResult(submitted.json().path("taskId").asText());
        assertThat(result.path("rows").toString()).isEqualTo("[[\"p\"],[\"q\"]]");
        assertThat(result.path("expandedColumns").toString()).isEqualTo("[]");
    }

    private boolean postgresRegistered;

    private void registerPostgres() throws Exception {
        if (postgresRegistered) {
            return;
        }
        TestDatabase pg = TestDatabases.require("postgresql");
        String addr = "addr_" + SUFFIX;
        String person = "person_" + SUFFIX;
        register("pgx", pg, List.of("CREATE TYPE " + addr + " AS (street text, zip int)",
                        "CREATE TYPE " + person + " AS (name text, address " + addr + ", tags text[])"),
                List.of("DROP TYPE " + person, "DROP TYPE " + addr));
        postgresRegistered = true;
    }

    private JsonNode expand(String database, String sql) throws Exception {
        Http.Response response = admin.post("/api/query", Map.of("database", database, "sql", sql, "expandData", true));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** "name nativeType type" per column. */
    private static String columns(JsonNode answer) {
        JsonNode columns = answer.has("columns") ? answer.path("columns") : answer;
        List<String> out = new ArrayList<>();
        columns.forEach(column -> out.add(column.path("name").asText() + " " + column.path("nativeType").asText() + " " + column.path("type").asText()));
        return out.toString();
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

    private void execute(TestDatabase target, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
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
}
