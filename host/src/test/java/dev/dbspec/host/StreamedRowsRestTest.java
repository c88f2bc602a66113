package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows streamed with the reading and the JSON encoding on two threads (PipelinedRows: batches of 256 handed to an encoder)
 * come out exactly as read, in order, whatever the batch boundaries: every value of 3,000 PostgreSQL rows of ten types is
 * checked against its expected text; limits on and around a batch boundary answer that many rows and say truncated; a
 * driver error in the middle of the stream (a division by zero in the fetch after the first blocks) ends the rows with
 * the error, and the rowCount is the rows in the answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamedRowsRestTest {
    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;

    private static final String SQL = "SELECT g AS id, g::numeric / 4 AS quarter, g * 1.5::float8 AS half, g % 2 = 0 AS even,"
            + " timestamp '2024-01-01' + g * interval '1.25 second' AS at, date '2024-01-01' + g AS day, md5(g::text) AS hash,"
            + " decode(lpad(to_hex(g), 8, '0'), 'hex') AS bytes, ARRAY[g, g + 1] AS pair, NULL::text AS nothing"
            + " FROM generate_series(1, 3000) g ORDER BY g";

    @BeforeAll
    void start() throws Exception {
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
        admin = server.as(server.addUser("root", Role.ADMIN));
        TestDatabase pg = TestDatabases.require("postgresql");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "pgstream");
        body.put("url", pg.jdbcUrl());
        pg.user().ifPresent(user -> body.put("user", user));
        pg.password().ifPresent(password -> body.put("password", password));
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode query(String sql, long limit) {
        Http.Response answer = admin.post("/api/query", Map.of("database", "pgstream", "sql", sql, "limit", limit, "cache", false));
        assertThat(answer.status()).as(answer.body().length() > 500 ? answer.body().substring(0, 500) : answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void everyValueOfEveryRowArrivesInOrder() throws Exception {
        JsonNode answer = query(SQL, 5000);
        JsonNode rows = answer.path("rows");
        assertThat(answer.path("rowCount").asLong()).isEqualTo(3000);
        assertThat(answer.path("truncated").asBoolean()).isFalse();
        assertThat(rows.size()).isEqualTo(3000);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (int g = 1; g <= 3000; g++) {
            JsonNode row = rows.get(g - 1);
            String at = row + " (row " + g + ")";
            assertThat(row.get(0).asLong()).as(at).isEqualTo(g);
            assertThat(row.get(1).decimalValue()).as(at).isEqualByComparingTo(new java.math.BigDecimal(g).divide(java.math.BigDecimal.valueOf(4)));
            assertThat(row.get(2).asDouble()).as(at).isEqualTo(g * 1.5);
            assertThat(row.get(3).asBoolean()).as(at).isEqualTo(g % 2 == 0);
            assertThat(row.get(3).isBoolean()).as(at).isTrue();
            assertThat(row.get(4).asText()).as(at).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0).plusNanos(g * 1_250_000_000L).toString());
            assertThat(row.get(5).asText()).as(at).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(g).toString());
            String hash = String.format("%032x", new BigInteger(1, md5.digest(Integer.toString(g).getBytes(StandardCharsets.US_ASCII))));
            assertThat(row.get(6).asText()).as(at).isEqualTo(hash);
            assertThat(row.get(7).asText()).as(at).isEqualTo(Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt(g).array()));
            assertThat(row.get(8).asText()).as(at).isEqualTo("{" + g + "," + (g + 1) + "}");
            assertThat(row.get(9).isNull()).as(at).isTrue();
        }
    }

    @Test
    void limitsAroundABatchBoundaryAnswerThatManyRows() {
        for (long limit : new long[] {1, 255, 256, 257, 512, 1000, 2999}) {
            JsonNode answer = query("SELECT g FROM generate_series(1, 3000) g ORDER BY g", limit);
            assertThat(answer.path("rowCount").asLong()).as("limit " + limit).isEqualTo(limit);
            assertThat(answer.path("rows").size()).as("limit " + limit).isEqualTo((int) limit);
            assertThat(answer.path("truncated").asBoolean()).as("limit " + limit).isTrue();
            assertThat(answer.path("rows").get((int) limit - 1).get(0).asLong()).isEqualTo(limit);
        }
        JsonNode exact = query("SELECT g FROM generate_series(1, 512) g ORDER BY g", 512);
        assertThat(exact.path("rowCount").asLong()).isEqualTo(512);
        assertThat(exact.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void anErrorInTheMiddleOfTheStreamEndsTheRowsWithIt() {
        Http.Response answer = admin.post("/api/query", Map.of("database", "pgstream",
                "sql", "SELECT g, 1 / (g - 2600) AS x FROM generate_series(1, 3000) g", "limit", 5000, "cache", false));
        JsonNode json = answer.json();
        assertThat(json.has("error")).as(answer.body().length() > 300 ? answer.body().substring(answer.body().length() - 300) : answer.body()).isTrue();
        assertThat(json.path("rowCount").asLong()).isEqualTo(json.path("rows").size());
        assertThat(json.path("rows").size()).as("rows streamed before the failing block").isGreaterThan(0).isLessThan(2600);
        for (int i = 0; i < json.path("rows").size(); i++) {
            assertThat(json.path("rows").get(i).get(0).asLong()).isEqualTo(i + 1);
        }
        assertThat(json.path("error").path("message").asText()).containsIgnoringCase("division by zero");
    }

    /**
     * Wall-clock timestamps come as the database has them (read as LocalDateTime, not through java.sql.Timestamp in this
     * JVM's zone): a time inside a daylight-saving gap of the JVM's zone is not moved by an hour, dates before 1582 and
     * before the common era keep their proleptic Gregorian day, infinity is written as the word. Time-zoned timestamps
     * keep their earlier reading (an instant shown in the JVM's zone). With a Timestamp in Europe/Berlin, 02:30 on
     * 2024-03-31 came out as 03:30.
     */
    @Test
    void wallClockTimestampsComeAsTheDatabaseHasThem() {
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
            JsonNode rows = query("SELECT n, at, zoned FROM (VALUES (1, timestamp '2024-03-31 02:30:00', NULL::timestamptz),"
                    + " (2, timestamp '1000-01-01 12:34:56.789', NULL), (3, timestamp '0044-03-15 12:00:00 BC', NULL),"
                    + " (4, timestamp 'infinity', NULL), (5, timestamp '-infinity', NULL), (6, NULL, NULL),"
                    + " (7, timestamp '2024-12-06 10:11:12.123456', timestamptz '2024-06-01 12:00:00+00')) v(n, at, zoned)"
                    + " ORDER BY n", 100).path("rows");
            assertThat(rows.size()).isEqualTo(7);
            assertThat(rows.get(0).get(1).asText()).isEqualTo("2024-03-31T02:30");
            assertThat(rows.get(1).get(1).asText()).isEqualTo("1000-01-01T12:34:56.789");
            assertThat(rows.get(2).get(1).asText()).isEqualTo("-0043-03-15T12:00");
            assertThat(rows.get(3).get(1).asText()).isEqualTo("infinity");
            assertThat(rows.get(4).get(1).asText()).isEqualTo("-infinity");
            assertThat(rows.get(5).get(1).isNull()).isTrue();
            assertThat(rows.get(6).get(1).asText()).isEqualTo("2024-12-06T10:11:12.123456");
            assertThat(rows.get(6).get(2).asText()).isEqualTo("2024-06-01T14:00");
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
    }

    /**
     * A numeric column is written as the driver's text when that is a JSON number (not parsed into a BigDecimal and
     * printed again), with every digit and the scale; NaN and Infinity, which are not JSON numbers, are written as
     * before (as text).
     */
    @Test
    void numericValuesKeepEveryDigitAndNonNumbersStayText() {
        Http.Response answer = admin.post("/api/query", Map.of("database", "pgstream", "cache", false, "sql",
                "SELECT n, v FROM (VALUES (1, 0.0000001::numeric), (2, 123456789012345678901234567890.123456789::numeric),"
                + " (3, -2.50::numeric), (4, 'NaN'::numeric), (5, 'Infinity'::numeric), (6, '-Infinity'::numeric), (7, NULL::numeric),"
                + " (8, 0::numeric)) t(n, v) ORDER BY n"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        // the body's text, not a parsed tree (a JSON parser reads numbers as doubles)
        String body = answer.body().replaceAll("\\s", "");
        String rows = body.substring(body.indexOf("\"rows\":") + 7, body.indexOf("]]", body.indexOf("\"rows\":")) + 2);
        assertThat(rows).isEqualTo("[[1,0.0000001],[2,123456789012345678901234567890.123456789],[3,-2.50],"
                + "[4,\"NaN\"],[5,\"Infinity\"],[6,\"-Infinity\"],[7,null],[8,0]]");
    }
}
