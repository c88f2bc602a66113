package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbspec test-db} on the network servers of the engines dbspec otherwise runs embedded, each started by the test on
 * 127.0.0.1 at a free port: H2's TCP server, HSQLDB's HSQL server, Derby's Network Server (each in a class loader of its
 * own, from the jars Maven copies to {@code target/test-servers}: the test class path stays free of drivers). A server URL
 * has a host and a port ({@code EngineSpec.serverUrlTemplate}), so the kit's SSH tunnel check runs (an SSH server on
 * loopback forwarding to the database server) and {@code ssh_tunneling} is verified; on an embedded URL it stays not
 * checkable ({@link TestDbCommandTest}). The connection parameters describe the embedded form ({@code urlTemplate}), so on
 * a server URL {@code masked_encrypted_extra} is not checkable: the server runs score what the embedded ones do (measured
 * 2026-12-05: Derby 131; 2026-12-06: H2 161, HSQLDB 161, with cancel and expand_data; Derby 131 again, its cancel claimed
 * but not checkable there: the network client cannot cancel, which the spec's cancel hook says, where embedded Derby scores
 * 141 with cancel), with SSH tunneling proven in place of the parameters. Floors: measured less one.
 */
public class NetworkServerScoresTest {
    /** Derby's error log while the test's own Derby boots its Network Server: nowhere (not derby.log in the working directory). */
    public static final OutputStream DERBY_LOG = OutputStream.nullOutputStream();

    @TempDir
    static Path plugins;

    @TempDir
    static Path reports;

    @BeforeAll
    static void plugins() {
        TestPluginJars.copyBuiltPlugins(plugins);
    }

