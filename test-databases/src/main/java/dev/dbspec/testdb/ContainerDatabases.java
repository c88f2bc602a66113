package dev.dbspec.testdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Testcontainers-backed databases, used only when a Docker engine is reachable and Testcontainers is
 * on the test class path. One container per engine per JVM, stopped by Testcontainers' reaper.
 */
final class ContainerDatabases {
    private static final Map<String, TestDatabase> STARTED = new ConcurrentHashMap<>();

    private ContainerDatabases() {
    }

    static Optional<TestDatabase> start(String engineId) {
        if (!"postgresql".equals(engineId) || !dockerMayBeReachable() || !testcontainersPresent()) {
            return Optional.empty();
        }
        try {
            if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
            return Optional.of(STARTED.computeIfAbsent(engineId, id -> startPostgres()));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("resource") // stopped by the Testcontainers reaper at JVM exit
    private static TestDatabase startPostgres() {
        org.testcontainers.containers.PostgreSQLContainer<?> container =
                new org.testcontainers.containers.PostgreSQLContainer<>("postgres:16-alpine").withDatabaseName("test");
        container.start();
        return new TestDatabase("postgresql", container.getJdbcUrl(), Optional.of(container.getUsername()),
                Optional.of(container.getPassword()), "Testcontainers " + container.getDockerImageName());
    }

    private static boolean dockerMayBeReachable() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ContainerDatabases.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
