import io.trino.plugin.memory.MemoryPlugin;
import io.trino.server.testing.TestingTrinoServer;
import java.util.Map;

/**
 * Trino's testing server (a coordinator that also runs the work) with the memory connector as catalog {@code memory}, on
 * 127.0.0.1 at the port given as the first argument, until the process is stopped. Run with JDK 25 in source-file mode by
 * {@code .ci/engines/start}; the tests reach it with trino-jdbc at {@code jdbc:trino://127.0.0.1:PORT/memory/default}.
 */
public final class TrinoServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        TestingTrinoServer server = TestingTrinoServer.builder()
                .addProperty("http-server.http.port", Integer.toString(port))
                .build();
        server.installPlugin(new MemoryPlugin());
        server.createCatalog("memory", "memory", Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("dbspec-ci: Trino did not stop cleanly: " + e);
            }
        }));
        System.out.println("dbspec-ci: Trino " + server.getAddress() + " ready");
        Thread.currentThread().join();
    }
}