    private static String suffix() {
        return Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A class loader over the jars of {@code engine}'s server, with this test's loader as parent (Derby finds DERBY_LOG). */
    private static URLClassLoader serverLoader(String engine) throws IOException {
        Path folder = Path.of(System.getProperty("dbspec.test.serversDir", "target/test-servers")).resolve(engine);
        try (Stream<Path> jars = Files.list(folder)) {
            List<URL> urls = jars.filter(jar -> jar.toString().endsWith(".jar")).map(jar -> {
                try {
                    return jar.toUri().toURL();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(urls).as("server jars in " + folder).isNotEmpty();
            return new URLClassLoader(urls.toArray(URL[]::new), NetworkServerScoresTest.class.getClassLoader());
        }
    }

    @Test
    void h2TcpServerIsTunnelled() throws Exception {
        String name = "net_h2_" + suffix();
        try (URLClassLoader loader = serverLoader("h2")) {
            String previous = System.getProperty("h2.bindAddress");
            System.setProperty("h2.bindAddress", "127.0.0.1"); // read once, when this copy of H2 starts its server
            // The database exists before the server serves it: H2's server creates none for remote clients.
            Driver driver = (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
            try (Connection keepOpen = driver.connect("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", new Properties())) {
                Class<?> serverClass = loader.loadClass("org.h2.tools.Server");
                Object server = serverClass.getMethod("createTcpServer", String[].class)
                        .invoke(null, (Object) new String[] {"-tcpPort", String.valueOf(freePort())});
                serverClass.getMethod("start").invoke(server);
                restore("h2.bindAddress", previous);
                try {
                    int port = (int) serverClass.getMethod("getPort").invoke(server);
                    score("h2", "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + name, 160);
                } finally {
                    serverClass.getMethod("stop").invoke(server);
                }
                keepOpen.createStatement().execute("SHUTDOWN");
            } finally {
                restore("h2.bindAddress", previous);
            }
        }
    }

    @Test
    void hsqldbServerIsTunnelled() throws Exception {
        String name = "nethsql" + suffix();
        try (URLClassLoader loader = serverLoader("hsqldb")) {
            Class<?> serverClass = loader.loadClass("org.hsqldb.server.Server");
            Object server = serverClass.getDeclaredConstructor().newInstance();
            serverClass.getMethod("setLogWriter", PrintWriter.class).invoke(server, (Object) null);
            serverClass.getMethod("setErrWriter", PrintWriter.class).invoke(server, (Object) null);
            serverClass.getMethod("setSilent", boolean.class).invoke(server, true);
            serverClass.getMethod("setNoSystemExit", boolean.class).invoke(server, true);
            serverClass.getMethod("setAddress", String.class).invoke(server, "127.0.0.1");
            serverClass.getMethod("setPort", int.class).invoke(server, freePort());
            serverClass.getMethod("setDatabaseName", int.class, String.class).invoke(server, 0, name);
            serverClass.getMethod("setDatabasePath", int.class, String.class).invoke(server, 0, "mem:" + name);
            serverClass.getMethod("start").invoke(server);
            try {
                int port = (int) serverClass.getMethod("getPort").invoke(server);
                score("hsqldb", "jdbc:hsqldb:hsql://127.0.0.1:" + port + "/" + name, 160);
            } finally {
                serverClass.getMethod("shutdownCatalogs", int.class).invoke(server, 1); // Database.CLOSEMODE_IMMEDIATELY
                serverClass.getMethod("stop").invoke(server);
            }
        }
    }

    @TempDir
    static Path derbyHome;

    @Test
    void derbyNetworkServerIsTunnelled() throws Exception {
        String previous = System.getProperty("derby.stream.error.field");
        String previousHome = System.getProperty("derby.system.home");
        String name = "netderby_" + suffix();
        try (URLClassLoader loader = serverLoader("derby")) {
            // read once, when this copy of Derby boots: its log goes nowhere, databases named by a relative path into a temporary folder
            System.setProperty("derby.stream.error.field", NetworkServerScoresTest.class.getName() + ".DERBY_LOG");
            System.setProperty("derby.system.home", derbyHome.toString());
            int port = freePort();
            Class<?> control = loader.loadClass("org.apache.derby.drda.NetworkServerControl");
            Object server = control.getConstructor(InetAddress.class, int.class).newInstance(InetAddress.getByName("127.0.0.1"), port);
            control.getMethod("start", PrintWriter.class).invoke(server, new PrintWriter(PrintWriter.nullWriter()));
            try {
                awaitPing(() -> control.getMethod("ping").invoke(server));
                restore("derby.stream.error.field", previous);
                restore("derby.system.home", previousHome);
                // The database exists before test-db connects, so the URL needs no create=true and a database that does
                // not exist is refused (the kit's unknown-database check) instead of created.
                Driver driver = (Driver) loader.loadClass("org.apache.derby.jdbc.EmbeddedDriver").getDeclaredConstructor().newInstance();
                driver.connect("jdbc:derby:memory:" + name + ";create=true", new Properties()).close();
                score("derby", "jdbc:derby://127.0.0.1:" + port + "/memory:" + name, 130);
            } finally {
                control.getMethod("shutdown").invoke(server);
            }
        } finally {
            restore("derby.stream.error.field", previous);
            restore("derby.system.home", previousHome);
        }
    }

    private interface Ping {
        void ping() throws Exception;
    }

    private static void awaitPing(Ping ping) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                ping.ping();
                return;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    /** test-db on {@code url}: exit 0, no feature failed, ssh_tunneling verified, the verified score at least {@code minimum}. */
    private static void score(String engine, String url, int minimum) throws IOException {
        Path json = reports.resolve(engine + "-server.json");
        CliRunner.Run run = CliRunner.run(plugins, "test-db", url, "--json", json.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("(" + engine + ")", "-> PASSED").doesNotContain("[FAIL]");
        JsonNode score = new ObjectMapper().readTree(json.toFile()).get("supersetScore");
        JsonNode ssh = score.get("features").get("ssh_tunneling");
        assertThat(ssh.get("verdict").asText()).as(ssh.toString()).isEqualTo("VERIFIED");
        assertThat(ssh.get("detail").asText()).isEqualTo("verified live by ssh-tunneling");
        score.get("features").fields().forEachRemaining(feature ->
                assertThat(feature.getValue().get("verdict").asText()).as(feature.getKey() + ": " + feature.getValue()).isNotEqualTo("FAILED"));
        System.out.println(engine + " server: verified " + score.get("verified").asInt() + "/201");
        assertThat(score.get("verified").asInt()).as(run.out()).isGreaterThanOrEqualTo(minimum);
    }
}
