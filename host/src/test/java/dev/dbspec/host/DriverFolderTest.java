package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec-only plugin picks up a JDBC driver dropped into its drivers/ folder. */
class DriverFolderTest {
    private static final String SPEC_BODY = """
            public String driverUrl(String url) { return url.replace("jdbc:acme:", "jdbc:h2:"); }
            public Optional<DriverArtifact> driverArtifact() {
                return Optional.of(new DriverArtifact("com.h2database:h2:2.3.232", "MPL-2.0", false));
            }
            """;

    @Test
    void driverAppearsWhenItsJarIsDropped(@TempDir Path plugins) throws Exception {
        Path folder = Files.createDirectories(plugins.resolve("acme"));
        writeAcmePlugin(folder);

        try (DbspecHost host = DbspecHost.start(Optional.of(plugins), false)) {
            EngineEntry entry = host.registry().entry("acme").orElseThrow();
            DriverStatus status = DriverStatus.of(entry);
            assertThat(status.present()).isFalse();
            assertThat(status.bundled()).isFalse();
            assertThat(status.installFolder()).contains(folder.resolve("drivers").toString());
            EngineSpec spec = entry.spec().orElseThrow();
            assertThatThrownBy(() -> Connections.open(spec, "jdbc:acme:mem:x", new Properties()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("not installed");
        }

        Files.createDirectories(folder.resolve("drivers"));
        Files.copy(builtH2Jar(), folder.resolve("drivers").resolve("h2.jar"));
        try (DbspecHost host = DbspecHost.start(Optional.of(plugins), false)) {
            EngineEntry entry = host.registry().entry("acme").orElseThrow();
            assertThat(DriverStatus.of(entry).present()).isTrue();
            try (Connection connection = Connections.open(entry.spec().orElseThrow(), "jdbc:acme:mem:acme_test", new Properties())) {
                assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
            }
        }
    }

    /** A spec-only plugin for "acme", which speaks H2 and does not bundle H2's driver. */
    private static void writeAcmePlugin(Path folder) {
        TestPluginJars.plugin("acme")
                .source("dev.test.acme.Spec", """
                        package dev.test.acme;
                        import dev.dbspec.api.*;
                        import java.util.*;
                        @org.pf4j.Extension
                        public final class Spec implements EngineSpec {
                            public String id() { return "acme"; }
                            public String displayName() { return "Acme"; }
                            public List<String> urlPrefixes() { return List.of("jdbc:acme:"); }
                            public String urlTemplate() { return "jdbc:acme:{database}"; }
                            public String driverClassName() { return "org.h2.Driver"; }
                            public Map<TimeGrain, String> timeGrainExpressions() { return Map.of(TimeGrain.DAY, "DAY({col})"); }
                        """ + SPEC_BODY + "}\n")
                .extension("dev.test.acme.Spec")
                .writeTo(folder);
    }

    private static Path builtH2Jar() throws IOException {
        Path lib = Path.of(System.getProperty("dbspec.test.pluginsDir")).resolve("h2").resolve("lib");
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().startsWith("h2-")).findFirst().orElseThrow();
        }
    }
}
