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
}
