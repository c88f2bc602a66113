package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * User impersonation over real HTTP on live PostgreSQL: a database registered with {@code "impersonate": true} runs each
 * request as the requesting user's role ({@code SET LOCAL ROLE}), so a role without {@code SELECT} on a table gets a
 * permission error where the login user reads it; the pooled connections (at most two) are the login user's again after
 * every request; the SQL that could switch the role back is refused and changes nothing; {@code runAs} is for admins, and
 * refused on a database registered without impersonation; a role that does not exist fails closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpersonationRestTest {
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String TABLE = "imp_secret_" + SUFFIX;
    private static final String READER = "imp_reader_" + SUFFIX;
    private static final String BLIND = "imp_blind_" + SUFFIX;
    private static final String MISSING = "imp_missing_" + SUFFIX;
    /** The admin's dbspec name, which no role of the server has. */
    private static final String ADMIN = "imp_admin_" + SUFFIX;

    @TempDir
    static Path dir;

    private SecuredServer server;
    private Http admin;
    private Http reader;
    private Http blind;
    private TestDatabase pg;
    private String login;

    @BeforeAll
    void start() throws Exception {
        pg = TestDatabases.require("postgresql");
        login = pg.user().orElseThrow();
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data"))
                .with("pool.max-size", 2));
        execute(List.of("CREATE ROLE " + READER + " NOLOGIN", "CREATE ROLE " + BLIND + " NOLOGIN",
                "CREATE TABLE public." + TABLE + " (v VARCHAR(10))", "INSERT INTO public." + TABLE + " VALUES ('secret')",
                "GRANT SELECT ON public." + TABLE + " TO " + READER));
        admin = server.as(server.addUser(ADMIN, Role.ADMIN));
        reader = server.as(server.addUser(READER, Role.ANALYST));
        blind = server.as(server.addUser(BLIND, Role.ANALYST));
        register("imp", true);
        register("plain", false);
        for (String user : List.of(READER, BLIND)) {
            for (String database : List.of("imp", "plain")) {
                Http.Response granted = admin.post("/api/databases/" + database + "/grants", Map.of("user", user));
                assertThat(granted.status()).as(granted.body()).isEqualTo(201);
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.runtime.databases().remove("imp"); // closes the pools, whose connections held the roles
            server.runtime.databases().remove("plain");
            execute(List.of("DROP TABLE IF EXISTS public." + TABLE, "DROP FUNCTION IF EXISTS imp_f_" + SUFFIX + "()",
                    "DROP FUNCTION IF EXISTS imp_g_" + SUFFIX + "()", "DROP ROLE IF EXISTS " + READER, "DROP ROLE IF EXISTS " + BLIND));
        } finally {
            server.close();
        }
    }

    @Test
    void eachRequestRunsAsTheRequestingUsersRole() {
        assertThat(rows(query(reader, "imp", "SELECT current_user, session_user", null))).isEqualTo("[[\"" + READER + "\",\"" + login + "\"]]");
        assertThat(rows(query(blind, "imp", "SELECT current_user", null))).isEqualTo("[[\"" + BLIND + "\"]]");
        assertThat(rows(query(reader, "imp", "SELECT v FROM " + TABLE, null))).isEqualTo("[[\"secret\"]]");
        Http.Response denied = query(blind, "imp", "SELECT v FROM " + TABLE, null);
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(denied.json().path("error").asText()).isEqualTo("permission");
        assertThat(rows(query(blind, "plain", "SELECT v FROM " + TABLE, null))).as("the login user reads it").isEqualTo("[[\"secret\"]]");
        assertThat(rows(query(blind, "plain", "SELECT current_user", null))).isEqualTo("[[\"" + login + "\"]]");
    }

    @Test
    void aReadOnlyRegistrationImpersonatesToo() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "impro");
        body.put("url", pg.jdbcUrl());
        pg.user().ifPresent(user -> body.put("user", user));
        pg.password().ifPresent(password -> body.put("password", password));
        body.put("readOnly", true);
        body.put("impersonate", true);
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(admin.post("/api/databases/impro/grants", Map.of("user", BLIND)).status()).isEqualTo(201);
        try {
            assertThat(rows(query(blind, "impro", "SELECT current_user, current_setting('transaction_read_only')", null)))
                    .isEqualTo("[[\"" + BLIND + "\",\"on\"]]");
            Http.Response denied = query(blind, "impro", "SELECT v FROM " + TABLE, null);
            assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        } finally {
            admin.delete("/api/databases/impro");
        }
    }

    @Test
    void theCacheKeepsUsersApart() {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("database", "imp", "sql", "SELECT v FROM " + TABLE + " WHERE 1 = 1", "cache", true));
        Http.Response first = reader.post("/api/query", body);
        assertThat(rows(first)).isEqualTo("[[\"secret\"]]");
        assertThat(rows(reader.post("/api/query", body))).isEqualTo("[[\"secret\"]]");
        Http.Response other = blind.post("/api/query", body);
        assertThat(other.status()).as("another user never gets the cached answer: " + other.body()).isEqualTo(403);
    }

    @Test
    void pooledConnectionsAreTheLoginUsersAgain() throws Exception {
        for (int i = 0; i < 12; i++) {
            Http who = i % 2 == 0 ? reader : blind;
            String role = i % 2 == 0 ? READER : BLIND;
            assertThat(rows(query(who, "imp", "SELECT current_user", null))).isEqualTo("[[\"" + role + "\"]]");
            Http.Response failing = query(blind, "imp", "SELECT v FROM " + TABLE, null);
            assertThat(failing.status()).as(failing.body()).isEqualTo(403);
        }
        Database database = server.runtime.databases().database("imp", Optional.empty());
        // Both connections of the pool at once: each is back to the login user, with no role set.
        try (Connection first = database.pool().getConnection(); Connection second = database.pool().getConnection()) {
            for (Connection connection : List.of(first, second)) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT current_user, current_setting('role')")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(login);
                    assertThat(rs.getString(2)).isEqualTo("none");
                }
            }
        }
    }

    @Test
    void sqlCannotLeaveTheImpersonatedRole() {
        List<String> escapes = List.of(
                "RESET ROLE",
                "RESET ROLE; SELECT v FROM " + TABLE,
                "SELECT 1; RESET ROLE; SELECT v FROM " + TABLE,
                "/* x */ reset role",
                "RESET ALL",
                "RESET SESSION AUTHORIZATION",
                "SET ROLE " + login,
                "SET ROLE NONE",
                "SET LOCAL ROLE " + login,
                "SET SESSION ROLE " + login,
                "set role to default",
                "SET SESSION AUTHORIZATION " + login,
                "SET SESSION AUTHORIZATION DEFAULT",
                "SET session_authorization = '" + login + "'",
                "SELECT 1; SET ROLE " + login,
                "SET \"role\" = '" + login + "'",
                "SELECT set_config('role', '" + login + "', false)",
                "SELECT set_config('role', '" + login + "', true), (SELECT v FROM " + TABLE + ")",
                "SELECT pg_catalog.set_config('role', 'none', true)",
                "SELECT \"set_config\"('role', 'none', true)",
                "SELECT U&\"s\\0065t_config\"('role', 'none', true)",
                "DO $$BEGIN EXECUTE 'SET ROLE " + login + "'; END$$",
                "COMMIT; SELECT v FROM " + TABLE,
                "CREATE FUNCTION imp_f_" + SUFFIX + "() RETURNS text LANGUAGE sql SET role = " + login + " AS 'SELECT v FROM " + TABLE + "'",
                "CREATE FUNCTION imp_g_" + SUFFIX + "() RETURNS text LANGUAGE sql SECURITY DEFINER AS 'SELECT current_user'",
                "PREPARE imp_p AS SELECT 1",
                "EXECUTE S_1", // pgjdbc's own server-side statements on the pooled connection
                "EXPLAIN ANALYZE EXECUTE S_1",
                "DECLARE imp_c CURSOR WITH HOLD FOR SELECT v FROM " + TABLE,
                "COPY (SELECT v FROM " + TABLE + ") TO STDOUT",
                "LISTEN imp_channel",
                "SET LOCAL \"ROLE\" TO '" + login + "'",
                "SET/**/role TO '" + login + "'",
                "set\trole\nto " + login,
                "SELECT pg_catalog.\"ts_rewrite\"('a'::tsquery, 'SELECT ''a''::tsquery, ''b''::tsquery')",
                // ts_rewrite runs the SELECT in its text argument, where a concatenated name hides from every check: the
                // role it sets lasts for the rest of the transaction, so table_to_xml then reads the table as the login user.
                "SELECT ts_rewrite('a'::tsquery, 'SELECT (se' || 't_config(''role'', ''" + login + "'', true) || ''a'')::tsquery,"
                        + " ''a''::tsquery')::text, table_to_xml('public." + TABLE + "', true, false, '')::text",
                "SELECT ts_rewrite('a'::tsquery, 'SELECT (se' || 't_config(''role'', ''" + login + "'', true) || ''a'')::tsquery,"
                        + " ''a''::tsquery')::text; SELECT v FROM " + TABLE,
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (String sql : escapes) {
            Http.Response refused = query(blind, "imp", sql, null);
            soft.assertThat(refused.status()).as(sql + ": " + refused.body()).isIn(400, 403);
            soft.assertThat(refused.body()).as(sql).doesNotContain("secret");
            Http.Response after = query(blind, "imp", "SELECT current_user, current_setting('role')", null);
            soft.assertThat(after.body()).as("after " + sql).contains("[[\"" + BLIND + "\",\"" + BLIND + "\"]]");
        }
        soft.assertAll();
        Http.Response still = query(blind, "imp", "SELECT v FROM " + TABLE, null);
        assertThat(still.status()).as(still.body()).isEqualTo(403);
        // The same SQL switches the role on a registration without impersonation: the refusals are impersonation's.
        assertThat(rows(query(admin, "plain", "SELECT set_config('role', 'none', true)", null))).isEqualTo("[[\"none\"]]");
    }

    @Test
    void runAsIsForAdminsAndImpersonatingDatabasesOnly() {
        assertThat(rows(query(admin, "imp", "SELECT current_user AS audited", READER))).isEqualTo("[[\"" + READER + "\"]]");
        JsonNode audited = admin.get("/api/audit?action=query&user=" + ADMIN).json().path("entries");
        assertThat(audited.toString()).as("the audit log names the database user").contains("\"runAs\":\"" + READER + "\"");
        assertThat(rows(query(reader, "imp", "SELECT current_user", READER))).as("naming oneself").isEqualTo("[[\"" + READER + "\"]]");
        Http.Response other = query(blind, "imp", "SELECT v FROM " + TABLE, READER);
        assertThat(other.status()).as(other.body()).isEqualTo(403);
        assertThat(other.json().path("error").asText()).isEqualTo("forbidden");
        Http.Response otherAsync = blind.post("/api/query/async", Map.of("database", "imp", "sql", "SELECT 1", "runAs", READER));
        assertThat(otherAsync.status()).as(otherAsync.body()).isEqualTo(403);
        Http.Response plain = query(admin, "plain", "SELECT current_user", READER);
        assertThat(plain.status()).as("runAs is refused, not ignored: " + plain.body()).isEqualTo(400);
        assertThat(plain.body()).contains("not registered with impersonation");
        Http.Response plainAnalyst = query(reader, "plain", "SELECT current_user", READER);
        assertThat(plainAnalyst.status()).as(plainAnalyst.body()).isEqualTo(400);
    }

    @Test
    void aRoleThatDoesNotExistFailsClosed() {
        Http.Response missing = query(admin, "imp", "SELECT v FROM " + TABLE, MISSING);
        assertThat(missing.status()).as(missing.body()).isEqualTo(403);
        assertThat(missing.json().path("error").asText()).isEqualTo("impersonation_failed");
        assertThat(missing.body()).contains(MISSING).doesNotContain("secret");
        // The admin's own name has no role either: never run as the login user instead.
        Http.Response own = query(admin, "imp", "SELECT v FROM " + TABLE, null);
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.json().path("error").asText()).isEqualTo("impersonation_failed");
        Http.Response metadata = admin.get("/api/databases/imp/schemas");
        assertThat(metadata.status()).as("metadata reads impersonate too: " + metadata.body()).isEqualTo(403);
        for (String lookAlike : List.of(READER + "\u0000", READER.replace('i', '\u0131'), READER + "\u200b", " " + READER)) {
            Http.Response odd = query(admin, "imp", "SELECT v FROM " + TABLE, lookAlike);
            assertThat(odd.status()).as(lookAlike + ": " + odd.body()).isEqualTo(403);
            assertThat(odd.body()).doesNotContain("secret");
        }
        Http.Response tooLong = query(admin, "imp", "SELECT 1", READER + "x".repeat(64));
        assertThat(tooLong.status()).as("a name PostgreSQL would truncate: " + tooLong.body()).isEqualTo(403);
        assertThat(tooLong.json().path("error").asText()).isEqualTo("impersonation_failed");
    }

    /**
     * A dbspec user whose database user is the registration's login (here a superuser) would get every power the
     * impersonating registration is there to withhold: refused like a role that does not exist, whoever names it.
     */
    @Test
    void theLoginUserIsNeverAssumed() {
        Http namedLikeTheLogin = server.as(server.addUser(login, Role.ANALYST));
        assertThat(admin.post("/api/databases/imp/grants", Map.of("user", login)).status()).isEqualTo(201);
        Http.Response own = query(namedLikeTheLogin, "imp", "SELECT v FROM " + TABLE, null);
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.json().path("error").asText()).isEqualTo("impersonation_failed");
        assertThat(own.body()).doesNotContain("secret");
        Http.Response runAs = query(admin, "imp", "SELECT v FROM " + TABLE, login);
        assertThat(runAs.status()).as(runAs.body()).isEqualTo(403);
        assertThat(runAs.json().path("error").asText()).isEqualTo("impersonation_failed");
        Http.Response metadata = namedLikeTheLogin.get("/api/databases/imp/schemas");
        assertThat(metadata.status()).as(metadata.body()).isEqualTo(403);
    }

    @Test
    void asyncValidateEstimateAndMetadataRunAsTheUser() throws Exception {
        Http.Response submitted = reader.post("/api/query/async", Map.of("database", "imp", "sql", "SELECT current_user"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(awaitResult(reader, submitted.json().path("taskId").asText()).path("rows").toString())
                .isEqualTo("[[\"" + READER + "\"]]");
        Http.Response estimateReader = reader.post("/api/databases/imp/estimate", Map.of("sql", "SELECT v FROM " + TABLE));
        assertThat(estimateReader.status()).as(estimateReader.body()).isEqualTo(200);
        Http.Response estimateBlind = blind.post("/api/databases/imp/estimate", Map.of("sql", "SELECT v FROM " + TABLE));
        assertThat(estimateBlind.status()).as("EXPLAIN checks the role's privileges: " + estimateBlind.body()).isEqualTo(403);
        Http.Response validateEscape = blind.post("/api/databases/imp/validate", Map.of("sql", "RESET ROLE"));
        assertThat(validateEscape.status()).as(validateEscape.body()).isEqualTo(403);
        Http.Response schemas = blind.get("/api/databases/imp/schemas");
        assertThat(schemas.status()).as(schemas.body()).isEqualTo(200);
    }

    @Test
    void registrationNeedsAnEngineThatImpersonates() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "h2imp");
        body.put("url", "jdbc:h2:mem:imp_" + SUFFIX);
        body.put("user", "sa");
        body.put("impersonate", true);
        Http.Response refused = admin.post("/api/databases", body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("user_impersonation");
        body.put("impersonate", "yes");
        assertThat(admin.post("/api/databases", body).status()).isEqualTo(400);
        // Trino impersonates through sessionUser: a registration may not set it itself (spec-only engine: nothing connects).
        Map<String, Object> trino = new LinkedHashMap<>(Map.of("name", "trinoimp", "url", "jdbc:trino://127.0.0.1:1/c?sessionUser=admin",
                "user", "svc", "impersonate", true));
        Http.Response own = admin.post("/api/databases", trino);
        assertThat(own.status()).as(own.body()).isEqualTo(400);
        assertThat(own.body()).contains("sessionUser");
        trino.put("url", "jdbc:trino://127.0.0.1:1/c");
        trino.put("verify", false); // nothing listens: registered without a test connection
        Http.Response accepted = admin.post("/api/databases", trino);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().path("impersonate").asBoolean()).isTrue();
        admin.delete("/api/databases/trinoimp");
        assertThat(admin.get("/api/databases/imp").json().path("impersonate").asBoolean()).isTrue();
        assertThat(admin.get("/api/databases/plain").json().path("impersonate").asBoolean()).isFalse();
    }

    private Http.Response query(Http who, String database, String sql, String runAs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("database", database);
        body.put("sql", sql);
        body.put("cache", false);
        if (runAs != null) {
            body.put("runAs", runAs);
        }
        return who.post("/api/query", body);
    }

    private static String rows(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("rows").toString();
    }

    private void register(String name, boolean impersonate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", pg.jdbcUrl());
        pg.user().ifPresent(user -> body.put("user", user));
        pg.password().ifPresent(password -> body.put("password", password));
        body.put("impersonate", impersonate);
        Http.Response registered = admin.post("/api/databases", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().path("impersonate").asBoolean()).isEqualTo(impersonate);
    }

    private void execute(List<String> statements) throws SQLException {
        Properties properties = new Properties();
        pg.user().ifPresent(user -> properties.setProperty("user", user));
        pg.password().ifPresent(password -> properties.setProperty("password", password));
        try (Connection connection = Connections.open(server.runtime.host().registry().resolve("postgresql"), pg.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private JsonNode awaitResult(Http who, String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String seen = "";
        while (System.nanoTime() < deadline) {
            Http.Response status = who.get("/api/tasks/" + taskId);
            seen = status.json().path("state").asText() + " " + status.body();
            if (seen.startsWith("SUCCEEDED")) {
                Http.Response result = who.get("/api/tasks/" + taskId + "/result");
                assertThat(result.status()).as(result.body()).isEqualTo(200);
                return result.json();
            }
            if (seen.startsWith("FAILED")) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " is " + seen);
    }
}
