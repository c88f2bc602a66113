import io.questdb.ServerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * QuestDB with only its PostgreSQL wire endpoint, on 127.0.0.1 at the port given as the first argument (user admin,
 * password quest: QuestDB's defaults), over a fresh data folder (system property {@code dbspec.ci.data}, emptied first) until the process
 * is stopped. HTTP (web console, REST), InfluxDB line protocol and telemetry are off: nothing listens beyond loopback
 * and nothing leaves the machine. Run with Java 17 in source-file mode by {@code .ci/engines/start}; the tests reach it
 * with pgjdbc at {@code jdbc:questdb://127.0.0.1:PORT/qdb} (the plugin hands pgjdbc {@code jdbc:postgresql:}).
 */
public final class QuestdbServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path root = Path.of(System.getProperty("dbspec.ci.data", "questdb/target/data")).toAbsolutePath();
        if (Files.exists(root)) {
            try (Stream<Path> old = Files.walk(root)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(root);
        // Configuration as QuestDB's environment variables (QDB_ + the property in capitals), given to create().
        ServerMain server = ServerMain.create(root.toString(), Map.of(
                "QDB_PG_NET_BIND_TO", "127.0.0.1:" + port,
                "QDB_HTTP_ENABLED", "false",
                "QDB_HTTP_MIN_ENABLED", "false",
                "QDB_LINE_TCP_ENABLED", "false",
                "QDB_LINE_UDP_ENABLED", "false",
                "QDB_TELEMETRY_ENABLED", "false"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("dbspec-ci: QuestDB on 127.0.0.1:" + server.getPgWireServerPort() + " ready");
        Thread.currentThread().join();
    }
}
