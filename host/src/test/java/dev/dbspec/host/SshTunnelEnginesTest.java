package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.ConnectionParameters;
import dev.dbspec.api.ConnectionUrl;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.tunnel.SshTunnels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which of the 77 built-in engines the host claims SSH tunneling for, and that for each of them the sample URL rebuilt
 * for a tunnel's local end ({@link SshTunnels#through}, in the plugin's class loader) reads back with {@code 127.0.0.1},
 * the tunnel's port and every other parameter unchanged; file engines are not claimed and refused, nor is an embedded
 * URL of the engines that also have a server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshTunnelEnginesTest {
    @TempDir
    static Path plugins;

    private DbspecHost host;

    @BeforeAll
    void start() {
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @Test
    void networkEnginesAreTunnelledWithOnlyTheirHostAndPortReplaced() throws Exception {
        Map<String, Boolean> claimed = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (EngineSpec spec : host.registry().specs()) {
            boolean supported = SshTunnels.supports(spec);
            claimed.put(spec.id(), SshTunnels.claimed(spec));
            if (!supported) {
                continue;
            }
            DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                ConnectionParameters schema = SshTunnels.tunnelParameters(spec).orElseThrow();
                Map<String, Object> sample = schema.sample();
                ConnectionUrl built = schema.build(sample);
                spec.vetConnection(built.url(), built.toProperties(), Optional.empty());
                ConnectionUrl through = SshTunnels.through(spec, built.url(), built.toProperties(), 40_002);
                Map<String, Object> expected = new LinkedHashMap<>(schema.normalize(sample));
                expected.put("host", "127.0.0.1");
                expected.put("port", 40_002L);
                Optional<Map<String, Object>> read = schema.parse(through.url(), through.toProperties());
                if (!read.equals(Optional.of(expected))) {
                    failures.add(spec.id() + ": " + through.url() + " reads back as " + read);
                }
                if (!SshTunnels.target(spec, built.url(), built.toProperties()).host().equals(sample.get("host"))) {
                    failures.add(spec.id() + ": the target host is not the URL's");
                }
                return null;
            });
        }
        assertThat(failures).isEmpty();
        assertThat(claimed).hasSize(77)
                .containsEntry("postgresql", true).containsEntry("mysql", true).containsEntry("mariadb", true)
                .containsEntry("sqlserver", true).containsEntry("oracle", true).containsEntry("trino", true)
                .containsEntry("sqlite", false).containsEntry("duckdb", false)
                // their network servers: H2 TCP, HSQLDB HSQL, Derby Network Server (EngineSpec.serverUrlTemplate)
                .containsEntry("h2", true).containsEntry("hsqldb", true).containsEntry("derby", true);
        System.out.println("SSH tunneling claimed: " + claimed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
        System.out.println("SSH tunneling not claimed: " + claimed.entrySet().stream().filter(entry -> !entry.getValue()).map(Map.Entry::getKey).toList());
    }

    /**
     * H2, HSQLDB and Derby are tunnelled only through their server form: an embedded URL is refused, a server URL keeps its
     * database and options, and the rebuilt URL is vetted like any other (a refused option stays refused through a tunnel).
     */
    @Test
    void embeddedEnginesAreTunnelledOnlyToTheirServers() throws Exception {
        Map<String, List<String>> urls = Map.of(
                "h2", List.of("jdbc:h2:mem:x", "jdbc:h2:tcp://db.example.com:9092/mem:x;MODE=PostgreSQL", "jdbc:h2:tcp://db.example.com:9092/mem:x;INIT=RUNSCRIPT FROM 'x'"),
                "hsqldb", List.of("jdbc:hsqldb:mem:x", "jdbc:hsqldb:hsql://db.example.com:9001/x;ifexists=true", "jdbc:hsqldb:hsql://db.example.com:9001/x;crypt_key=00"),
                "derby", List.of("jdbc:derby:memory:x;create=true", "jdbc:derby://db.example.com:1527/memory:x;create=true",
                        "jdbc:derby://db.example.com:1527/memory:x;traceFile=/tmp/x"));
        for (Map.Entry<String, List<String>> engine : urls.entrySet()) {
            EngineSpec spec = host.registry().specs().stream().filter(s -> s.id().equals(engine.getKey())).findFirst().orElseThrow();
            String embedded = engine.getValue().get(0);
            String server = engine.getValue().get(1);
            String refused = engine.getValue().get(2);
            DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                java.util.Properties none = new java.util.Properties();
                assertThat(SshTunnels.follows(spec, embedded, none)).as(embedded).isFalse();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> SshTunnels.target(spec, embedded, none)).as(embedded)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(spec.serverUrlTemplate().orElseThrow());
                assertThat(SshTunnels.target(spec, server, none)).as(server).isEqualTo(new SshTunnels.Target("db.example.com",
                        Integer.parseInt(server.replaceAll(".*:(\\d+)/.*", "$1"))));
                ConnectionUrl through = SshTunnels.through(spec, server, none, 40_003);
                assertThat(through.url()).as(server).startsWith(server.substring(0, server.indexOf("db.example.com")) + "127.0.0.1:40003/")
                        .doesNotContain("db.example.com");
                assertThat(through.url() + through.properties()).as(server).contains(server.substring(server.indexOf(';') + 1).split("=")[0]);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> SshTunnels.through(spec, refused, none, 40_003)).as(refused)
                        .isInstanceOf(IllegalArgumentException.class) // the allow-list: UnsafeUrlException or InvalidParametersException
                        .hasMessageContaining(refused.substring(refused.indexOf(';') + 1).split("=")[0]).hasMessageContaining("is refused");
                return null;
            });
        }
    }
}
