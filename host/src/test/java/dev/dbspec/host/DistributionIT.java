package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged distribution, host/target/dbspec/bin/dbspec, as a user would. */
class DistributionIT {
    private static final Path DIST = Path.of(System.getProperty("dbspec.dist.dir", "target/dbspec"));

    record Result(int exitCode, String out, String err) {
    }

    static Result dbspec(String... args) throws IOException, InterruptedException {
        return dbspec(Duration.ofSeconds(60), args);
    }

    /** Runs the distribution's launcher with {@code args}, waiting at most {@code timeout}. */
    static Result dbspec(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("bin/dbspec").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DBSPEC_PLUGINS_DIR");
        Path out = Files.createTempFile("dbspec-out", ".txt");
        Path err = Files.createTempFile("dbspec-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("dbspec finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void enginesJsonListsTheBuiltInEnginesStarted() throws Exception {
        Result result = dbspec("engines", "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode engines = new ObjectMapper().readTree(result.out());
        List<String> ids = new ArrayList<>();
        engines.forEach(engine -> {
            ids.add(engine.get("id").asText());
            assertThat(engine.get("state").asText()).as(engine.toString()).isEqualTo("STARTED");
            assertThat(engine.get("grains").size()).isPositive();
            assertThat(engine.get("urlPrefixes").size()).isPositive();
        });
        assertThat(ids).contains("h2", "postgresql", "sqlite", "mariadb", "mysql", "hsqldb", "derby", "duckdb", "trino", "oracle")
                .hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void grainsAndErrorsFromTheLauncher() throws Exception {
        Result grains = dbspec("grains", "--engine", "h2");
        assertThat(grains.exitCode()).as(grains.err()).isZero();
        assertThat(grains.out()).contains("H2 (h2)", "P1W/1970-01-04T00:00:00Z");
        Result unknown = dbspec("grains", "--engine", "nosuchdb");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown engine 'nosuchdb'", "known: ", "h2, ", "postgresql, ", "sqlite, ");
        assertThat(unknown.out()).isEmpty();
    }

    /** docs/engines.md is the output of {@code dbspec engines --markdown}, regenerated rather than edited by hand. */
    /** What connector authors compile against ships its sources and Javadoc, so an IDE shows the documentation. */
    @Test
    void spiKitAndFamiliesShipSourcesAndJavadoc() throws Exception {
        for (String[] module : new String[][] {{"api", "dbspec-api", "dev/dbspec/api/EngineSpec"},
                {"test-databases", "dbspec-test-databases", "dev/dbspec/testdb/EngineSpecConformance"},
                {"plugins/families", "dbspec-engine-families", "dev/dbspec/plugin/family/PostgresFamilySpec"}}) {
            Path target = Path.of("..", module[0], "target");
            for (String[] kind : new String[][] {{"sources", ".java"}, {"javadoc", ".html"}}) {
                Path jar;
                try (var files = Files.list(target)) {
                    jar = files.filter(f -> f.getFileName().toString().startsWith(module[1]) && f.getFileName().toString().endsWith("-" + kind[0] + ".jar"))
                            .findFirst().orElseThrow(() -> new AssertionError("no " + kind[0] + " jar in " + target));
                }
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                    assertThat(file.getEntry(module[2] + kind[1])).as(jar + " holds " + module[2] + kind[1]).isNotNull();
                }
            }
        }
    }

    @Test
    void docsEnginesTableIsTheCommandsOutput() throws Exception {
        Result result = dbspec("engines", "--markdown");
        assertThat(result.exitCode()).as(result.err()).isZero();
        String doc = Files.readString(Path.of("..", "docs", "engines.md"), StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("| Engine |"));
        assertThat(table).as("docs/engines.md is stale: regenerate it with host/target/dbspec/bin/dbspec engines --markdown")
                .isEqualTo(result.out());
        assertThat(result.out().lines().filter(line -> line.contains("| live |")).count()).isEqualTo(8);
    }

    /** "live" in that table (a bundled driver) must go with a conformance test against the real engine. */
    @Test
    void everyBundledDriverHasALiveConformanceTest() throws Exception {
        Result result = dbspec("drivers", "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode drivers = new ObjectMapper().readTree(result.out());
        List<String> bundled = new ArrayList<>();
        drivers.forEach(d -> {
            if (d.get("bundled").asBoolean()) {
                bundled.add(d.get("engine").asText());
            }
        });
        assertThat(bundled).containsExactlyInAnyOrder("h2", "sqlite", "postgresql", "mariadb", "mysql", "hsqldb", "derby", "duckdb");
        for (String engine : bundled) {
            try (var files = Files.walk(Path.of("..", "plugins", engine, "src", "test", "java"))) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith("ConformanceTest.java")).count())
                        .as("conformance test of %s", engine).isPositive();
            }
        }
    }

    /**
     * Issue 14's acceptance: in a plugins folder laid out as the distribution's, the Trino driver is missing (test-db says so
     * and names the command); {@code dbspec drivers install trino} puts it into plugins/trino/drivers/ (from a file:// repository
     * made of the build's local repository, so the build stays hermetic: trino-jdbc is a test dependency of this module), after
     * which test-db on a closed port fails with "cannot connect" (exit 3) from the real driver, and a second install
     * downloads nothing.
     */
    @Test
    void driversInstallGivesTrinoItsDriver(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPluginJars.copyTree(DIST.resolve("plugins").resolve("trino"), plugins.resolve("trino"));
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:trino://127.0.0.1:" + closedPort + "/catalog";
        String dir = plugins.toString();

        Result before = dbspec("--plugins-dir", dir, "test-db", url, "--user", "dbspec");
        assertThat(before.exitCode()).as(before.out() + before.err()).isEqualTo(3);
        assertThat(before.err()).contains("driver missing", "io.trino.jdbc.TrinoDriver", "`dbspec drivers install trino`");
        JsonNode missing = new ObjectMapper().readTree(dbspec("--plugins-dir", dir, "engines", "--json").out()).get(0);
        assertThat(missing.at("/driver/present").asBoolean()).isFalse();
        assertThat(missing.at("/driver/installCommand").asText()).isEqualTo("dbspec drivers install trino");

        Path localRepository = Path.of(System.getProperty("dbspec.test.localRepository"));
        String repository = RepositoryFixture.closureOf("io.trino:trino-jdbc:484", localRepository, temp.resolve("repository"))
                .toUri().toString();
        assertThat(temp.resolve("repository/io/trino/trino-jdbc/484/trino-jdbc-484.jar.sha1")).isRegularFile();
        Result install = dbspec(Duration.ofMinutes(3), "--plugins-dir", dir, "drivers", "install", "trino", "--repository", repository);
        assertThat(install.exitCode()).as(install.out() + install.err()).isZero();
        assertThat(install.out()).contains("installed io.trino:trino-jdbc:484", "trino-jdbc-484.jar");
        assertThat(plugins.resolve("trino/drivers/trino-jdbc-484.jar")).isRegularFile();

        Result after = dbspec("--plugins-dir", dir, "test-db", url, "--user", "dbspec");
        assertThat(after.exitCode()).as(after.out() + after.err()).isEqualTo(3);
        assertThat(after.err()).contains("cannot connect", "the host is unreachable", "127.0.0.1:" + closedPort)
                .doesNotContain("driver missing", "not installed");
        JsonNode present = new ObjectMapper().readTree(dbspec("--plugins-dir", dir, "engines", "--json").out()).get(0);
        assertThat(present.at("/driver/present").asBoolean()).isTrue();

        Result again = dbspec("--plugins-dir", dir, "drivers", "install", "trino", "--repository", temp.resolve("gone").toUri().toString());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("already installed", "nothing downloaded");
    }
}
