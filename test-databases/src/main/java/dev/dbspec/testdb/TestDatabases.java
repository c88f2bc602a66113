package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a live database for an engine, in this order:
 * <ol>
 *   <li>{@code DBSPEC_TEST_<ENGINE>_URL} (with {@code _USER} and {@code _PASSWORD});</li>
 *   <li>the local service on its standard port (PostgreSQL 5432, MariaDB/MySQL 3306, database {@code test}; ClickHouse's
 *       HTTP port 8123, {@code .ci/start-clickhouse}), or the server {@code .ci/engines/start} runs (Trino's testing
 *       server on 18080 with the memory catalog, an embedded Drillbit on 31010, QuestDB's PostgreSQL wire endpoint on
 *       8812);</li>
 *   <li>a Testcontainers container when a Docker engine is reachable;</li>
 *   <li>an embedded engine (H2, HSQLDB, Derby, SQLite, DuckDB) in memory or in a temporary file.</li>
 * </ol>
 * When none is found the test is skipped with the reason, unless {@code DBSPEC_TESTDB_REQUIRE}
 * (comma-separated engine ids, set by CI) names the engine: then it fails.
 */
public final class TestDatabases {
    /** Environment variable listing engines whose absence fails a test instead of skipping it. */
    public static final String REQUIRE_VARIABLE = "DBSPEC_TESTDB_REQUIRE";

    /** A service on its standard port; {@code password} is the engine's documented default one, or empty. */
    private record LocalService(String host, int port, String urlTemplate, String user, Optional<String> password) {
        LocalService(String host, int port, String urlTemplate, String user) {
            this(host, port, urlTemplate, user, Optional.empty());
        }
    }

    private static final Map<String, LocalService> LOCAL_SERVICES = Map.of(
            "postgresql", new LocalService("127.0.0.1", 5432, "jdbc:postgresql://%s:%d/test", "postgres"),
            "mariadb", new LocalService("127.0.0.1", 3306, "jdbc:mariadb://%s:%d/test", "root"),
            "mysql", new LocalService("127.0.0.1", 3306, "jdbc:mysql://%s:%d/test", "root"),
            // Trino needs a user name, any one without authentication; the memory connector has writable tables.
            "trino", new LocalService("127.0.0.1", 18080, "jdbc:trino://%s:%d/memory?schema=default", "dbspec"),
            "drill", new LocalService("127.0.0.1", 31010, "jdbc:drill:drillbit=%s:%d", "dbspec"),
            // ClickHouse's HTTP port (Debian's clickhouse-server 18.16, .ci/start-clickhouse); compress=false: the legacy driver's
            // compressed responses from 18.16 arrive empty.
            "clickhouse", new LocalService("127.0.0.1", 8123, "jdbc:clickhouse://%s:%d/default?compress=false", "default"),
            // QuestDB's PostgreSQL wire endpoint with its default user (admin, password quest), database qdb.
            "questdb", new LocalService("127.0.0.1", 8812, "jdbc:questdb://%s:%d/qdb", "admin", Optional.of("quest")));

    private TestDatabases() {
    }

    /** The database for {@code engineId}, or a skip (or, when required, a failure) with the reason. */
    public static TestDatabase require(String engineId) {
        return require(engineId, find(engineId), System.getenv(REQUIRE_VARIABLE));
    }

    static TestDatabase require(String engineId, Optional<TestDatabase> found, String requireVariable) {
        requireNonNull(engineId, "engineId is null");
        if (found.isPresent()) {
            return found.get();
        }
        String reason = "no " + engineId + " test database: set DBSPEC_TEST_" + variablePart(engineId)
                + "_URL, start the local service, or make a Docker engine available";
        if (requiredEngines(requireVariable).contains(engineId)) {
            return Assertions.fail(reason + " (required by " + REQUIRE_VARIABLE + ")");
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** The database for {@code engineId}, if one can be found. */
    public static Optional<TestDatabase> find(String engineId) {
        requireNonNull(engineId, "engineId is null");
        String key = variablePart(engineId);
        String url = System.getenv("DBSPEC_TEST_" + key + "_URL");
        if (url != null && !url.isBlank()) {
            return Optional.of(new TestDatabase(engineId, url,
                    Optional.ofNullable(System.getenv("DBSPEC_TEST_" + key + "_USER")),
                    Optional.ofNullable(System.getenv("DBSPEC_TEST_" + key + "_PASSWORD")),
                    "environment DBSPEC_TEST_" + key + "_URL"));
        }
        LocalService service = LOCAL_SERVICES.get(engineId);
        if (service != null) {
            if (isListening(service.host(), service.port())) {
                return Optional.of(new TestDatabase(engineId, String.format(Locale.ROOT, service.urlTemplate(), service.host(), service.port()),
                        Optional.of(service.user()), service.password(), "local service " + service.host() + ":" + service.port()));
            }
            return ContainerDatabases.start(engineId);
        }
        return embedded(engineId);
    }

    /** A fresh embedded database for {@code engineId}, or empty when the engine is not embedded. */
    public static Optional<TestDatabase> embedded(String engineId) {
        String name = "dbspec_" + UUID.randomUUID().toString().replace("-", "");
        String url = switch (engineId) {
            case "h2" -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            case "hsqldb" -> "jdbc:hsqldb:mem:" + name;
            case "derby" -> "jdbc:derby:memory:" + name + ";create=true";
            case "duckdb" -> "jdbc:duckdb:";
            case "sqlite" -> "jdbc:sqlite:" + temporaryFile(name, ".db");
            default -> null;
        };
        return Optional.ofNullable(url).map(u -> new TestDatabase(engineId, u, Optional.empty(), Optional.empty(), "embedded"));
    }

    static Set<String> requiredEngines(String variable) {
        if (variable == null) {
            return Set.of();
        }
        return Arrays.stream(variable.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String variablePart(String engineId) {
        return engineId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path temporaryFile(String name, String suffix) {
        try {
            Path file = Files.createTempFile(name, suffix);
            Files.delete(file);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
