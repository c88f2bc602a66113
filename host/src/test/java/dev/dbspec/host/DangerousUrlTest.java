package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.JsonFileDatabaseStore;
import dev.dbspec.host.databases.LocalFilePolicy;
import dev.dbspec.host.databases.PoolSettings;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dangerous JDBC URLs against the real drivers. Each attempt registers the URL through the host; were
 * the registration accepted (the protection removed), the test opens a connection through the host's
 * pool so the driver acts on the URL, and then looks for the effect: a marker file written by H2's
 * {@code INIT}, a listening socket, a local file loaded into a table, a row inserted on connect, a
 * database outside the files directory read or created. Every test asserts both the refusal and the
 * absence of the effect, so it fails when the allow-list or the path check is taken away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DangerousUrlTest {
    @TempDir
    static Path plugins;

    private DbspecHost host;
    private Path data;
    private Path files;
    private Path outside;
    private DatabaseRegistry registry;

    @BeforeAll
    void start() {
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @BeforeEach
    void registry() throws IOException {
        data = Files.createTempDirectory("dbspec-danger");
        files = Files.createDirectory(data.resolve("files"));
        outside = Files.createDirectory(data.resolve("outside"));
        registry = new DatabaseRegistry(host.registry(), new JsonFileDatabaseStore(data.resolve("db.json")),
                new PoolSettings(2, Duration.ofSeconds(5)), new LocalFilePolicy(files, false));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    /** What the driver did with a URL the host accepted. */
    @FunctionalInterface
    interface Use {
        void with(Connection connection) throws SQLException;
    }

    /**
     * Registers {@code url}; when accepted, connects through the pool and runs {@code use}. Answers the
     * refusal, empty when the host accepted the URL.
     */
    private Optional<RequestException> attempt(String url, Optional<String> user, Map<String, String> options, Use use) {
        String name = "d" + UUID.randomUUID().toString().substring(0, 8);
        try {
            registry.register(name, url, user, Secret.none(), options, false);
        } catch (RequestException refused) {
            return Optional.of(refused);
        }
        try (Connection connection = registry.database(name, Optional.empty()).pool().getConnection()) {
            use.with(connection);
        } catch (Exception e) {
            // The driver may fail after it acted on the URL; the effect is what the test looks at.
        }
        return Optional.empty();
    }

    private Optional<RequestException> attempt(String url) {
        return attempt(url, Optional.empty(), Map.of(), connection -> query(connection, "SELECT 1"));
    }

    private static void query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void h2InitInEverySpellingH2ReadsRunsNothing() {
        List<String> accepted = new ArrayList<>();
        String[] spellings = {"INIT", "IN\\IT", "\u0131n\u0131t", "Init"};
        for (int i = 0; i < spellings.length; i++) {
            Path marker = data.resolve("init-marker-" + i);
            String url = "jdbc:h2:mem:init" + i + ";" + spellings[i] + "=CALL FILE_WRITE(STRINGTOUTF8('x'), '" + marker + "')";
            Optional<RequestException> refusal = attempt(url);
            if (refusal.isEmpty()) {
                accepted.add(spellings[i]);
            } else {
                assertThat(refusal.get()).hasMessageContaining("runs SQL");
            }
            assertThat(marker).as("INIT spelled " + spellings[i] + " ran SQL on the host").doesNotExist();
        }
        assertThat(accepted).as("INIT spellings accepted").isEmpty();
    }

    @Test
    void h2AutoServerOpensNoListener() throws IOException {
        Path database = files.resolve("auto");
        Optional<RequestException> refusal = attempt("jdbc:h2:" + database + ";AUTO_SERVER=TRUE");
        Path lock = files.resolve("auto.lock.db");
        if (Files.exists(lock)) {
            String server = Files.readAllLines(lock).stream().filter(line -> line.startsWith("server=")).findFirst().orElse("");
            if (!server.isEmpty()) {
                String[] address = server.substring("server=".length()).replace("\\:", ":").split(":");
                try (Socket socket = new Socket(address[0], Integer.parseInt(address[1]))) {
                    assertThat(socket.isConnected()).as("H2 listens on " + server).isFalse();
                }
            }
        }
        assertThat(refusal).as("AUTO_SERVER refused").get().asString().contains("TCP server");
    }

    @Test
    void connectorJLocalInfileInEverySpellingLoadsNoFile() throws IOException {
        TestDatabase mariadb = TestDatabases.require("mariadb");
        String server = mariadb.jdbcUrl().replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*$", "");
        String host = server.contains(":") ? server.substring(0, server.indexOf(':')) : server;
        String port = server.contains(":") ? server.substring(server.indexOf(':') + 1) : "3306";
        Path secret = outside.resolve("secret.txt");
        Files.writeString(secret, "line1\nline2\n");
        String table = "dbspec_infile_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = mariadb.connect(host().registry().resolve("mariadb"))) {
            query(admin, "CREATE TABLE " + table + " (line VARCHAR(100))");
            String load = "LOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE " + table;
            for (String url : new String[] {
                    "jdbc:mysql://" + server + "/test?allowLoadLocalInfile=true",
                    "jdbc:mysql://" + server + "/test?allowLoad%4CocalInfile=true",
                    "jdbc:mysql://address=(host=" + host + ")(port=" + port + ")(allowLoadLocalInfile=true)/test",
                    "jdbc:mysql://(host=" + host + ",port=" + port + ",allowLoadLocalInfile=true)/test",
                    "jdbc:mysql://" + server + "/test?allowLoadLocalInfileInPath=/",
                    "jdbc:mysql://" + server + "/test?allowUrlInLocalInfile=true&allowLoadLocalInfile=true"}) {
                Optional<RequestException> refusal = attempt(url, mariadb.user(), Map.of(), connection -> query(connection, load));
                assertThat(refusal).as(url).isPresent();
                assertThat(count(admin, table)).as("rows loaded from a local file through " + url).isZero();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        } finally {
            dropQuietly(mariadb, "DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void connectorJClassNamesInHostBlocksAreRefused() {
        TestDatabase mariadb = TestDatabases.require("mariadb");
        String server = mariadb.jdbcUrl().replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*$", "");
        String host = server.contains(":") ? server.substring(0, server.indexOf(':')) : server;
        for (String url : new String[] {
                "jdbc:mysql://(host=" + host + ",queryInterceptors=dev.dbspec.Evil)/test",
                "jdbc:mysql://address=(host=" + host + ")(socketFactory=dev.dbspec.Evil)/test",
                "jdbc:mysql://" + server + "/test?query%49nterceptors=dev.dbspec.Evil",
                "jdbc:mysql://" + server + "/test?namedPipePath=" + outside.resolve("pipe")}) {
            assertThat(attempt(url, mariadb.user(), Map.of(), connection -> query(connection, "SELECT 1"))).as(url).isPresent();
        }
        assertThat(outside.resolve("pipe")).doesNotExist();
    }

    /** Failover, load balancing and replication would switch servers inside a request, out of its read-only transaction. */
    @Test
    void connectorJMultiHostModesAreRefused() {
        TestDatabase mariadb = TestDatabases.require("mariadb");
        String server = mariadb.jdbcUrl().replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*$", "");
        for (String url : new String[] {"jdbc:mysql:loadbalance://" + server + "," + server + "/test",
                "jdbc:mysql:replication://" + server + "," + server + "/test", "jdbc:mysql://" + server + "," + server + "/test"}) {
            assertThat(attempt(url, mariadb.user(), Map.of(), connection -> query(connection, "SELECT 1"))).as(url).get().asString()
                    .contains("one server per registration");
        }
    }

    /** pgjdbc's options reach the server as start-up settings: only a few session settings may be named. */
    @Test
    void pgjdbcStartupOptionsCannotSetWhatTheHostReliesOn() {
        TestDatabase postgres = TestDatabases.require("postgresql");
        String base = postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?");
        assertThat(attempt(base + "options=-c%20default_transaction_read_only%3Doff", postgres.user(), Map.of(),
                connection -> query(connection, "SELECT 1"))).get().asString().contains("may set only");
        assertThat(attempt(base + "options=-c%20statement_timeout%3D60000", postgres.user(), Map.of(),
                connection -> query(connection, "SELECT 1"))).isEmpty();
    }

    /** H2 reads a backslash as an escape (PASSWORD=a\\;b is one value) that other readers of the URL, masking included, cut elsewhere. */
    @Test
    void h2EscapesInSettingsAreRefused() {
        assertThat(attempt("jdbc:h2:mem:esc;PASSWORD=abc\\;tail")).get().asString().contains("backslash");
    }

    @Test
    void mariadbInitSqlAndAliasesAreRefused() throws SQLException {
        TestDatabase mariadb = TestDatabases.require("mariadb");
        String table = "dbspec_initsql_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = mariadb.connect(host.registry().resolve("mariadb"))) {
            query(admin, "CREATE TABLE " + table + " (id INT)");
            String base = mariadb.jdbcUrl() + (mariadb.jdbcUrl().contains("?") ? "&" : "?");
            Optional<RequestException> refusal = attempt(base + "initSql=INSERT INTO " + table + " VALUES (1)", mariadb.user(),
                    Map.of(), connection -> query(connection, "SELECT 1"));
            assertThat(refusal).get().asString().contains("runs SQL");
            Optional<RequestException> asProperty = attempt(mariadb.jdbcUrl(), mariadb.user(),
                    Map.of("initSql", "INSERT INTO " + table + " VALUES (2)"), connection -> query(connection, "SELECT 1"));
            assertThat(asProperty).isPresent();
            assertThat(count(admin, table)).as("rows inserted by initSql on connect").isZero();
            assertThat(attempt(base + "trustCertificateKeyStoreUrl=file:" + outside.resolve("ks.jks"))).get().asString()
                    .contains("key store");
            assertThat(attempt(base + "createDatabaseIfNotExist=true")).isPresent();
        } finally {
            dropQuietly(mariadb, "DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void sqliteResourceUrlsAndLinksReadNoDatabaseOutside() throws Exception {
        Path foreign = outside.resolve("foreign.db");
        createSqlite(foreign);
        Files.createSymbolicLink(files.resolve("link.db"), foreign);
        Files.createSymbolicLink(files.resolve("dir"), outside);
        for (String url : new String[] {"jdbc:sqlite::resource:file:" + foreign, "jdbc:sqlite::resource:" + foreign.toUri(),
                "jdbc:sqlite:" + files.resolve("link.db"), "jdbc:sqlite:" + files.resolve("dir/foreign.db"),
                "jdbc:sqlite:" + files.resolve("../outside/foreign.db"), "jdbc:sqlite:file:" + files.resolve("dir/foreign.db") + "?mode=ro"}) {
            List<String> read = new ArrayList<>();
            Optional<RequestException> refusal = attempt(url, Optional.empty(), Map.of(), connection -> {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT v FROM t")) {
                    while (rows.next()) {
                        read.add(rows.getString(1));
                    }
                }
            });
            assertThat(read).as("rows read through " + url).isEmpty();
            assertThat(refusal).as(url).isPresent();
        }
    }

    @Test
    void h2FollowsNoLinkOutOfTheFilesDirectory() throws Exception {
        Path foreign = outside.resolve("foreign");
        try (Connection connection = Connections.open(host.registry().resolve("h2"), "jdbc:h2:" + foreign, new Properties());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v VARCHAR(10)); INSERT INTO t VALUES ('secret')");
        }
        Files.createSymbolicLink(files.resolve("linked.mv.db"), outside.resolve("foreign.mv.db"));
        Files.createSymbolicLink(files.resolve("dir"), outside);
        for (String url : new String[] {"jdbc:h2:" + files.resolve("linked"), "jdbc:h2:file:" + files.resolve("dir/foreign")}) {
            List<String> read = new ArrayList<>();
            Optional<RequestException> refusal = attempt(url, Optional.empty(), Map.of(), connection -> {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT v FROM t")) {
                    while (rows.next()) {
                        read.add(rows.getString(1));
                    }
                }
            });
            assertThat(read).as("rows read through " + url).isEmpty();
            assertThat(refusal).as(url).isPresent();
        }
    }

    @Test
    void duckdbPathsThatDuckdbReadsDifferentlyCreateNothingOutside() {
        for (String url : new String[] {"jdbc:duckdb:" + files.resolve("x?/../../outside/created.db"),
                "jdbc:duckdb:" + files.resolve("x%3F/../../outside/created.db")}) {
            Optional<RequestException> refusal = attempt(url);
            assertThat(refusal).as(url).isPresent();
        }
        assertThat(outside.resolve("created.db")).as("database created outside the files directory").doesNotExist();
    }

    @Test
    void duckdbSqlCannotReadThroughALinkPlantedInTheFilesDirectory() throws Exception {
        Files.writeString(outside.resolve("secret.csv"), "v\nsecret\n");
        Files.createSymbolicLink(files.resolve("planted"), outside);
        registry.register("duck", "jdbc:duckdb:", Optional.empty(), Secret.none(), Map.of(), false);
        List<String> read = new ArrayList<>();
        Optional<RequestException> refusal = Optional.empty();
        try (Connection connection = registry.database("duck", Optional.empty()).pool().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT v FROM read_csv('" + files.resolve("planted/secret.csv") + "')")) {
            while (rows.next()) {
                read.add(rows.getString(1));
            }
        } catch (RequestException refused) {
            refusal = Optional.of(refused);
        } catch (SQLException e) {
            // DuckDB refused on its own
        }
        assertThat(read).as("rows read through a planted link").isEmpty();
        assertThat(refusal).get().asString().contains("symbolic link");
    }

    @Test
    void derbyArchivesAndClassPathDatabasesAreRefused() {
        for (String url : new String[] {"jdbc:derby:jar:(" + outside.resolve("db.jar") + ")db", "jdbc:derby:classpath:db",
                "jdbc:derby:" + files.resolve("d") + ";createFrom=" + outside.resolve("backup"),
                "jdbc:hsqldb:res:/db", "jdbc:h2:zip:" + outside.resolve("db.zip") + "!/db"}) {
            assertThat(attempt(url)).as(url).isPresent();
        }
    }

    private DbspecHost host() {
        return host;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void dropQuietly(TestDatabase database, String sql) {
        try (Connection connection = database.connect(host.registry().resolve(database.engineId()))) {
            query(connection, sql);
        } catch (SQLException e) {
            // best effort
        }
    }

    private void createSqlite(Path file) throws SQLException {
        try (Connection connection = Connections.open(host.registry().resolve("sqlite"), "jdbc:sqlite:" + file, new Properties());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v TEXT)");
            statement.execute("INSERT INTO t VALUES ('secret')");
        }
    }
}
