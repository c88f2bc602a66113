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
 * Which of the 50 built-in engines the host claims SSH tunneling for, and that for each of them the sample URL rebuilt
 * for a tunnel's local end ({@link SshTunnels#through}, in the plugin's class loader) reads back with {@code 127.0.0.1},
 * the tunnel's port and every other parameter unchanged; embedded and file engines are not claimed and refused.
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
                ConnectionParameters schema = spec.connectionParameters().orElseThrow();
                Map<String, Object> sample = schema.sample();
                ConnectionUrl built = spec.buildUrl(sample);
                ConnectionUrl through = SshTunnels.through(spec, built.url(), built.toProperties(), 40_002);
                Map<String, Object> expected = new LinkedHashMap<>(schema.normalize(sample));
                expected.put("host", "127.0.0.1");
                expected.put("port", 40_002L);
                Optional<Map<String, Object>> read = spec.parametersFromUrl(through.url(), through.toProperties());
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
        assertThat(claimed).hasSize(50)
                .containsEntry("postgresql", true).containsEntry("mysql", true).containsEntry("mariadb", true)
                .containsEntry("sqlserver", true).containsEntry("oracle", true).containsEntry("trino", true)
                .containsEntry("h2", false).containsEntry("sqlite", false).containsEntry("duckdb", false)
                .containsEntry("hsqldb", false).containsEntry("derby", false);
        System.out.println("SSH tunneling claimed: " + claimed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
        System.out.println("SSH tunneling not claimed: " + claimed.entrySet().stream().filter(entry -> !entry.getValue()).map(Map.Entry::getKey).toList());
    }
}
