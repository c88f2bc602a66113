package dev.dbspec.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/** The Redis and RabbitMQ services on this machine (127.0.0.1 only); a test without them is skipped with the reason. */
final class LocalServices {
    static final String REDIS = "redis://127.0.0.1:6379";
    static final String AMQP = "amqp://guest:guest@127.0.0.1:5672";

    private LocalServices() {
    }

    static void requireRedis() {
        Assumptions.assumeTrue(listening(6379), "no Redis on 127.0.0.1:6379");
    }

    static void requireRabbit() {
        Assumptions.assumeTrue(listening(5672), "no RabbitMQ on 127.0.0.1:5672");
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code sql} on the local PostgreSQL (user postgres, database test) outside any transaction, through the postgresql
     * plugin's own driver (the test class path has none): for what /api/query cannot run, such as CREATE DATABASE.
     */
    static void runOnPostgres(dev.dbspec.host.EngineRegistry engines, String sql) {
        dev.dbspec.api.EngineSpec spec = engines.resolve("postgresql");
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "postgres");
        try (java.sql.Connection connection = Connections.open(spec, "jdbc:postgresql://127.0.0.1:5432/test", properties);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
