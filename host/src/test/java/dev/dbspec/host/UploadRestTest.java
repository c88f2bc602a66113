package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/databases/{name}/upload} over real HTTP, through the in-process task service: a tricky CSV round-trips on
 * PostgreSQL (COPY), MariaDB (staging table) and DuckDB (appender); append and replace; progress as {@code rowsDone}; a bad
 * value fails the task naming its line and column; and the protections: read-only registrations and viewers 403, databases
 * not granted 404, a body that is not text/csv 415, a body past {@code upload.max-bytes} 413 with nothing left in the
 * uploads directory, unknown parameters 400, and a table name made of SQL that only ever becomes a quoted name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadRestTest {
    static final String CSV = "id,name,note,amount,day,at,flag\r\n"
            + "1,plain,\"line one\nline two\",1.5,2024-01-31,2024-01-31 23:59:59.123456,true\r\n"
            + "2,\"say \"\"hi\"\"\",\"comma, inside\",-2.25,1999-12-31,2000-01-01 00:00:00,false\n"
            + "3,Zürich ✓ 日本 😀,\"\",0.0,2024-02-29,2024-02-29 12:30:00.5,\n"
            + "4,,\"crlf\r\ninside\",,,,true\n";
    private static final long MAX_BYTES = 20_000_000;

    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private Http ana;
    private Http eve;
    private Http viewer;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(dir.resolve("data/files"));
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data"))
                .with("upload.max-bytes", MAX_BYTES));
        admin = server.as(server.addUser("root", Role.ADMIN));
        ana = server.as(server.addUser("ana", Role.ANALYST));
        eve = server.as(server.addUser("eve", Role.ANALYST));
        viewer = server.as(server.addUser("vic", Role.VIEWER));
    }

    @AfterAll
    void stop() {
        java.util.Collections.reverse(cleanups);
        cleanups.forEach(Runnable::run);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void postgresqlRoundTripAppendReplaceAndProgress() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = register("pg", database.jdbcUrl(), database.user(), database.password(), false);
        roundTrip(name, "\"");
        String table = "up_big_" + suffix;
        StringBuilder big = new StringBuilder("id,label\n");
        for (int i = 1; i <= 200_000; i++) {
            big.append(i).append(",row ").append(i).append('\n');
        }
        JsonNode done = awaitDone(upload(ana, name, "table=" + table, big.toString()));
        dropAfter(name, "\"" + table + "\"");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(ana.get("/api/tasks/" + done.path("taskId").asText() + "/result").json().path("loadedAs").asText())
                .as("PostgreSQL read the file itself (COPY ... CSV)").isEqualTo("csv");
        assertThat(done.path("progress").path("rowsDone").asLong()).as(done.toString()).isEqualTo(200_000);
        assertThat(count(name, "\"" + table + "\"")).isEqualTo(200_000);
        // append two rows, then replace with one
        assertThat(awaitDone(upload(ana, name, "table=" + table + "&mode=append", "label,id\nappended,200001\nagain,200002\n"))
                .path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(count(name, "\"" + table + "\"")).isEqualTo(200_002);
        assertThat(awaitDone(upload(ana, name, "table=" + table + "&mode=replace&delimiter=;&header=false", "7;seven\n"))
                .path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(rows(name, "SELECT * FROM \"" + table + "\"").toString()).isEqualTo("[[7,\"seven\"]]");
        // a cancelled upload leaves no table
        String cancelled = "up_cancel_" + suffix;
        String task = upload(ana, name, "table=" + cancelled, big.toString());
        assertThat(ana.delete("/api/tasks/" + task).status()).isIn(202, 409);
        JsonNode stopped = awaitDone(task);
        dropAfter(name, "\"" + cancelled + "\"");
        if (stopped.path("state").asText().equals("CANCELLED")) {
            assertThat(rows(name, "SELECT count(*) FROM pg_tables WHERE tablename = '" + cancelled + "'").get(0).get(0).asLong())
                    .as("the cancelled upload's table was rolled back").isZero();
        } else { // it finished before the cancellation arrived: then all of it is there
            assertThat(count(name, "\"" + cancelled + "\"")).isEqualTo(200_000);
        }
        // create on an existing table fails for good and loads nothing
        JsonNode exists = awaitDone(upload(ana, name, "table=" + table, "id,label\n8,eight\n"));
        assertThat(exists.path("state").asText()).isEqualTo("FAILED");
        assertThat(exists.path("taskError").asText()).contains("already exists");
        assertThat(count(name, "\"" + table + "\"")).isEqualTo(1);
    }

    /**
     * The pass-through's doubts, each proven to end in the converting path with exact values: a column whose first 10,000 values
     * are integers and a later one is not, a value COPY would take for its end marker ({@code \\.}), a quote inside an unquoted
     * field (COPY would start quoting there), blank lines, and a given type whose values are written loosely.
     */
    @Test
    void postgresqlPassThroughFallsBackWhenItCannotProveTheResult() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = register("pgfb", database.jdbcUrl(), database.user(), database.password(), false);
        StringBuilder late = new StringBuilder("n\n");
        for (int i = 0; i < 12_000; i++) {
            late.append(i).append('\n');
        }
        late.append("1.5\n");
        assertFallback(name, "fb_late", "", late.toString(), "SELECT count(*), max(\"n\") FROM \"fb_late_" + suffix + "\"",
                "[[12001,\"9999\"]]"); // "1" and "1.5" together are text: "1" would come back from a double as "1.0"
        // alone on its line, \\. ends COPY's data: the engine would load 1 row of 3
        assertFallback(name, "fb_eod", "", "v\na\n\\.\nb\n", "SELECT count(*), max(length(\"v\")) FROM \"fb_eod_" + suffix + "\"", "[[3,2]]");
        assertFallback(name, "fb_quote", "", "v,w\nsay a\"b,1\nc,2\n", "SELECT \"v\" FROM \"fb_quote_" + suffix + "\" ORDER BY \"w\"",
                "[[\"say a\\\"b\"],[\"c\"]]");
        assertFallback(name, "fb_blank", "", "v\nx\n\ny\n", "SELECT \"v\" FROM \"fb_blank_" + suffix + "\" ORDER BY 1", "[[\"x\"],[\"y\"]]");
        assertFallback(name, "fb_given", "&types=flag:BOOLEAN", "id,flag\n1,yes\n2,no\n", "SELECT \"flag\" FROM \"fb_given_" + suffix
                + "\" ORDER BY \"id\"", "[[true],[false]]");
    }

    private void assertFallback(String name, String tag, String extra, String csv, String check, String expected) {
        String table = tag + "_" + suffix;
        JsonNode done = awaitDone(upload(ana, name, "table=" + table + extra, csv));
        dropAfter(name, "\"" + table + "\"");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(ana.get("/api/tasks/" + done.path("taskId").asText() + "/result").json().path("loadedAs").asText()).as(tag).isEqualTo("rows");
        assertThat(rows(name, check).toString()).as(tag).isEqualTo(expected);
    }

    @Test
    void mariadbRoundTripThroughAStagingTable() throws Exception {
        TestDatabase database = TestDatabases.require("mariadb");
        String name = register("maria", database.jdbcUrl(), database.user(), database.password(), false);
        roundTrip(name, "`");
    }

    @Test
    void duckdbRoundTripThroughTheAppender() throws Exception {
        String name = register("duck", "jdbc:duckdb:" + dir.resolve("data/files/up_" + suffix + ".duckdb"), Optional.empty(), Optional.empty(), false);
        roundTrip(name, "\"");
    }

    /** Uploads {@link #CSV}, reads it back, then a bad value fails naming line 3, column 4 and leaves the table as it was. */
    private void roundTrip(String name, String quote) {
        String table = "up_rt_" + suffix;
        JsonNode done = awaitDone(upload(ana, name, "table=" + table, CSV));
        dropAfter(name, quote + table + quote);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode result = ana.get("/api/tasks/" + done.path("taskId").asText() + "/result").json();
        assertThat(result.path("rows").asLong()).isEqualTo(4);
        assertThat(result.path("columns").toString()).contains("{\"name\":\"amount\",\"type\":\"FLOAT\"}")
                .contains("{\"name\":\"at\",\"type\":\"TIMESTAMP\"}");
        JsonNode rows = rows(name, "SELECT " + quote + "name" + quote + ", " + quote + "note" + quote + ", " + quote + "amount" + quote
                + " FROM " + quote + table + quote + " ORDER BY " + quote + "id" + quote);
        assertThat(rows.get(0).get(1).asText()).isEqualTo("line one\nline two");
        assertThat(rows.get(1).get(0).asText()).isEqualTo("say \"hi\"");
        assertThat(rows.get(2).get(0).asText()).isEqualTo("Zürich ✓ 日本 😀");
        assertThat(rows.get(2).get(1).isNull()).as("a quoted empty field is an empty string").isFalse();
        assertThat(rows.get(2).get(1).asText()).isEmpty();
        assertThat(rows.get(3).get(0).isNull()).as("an unquoted empty field is NULL").isTrue();
        assertThat(rows.get(3).get(1).asText()).isEqualTo("crlf\r\ninside");
        assertThat(rows.get(1).get(2).asDouble()).isEqualTo(-2.25);
        JsonNode bad = awaitDone(upload(ana, name, "table=" + table + "&mode=append",
                "id,name,note,amount,day,at,flag\n5,x,,5.5,2024-05-05,2024-05-05 05:05:05,true\n6,y,,six,2024-06-06,2024-06-06 06:06:06,false\n"));
        assertThat(bad.path("state").asText()).isEqualTo("FAILED");
        assertThat(bad.path("taskError").asText()).contains("line 3, column 4").contains("amount").contains("'six'");
        assertThat(count(name, quote + table + quote)).isEqualTo(4);
    }

    @Test
    void protections() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = register("sec", database.jdbcUrl(), database.user(), database.password(), false);
        String readOnly = register("ro", database.jdbcUrl(), database.user(), database.password(), true);
        String table = "up_sec_" + suffix;
        // read-only: 403 and no table
        Http.Response refused = ana.send("POST", "/api/databases/" + readOnly + "/upload?table=" + table, "a\n1\n", "text/csv");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("read-only");
        // a viewer: 403; an analyst without a grant: 404, as for an unknown database
        assertThat(viewer.send("POST", "/api/databases/" + name + "/upload?table=" + table, "a\n1\n", "text/csv").status()).isEqualTo(403);
        assertThat(eve.send("POST", "/api/databases/" + name + "/upload?table=" + table, "a\n1\n", "text/csv").status()).isEqualTo(404);
        // not text/csv (a browser form could send text/plain cross-origin without a preflight): 415
        assertThat(ana.send("POST", "/api/databases/" + name + "/upload?table=" + table, "a\n1\n", "text/plain").status()).isEqualTo(415);
        // unknown and missing parameters: 400
        assertThat(ana.send("POST", "/api/databases/" + name + "/upload?table=" + table + "&sql=x", "a\n1\n", "text/csv").status()).isEqualTo(400);
        assertThat(ana.send("POST", "/api/databases/" + name + "/upload", "a\n1\n", "text/csv").status()).isEqualTo(400);
        assertThat(ana.send("POST", "/api/databases/" + name + "/upload?table=" + table + "&mode=merge", "a\n1\n", "text/csv").status()).isEqualTo(400);
        // past upload.max-bytes: 413, and no file left behind
        String huge = "a\n" + "1\n".repeat((int) (MAX_BYTES / 2) + 10);
        // several times: a server that closes while the client still sends resets the connection, and the reset can
        // swallow the 413 (seen in CI as "header parser received no bytes"); the refused body is read first
        for (int attempt = 0; attempt < 5; attempt++) {
            Http.Response tooLarge = ana.send("POST", "/api/databases/" + name + "/upload?table=" + table, huge, "text/csv");
            assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
            assertThat(tooLarge.json().path("error").asText()).isEqualTo("payload_too_large");
        }
        assertThat(uploadFiles()).isEmpty();
        assertThat(rows(name, "SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'").get(0).get(0).asLong())
                .as("nothing was created by refused uploads").isZero();
        // SQL in a table name stays a name: the table "x"; DROP ..." exists, the victim too
        String victim = "up_victim_" + suffix;
        admin.post("/api/query", Map.of("database", name, "sql", "CREATE TABLE " + victim + " (id int)"));
        dropAfter(name, victim);
        String evil = "e_" + suffix + "\"; DROP TABLE " + victim + "; --";
        JsonNode done = awaitDone(upload(ana, name, "table=" + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8), "a\n1\n"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        dropAfter(name, "\"" + evil.replace("\"", "\"\"") + "\"");
        assertThat(count(name, victim)).isZero();
        assertThat(count(name, "\"" + evil.replace("\"", "\"\"") + "\"")).isEqualTo(1);
        assertThat(uploadFiles()).as("the file is deleted once loaded").isEmpty();
        // audit: the upload and its run are recorded
        String audit = admin.get("/api/audit?action=upload.run&limit=100").body();
        assertThat(audit).contains("upload.run");
    }

    /**
     * The task starts while the body still arrives (its first megabyte is in), and a body refused after that (past
     * {@code upload.max-bytes}, sent chunked so the server learns its size only by reading it) fails the task: the table it
     * was loading is rolled back, nothing is left in the uploads directory, and the audit names the failed task.
     */
    @Test
    void aBodyRefusedAfterItsTaskStartedLoadsNothing() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String name = register("late", database.jdbcUrl(), database.user(), database.password(), false);
        String table = "up_late_" + suffix;
        byte[] row = "12345,some text for the row\n".getBytes(StandardCharsets.UTF_8);
        long rows = MAX_BYTES / row.length + 1_000;
        java.util.function.Supplier<java.io.InputStream> body = () -> new java.io.InputStream() {
            private long sent = -1; // -1: the header
            private int at;
            private byte[] current = "id,note\n".getBytes(StandardCharsets.UTF_8);

            @Override
            public int read() {
                if (at == current.length) {
                    if (++sent >= rows) {
                        return -1;
                    }
                    current = row;
                    at = 0;
                }
                return current[at++] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = 0;
                for (int b; n < length && (b = read()) >= 0; n++) {
                    buffer[offset + n] = (byte) b;
                }
                return n == 0 && length > 0 ? -1 : n;
            }
        };
        Http.Response refused = null;
        try {
            refused = ana.postStream("/api/databases/" + name + "/upload?table=" + table, body, "text/csv");
        } catch (java.io.UncheckedIOException e) {
            // the server may reset the connection while the client still sends the rest of the refused body
        }
        if (refused != null) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        }
        JsonNode entry = null;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); entry == null && System.nanoTime() < deadline; Thread.sleep(50)) {
            for (JsonNode candidate : admin.get("/api/audit?action=upload&limit=100").json().path("entries")) {
                if (candidate.path("details").path("table").asText().equals(table)) {
                    entry = candidate;
                }
            }
        }
        assertThat(entry).as("the refused upload is audited").isNotNull();
        assertThat(entry.path("outcome").asText()).isEqualTo("payload_too_large");
        String taskId = entry.path("details").path("taskId").asText();
        assertThat(taskId).as("its task had started while the body arrived: " + entry).isNotEmpty();
        JsonNode done = awaitDone(taskId);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("FAILED");
        assertThat(done.path("taskError").asText()).contains("did not arrive whole");
        assertThat(rows(name, "SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'").get(0).get(0).asLong())
                .as("the table the task was loading is rolled back").isZero();
        assertThat(uploadFiles()).isEmpty();
    }

    /** {@code dbspec upload} in its own process, the token in the environment: the file streamed, progress on stderr, the result on stdout. */
    @Test
    void cliUploadsThroughTheServer() throws Exception {
        String name = register("h2", "jdbc:h2:mem:up_" + suffix + ";DB_CLOSE_DELAY=-1", Optional.of("sa"), Optional.empty(), false);
        Path file = dir.resolve("cli.csv");
        Files.writeString(file, "id|label\n1|one\n2|\"two|2\"\n3|NIL\n");
        String ana = server.runtime.security().addUser("test", "cli_" + suffix, Role.ANALYST).token();
        admin.post("/api/databases/" + name + "/grants", Map.of("user", "cli_" + suffix));
        List<String> args = List.of("upload", file.toString(), "--server", "http://127.0.0.1:" + server.port(), "--database", name,
                "--table", "cli_t", "--delimiter", "|", "--null", "NIL", "--types", "label:STRING");
        ProcessResult run = cli(args, Map.of("DBSPEC_TOKEN", ana));
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("rows done: 3");
        JsonNode result = Http.MAPPER.readTree(run.out());
        assertThat(result.path("rows").asLong()).isEqualTo(3);
        assertThat(result.path("columns").toString()).contains("{\"name\":\"id\",\"type\":\"INTEGER\"}");
        assertThat(rows(name, "SELECT \"label\" FROM \"cli_t\" ORDER BY \"id\"").toString()).isEqualTo("[[\"one\"],[\"two|2\"],[null]]");
        ProcessResult noToken = cli(args, Map.of());
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.err()).contains("DBSPEC_TOKEN");
    }

    record ProcessResult(int exit, String out, String err) {
    }

    private ProcessResult cli(List<String> args, Map<String, String> environment) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), "dev.dbspec.host.cli.Main",
                "--plugins-dir", dir.resolve("plugins").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DBSPEC_TOKEN");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<Path> uploadFiles() throws Exception {
        Path uploads = dir.resolve("data/uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(uploads)) {
            return files.toList();
        }
    }

    private String upload(Http client, String name, String query, String csv) {
        Http.Response accepted = client.send("POST", "/api/databases/" + name + "/upload?" + query, csv, "text/csv; charset=utf-8");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().path("taskId").asText();
    }

    private JsonNode awaitDone(String taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = ana.get("/api/tasks/" + taskId).json();
            String state = status.path("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                return status;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("task " + taskId + " did not finish: " + status);
    }

    private String register(String tag, String url, Optional<String> user, Optional<String> password, boolean readOnly) {
        String name = "up_" + tag + "_" + suffix;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        user.ifPresent(u -> body.put("user", u));
        password.ifPresent(p -> body.put("password", p));
        body.put("readOnly", readOnly);
        Http.Response created = admin.post("/api/databases", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/databases/" + name + "/grants", Map.of("user", "ana")).status()).isEqualTo(201);
        if (!readOnly) { // runs after the tables are dropped: this class's marker rows, and the marker table if left empty
            cleanups.add(() -> {
                admin.post("/api/query", Map.of("database", name, "sql", "DELETE FROM dbspec_uploads WHERE table_name LIKE '%" + suffix + "%'"));
                Http.Response left = admin.post("/api/query", Map.of("database", name, "sql", "SELECT COUNT(*) FROM dbspec_uploads", "cache", false));
                if (left.status() == 200 && left.json().path("rows").get(0).get(0).asLong() == 0) {
                    admin.post("/api/query", Map.of("database", name, "sql", "DROP TABLE dbspec_uploads"));
                }
            });
        }
        return name;
    }

    private void dropAfter(String name, String tableSql) {
        cleanups.add(() -> admin.post("/api/query", Map.of("database", name, "sql", "DROP TABLE IF EXISTS " + tableSql)));
    }

    private JsonNode rows(String name, String sql) {
        Http.Response response = admin.post("/api/query", Map.of("database", name, "sql", sql, "cache", false));
        assertThat(response.status()).as(sql + ": " + response.body()).isEqualTo(200);
        return response.json().path("rows");
    }

    private long count(String name, String tableSql) {
        return rows(name, "SELECT COUNT(*) AS n FROM " + tableSql).get(0).get(0).asLong();
    }
}
