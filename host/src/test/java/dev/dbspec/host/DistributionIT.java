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
        return run(DIST, java.util.Map.of(), timeout, args);
    }

    /** Runs the launcher of the distribution at {@code home} with extra environment variables. */
    static Result run(Path home, java.util.Map<String, String> environment, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/dbspec").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DBSPEC_PLUGINS_DIR");
        builder.environment().remove("DBSPEC_CDS");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("dbspec-out", ".txt");
        Path err = Files.createTempFile("dbspec-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("dbspec finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * The launcher's class-data archive: made once by the first command that loads the plugins (not by --version), in
     * cds/ under the distribution, used by the next runs with the same output; a damaged archive changes nothing a user
     * sees; DBSPEC_CDS=off makes none. On a copy of the distribution, so the shared one is left as it is.
     */
    @Test
    void theLauncherKeepsOneClassDataArchivePerJdkAndLib(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path home = dir.resolve("dbspec");
        copyTree(DIST, home);
        deleteTree(home.resolve("cds"));
        Duration timeout = Duration.ofSeconds(120);
        Result version = run(home, java.util.Map.of(), timeout, "--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(home.resolve("cds")).as("--version loads no plugin: it trains no archive").doesNotExist();
        Result first = run(home, java.util.Map.of(), timeout, "engines");
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<Path> archives = archives(home);
        assertThat(archives).hasSize(1);
        assertThat(Files.size(archives.get(0))).as("an archive of the host's and the plugins' classes").isGreaterThan(1_000_000);
        Result second = run(home, java.util.Map.of(), timeout, "engines");
        assertThat(second).isEqualTo(first);
        assertThat(archives(home)).as("reused, not made again").isEqualTo(archives);
        archives.get(0).toFile().setWritable(true);
        Files.write(archives.get(0), new byte[] {1, 2, 3});
        Result damaged = run(home, java.util.Map.of(), timeout, "engines");
        assertThat(damaged).as("a damaged archive is ignored silently").isEqualTo(first);
        deleteTree(home.resolve("cds"));
        Result off = run(home, java.util.Map.of("DBSPEC_CDS", "off"), timeout, "engines");
        assertThat(off).isEqualTo(first);
        assertThat(home.resolve("cds")).doesNotExist();
    }

    /**
     * Issue 16, cold start: a second {@code dbspec engines} prints the listing kept from the first without loading any
     * plugin's code (no plugin class, no PF4J class), and picocli comes from the class-data archive (its Java 5 class
     * files are rewritten at build time so the archive can keep them). A plugin removed is seen by the next run.
     */
    @Test
    void aSecondListingLoadsNoPluginCodeAndPicocliComesFromTheArchive(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path home = dir.resolve("dbspec");
        copyTree(DIST, home);
        deleteTree(home.resolve("cds"));
        deleteTree(home.resolve("cache"));
        Duration timeout = Duration.ofSeconds(120);
        Result first = run(home, java.util.Map.of(), timeout, "engines");
        assertThat(first.exitCode()).as(first.err()).isZero();
        try (java.util.stream.Stream<Path> kept = Files.list(home.resolve("cache"))) {
            assertThat(kept.map(path -> path.getFileName().toString()).toList()).singleElement().asString().startsWith("engines-");
        }
        Path classes = dir.resolve("classes.log");
        Result second = run(home, java.util.Map.of("DBSPEC_JAVA_OPTS", "-Xlog:class+load:file=" + classes), timeout, "engines");
        assertThat(second).isEqualTo(first);
        String loaded = Files.readString(classes);
        assertThat(loaded).contains("dev.dbspec.host.cli.EnginesCommand", "picocli.CommandLine source: shared objects file");
        // (the SPI types EnginesCommand names are linked, PF4J's ExtensionPoint with them; no plugin manager, loader or spec)
        assertThat(loaded).doesNotContain("dev.dbspec.plugin.", "dev.dbspec.host.plugins.", "org.pf4j.Plugin", "org.pf4j.Default", "org.h2.");

        deleteTree(home.resolve("plugins").resolve("h2"));
        Result without = run(home, java.util.Map.of(), timeout, "engines");
        assertThat(without.exitCode()).as(without.err()).isZero();
        assertThat(without.out()).contains("postgresql").doesNotContain(" h2 ");
        assertThat(first.out()).contains(" h2 ");

        try (java.util.zip.ZipFile picocli = new java.util.zip.ZipFile(onlyFile(home.resolve("lib"), "picocli-").toFile())) {
            byte[] header = picocli.getInputStream(picocli.getEntry("picocli/CommandLine.class")).readNBytes(8);
            assertThat(((header[6] & 0xff) << 8) | (header[7] & 0xff)).as("class file version").isEqualTo(52);
        }
    }

    private static Path onlyFile(Path folder, String prefix) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    private static List<Path> archives(Path home) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(home.resolve("cds"))) {
            return files.sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true);
                Files.delete(path);
            }
        }
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
                .hasSizeGreaterThanOrEqualTo(75);
        assertThat(ids).contains("oceanbase", "questdb", "singlestore", "tidb", "timescaledb", "yellowbrick", "ydb", "yugabytedb");
        // Issue 15 item 3: the engines added to reach 75 (Superset's and engines no peer covers).
        assertThat(ids).contains("cloudberry", "dameng", "denodo", "doltdb", "fabric", "firebolt", "hologres", "ibmi", "ignite", "informix",
                "iris", "kingbase", "kustosql", "monetdb", "opengauss", "opensearch", "phoenix", "sapiq", "spanner", "sqlanywhere", "tdengine",
                "vitess");
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
        assertThat(result.out().lines().filter(line -> line.contains("| live |")).count()).isEqualTo(12);
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
        assertThat(bundled).containsExactlyInAnyOrder("h2", "sqlite", "postgresql", "mariadb", "mysql", "hsqldb", "derby", "duckdb", "firebird", "trino",
                "questdb", "clickhouse");
        // each names the engine version it is validated on, which its kit checks live (validated-versions.tsv)
        assertThat(dev.dbspec.testdb.ValidatedVersions.all().keySet()).containsExactlyInAnyOrderElementsOf(bundled);
        for (String engine : bundled) {
            try (var files = Files.walk(Path.of("..", "plugins", engine, "src", "test", "java"))) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith("ConformanceTest.java")).count())
                        .as("conformance test of %s", engine).isPositive();
            }
        }
    }

    /**
     * Issue 14's acceptance, on a spec-only engine (Trino's driver is bundled since Trino is validated live): in a plugins
     * folder laid out as the distribution's, CockroachDB's driver (pgjdbc) is missing (test-db says so and names the
     * command); {@code dbspec drivers install cockroachdb} puts it and its runtime dependencies into
     * plugins/cockroachdb/drivers/ (from a file:// repository made of the build's local repository, so the build stays
     * hermetic), after which test-db on a closed port fails with "cannot connect" (exit 3) from the real driver, and a
     * second install downloads nothing. For Trino itself the command says the driver is bundled and test-db answers
     * "cannot connect" (exit 3) at once.
     */
    @Test
    void driversInstallGivesASpecOnlyEngineItsDriver(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPluginJars.copyTree(DIST.resolve("plugins").resolve("cockroachdb"), plugins.resolve("cockroachdb"));
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:cockroachdb://127.0.0.1:" + closedPort + "/defaultdb";
        String dir = plugins.toString();

        Result before = dbspec("--plugins-dir", dir, "test-db", url, "--user", "root");
        assertThat(before.exitCode()).as(before.out() + before.err()).isEqualTo(3);
        assertThat(before.err()).contains("driver missing", "org.postgresql.Driver", "`dbspec drivers install cockroachdb`");
        JsonNode missing = new ObjectMapper().readTree(dbspec("--plugins-dir", dir, "engines", "--json").out()).get(0);
        assertThat(missing.at("/driver/present").asBoolean()).isFalse();
        assertThat(missing.at("/driver/installCommand").asText()).isEqualTo("dbspec drivers install cockroachdb");

        String coordinates = missing.at("/driver/mavenCoordinates").asText();
        assertThat(coordinates).startsWith("org.postgresql:postgresql:");
        String version = coordinates.substring(coordinates.lastIndexOf(':') + 1);
        Path localRepository = Path.of(System.getProperty("dbspec.test.localRepository"));
        String repository = RepositoryFixture.closureOf(coordinates, localRepository, temp.resolve("repository")).toUri().toString();
        assertThat(temp.resolve("repository/org/postgresql/postgresql/" + version + "/postgresql-" + version + ".jar.sha1")).isRegularFile();
        Result install = dbspec(Duration.ofMinutes(3), "--plugins-dir", dir, "drivers", "install", "cockroachdb", "--repository", repository);
        assertThat(install.exitCode()).as(install.out() + install.err()).isZero();
        assertThat(install.out()).contains("installed " + coordinates, "postgresql-" + version + ".jar");
        assertThat(plugins.resolve("cockroachdb/drivers/postgresql-" + version + ".jar")).isRegularFile();

        Result after = dbspec("--plugins-dir", dir, "test-db", url, "--user", "root");
        assertThat(after.exitCode()).as(after.out() + after.err()).isEqualTo(3);
        assertThat(after.err()).contains("cannot connect", "the host is unreachable", "127.0.0.1:" + closedPort)
                .doesNotContain("driver missing", "not installed");
        JsonNode present = new ObjectMapper().readTree(dbspec("--plugins-dir", dir, "engines", "--json").out()).get(0);
        assertThat(present.at("/driver/present").asBoolean()).isTrue();

        Result again = dbspec("--plugins-dir", dir, "drivers", "install", "cockroachdb", "--repository", temp.resolve("gone").toUri().toString());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("already installed", "nothing downloaded");

        Result trino = dbspec("drivers", "install", "trino", "--repository", temp.resolve("gone").toUri().toString());
        assertThat(trino.exitCode()).as(trino.out() + trino.err()).isZero();
        Result trinoTest = dbspec("test-db", "jdbc:trino://127.0.0.1:" + closedPort + "/memory", "--user", "dbspec");
        assertThat(trinoTest.exitCode()).as(trinoTest.out() + trinoTest.err()).isEqualTo(3);
        assertThat(trinoTest.err()).contains("cannot connect").doesNotContain("driver missing");
    }
}
