package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party connector (docs/examples/example-connector, its own pom, not a reactor module)
 * builds against the installed dbspec artifacts, passes the conformance kit and the kit's packaging contract in its
 * own build ({@code verify}), and is
 * STARTED and validated by the distribution once its zip is unpacked into a plugins directory.
 * Runs after {@code install} of the SPI and kit modules (the README's test command is {@code ./mvnw -B install}).
 */
class ExampleConnectorIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLE = ROOT.resolve("docs/examples/example-connector");
    private static final Path DIST = Path.of(System.getProperty("dbspec.dist.dir", "target/dbspec"));

    @Test
    void exampleConnectorBuildsPassesTheKitAndLoads(@TempDir Path work) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(ROOT.resolve("mvnw").toString(), "-B", "-q",
                "-f", EXAMPLE.resolve("pom.xml").toString(), "clean", "verify"));
        // The artifacts were installed into the repository this build uses.
        java.util.Optional.ofNullable(System.getProperty("maven.repo.local")).ifPresent(repo -> command.add("-Dmaven.repo.local=" + repo));
        Process build = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(work.resolve("build.log").toFile()).start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("example build finished").isTrue();
        assertThat(build.exitValue()).as("example build (kit tests included):\n" + Files.readString(work.resolve("build.log"))).isZero();
        Path reports = EXAMPLE.resolve("target/surefire-reports");
        try (Stream<Path> files = Files.list(reports)) {
            String xml = Files.readString(files.filter(f -> f.getFileName().toString().startsWith("TEST-")).findFirst().orElseThrow());
            assertThat(xml).contains("name=\"com.example.dbspec.ExampleDbConformanceTest\"").contains("failures=\"0\"").contains("errors=\"0\"");
        }
        // The kit's packaging contract ran on the zip (failsafe, after package) and passed.
        String packaging = Files.readString(EXAMPLE.resolve("target/failsafe-reports/TEST-com.example.dbspec.ExampleDbPackagingIT.xml"));
        assertThat(packaging).contains("tests=\"1\"").contains("failures=\"0\"").contains("errors=\"0\"").contains("skipped=\"0\"");

        Path plugins = Files.createDirectories(work.resolve("plugins"));
        TestPluginJars.copyTree(DIST.resolve("plugins"), plugins);
        unzip(EXAMPLE.resolve("target/dbspec-exampledb-1.0.0.zip"), plugins);

        DistributionIT.Result engines = dbspec(plugins, "engines", "--json");
        assertThat(engines.exitCode()).as(engines.err()).isZero();
        JsonNode example = null;
        for (JsonNode engine : new ObjectMapper().readTree(engines.out())) {
            assertThat(engine.get("state").asText()).as(engine.toString()).isEqualTo("STARTED");
            if (engine.get("id").asText().equals("exampledb")) {
                example = engine;
            }
        }
        assertThat(example).as("exampledb listed").isNotNull();
        assertThat(example.get("pluginVersion").asText()).isEqualTo("1.0.0");

        DistributionIT.Result testDb = dbspec(plugins, "test-db", "jdbc:exampledb:mem:it");
        assertThat(testDb.exitCode()).as(testDb.out() + testDb.err()).isZero();
        assertThat(testDb.out()).contains("ExampleDB (exampledb), third-party plugin (Example Inc.)", "-> PASSED");
    }

    static DistributionIT.Result dbspec(Path plugins, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--plugins-dir", plugins.toString()));
        all.addAll(List.of(args));
        return DistributionIT.dbspec(Duration.ofMinutes(2), all.toArray(String[]::new));
    }

    static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
    }
}
