package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbspec drivers install} against a file:// Maven repository made here: the driver and its runtime dependency land in
 * the plugin's drivers/ folder (not its test or optional ones), a second run downloads nothing, a tampered or unchecksummed
 * file is refused with nothing left behind, a plain-HTTP repository is refused, an unknown id gets "did you mean", a driver
 * the repository lacks is named as such. The Trino acceptance (a real driver, then "cannot connect") is in DistributionIT.
 */
class DriversInstallTest {
    private static final String GROUP = "dev/dbspec/test";

    @TempDir
    Path plugins;

    @TempDir
    Path repository; // aRepositoryNamedInADownloadedPomIsNeverUsed points it elsewhere for a moment, to publish there

    private Path fakedb;

    @BeforeEach
    void setUp() throws Exception {
        fakedb = Files.createDirectories(plugins.resolve("fakedb"));
        TestPluginJars.engine("fakedb", "dev.test.fakedb", "fakedb", "jdbc:fakedb:",
                        "public Optional<DriverArtifact> driverArtifact() {"
                                + " return Optional.of(new DriverArtifact(\"dev.dbspec.test:fakedb-jdbc:1.0\", \"Apache-2.0\", false)); }")
                .writeTo(fakedb);
        // a spec-only engine whose driver this repository does not hold
        TestPluginJars.engine("elsewhere", "dev.test.elsewhere", "elsewhere", "jdbc:elsewhere:",
                        "public Optional<DriverArtifact> driverArtifact() {"
                                + " return Optional.of(new DriverArtifact(\"com.example.vendor:elsewhere-jdbc:2.0\", \"proprietary\", false)); }")
                .writeTo(Files.createDirectories(plugins.resolve("elsewhere")));
        publish("fakedb-jdbc", """
                <dependencies>
                  <dependency><groupId>dev.dbspec.test</groupId><artifactId>fakedb-util</artifactId><version>1.0</version><scope>runtime</scope></dependency>
                  <dependency><groupId>dev.dbspec.test</groupId><artifactId>fakedb-testonly</artifactId><version>1.0</version><scope>test</scope></dependency>
                  <dependency><groupId>dev.dbspec.test</groupId><artifactId>fakedb-optional</artifactId><version>1.0</version><optional>true</optional></dependency>
                </dependencies>
                """, "dev/test/fakedb/Driver.class");
        publish("fakedb-util", "", "dev/test/fakedb/util/Helper.class");
    }

    /** A pom and a jar holding {@code entry}, each with its .sha1, as Maven Central serves them. */
    private void publish(String artifactId, String dependencies, String entry) throws Exception {
        Path folder = Files.createDirectories(repository.resolve(GROUP).resolve(artifactId).resolve("1.0"));
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.dbspec.test</groupId><artifactId>%s</artifactId><version>1.0</version>
                  %s
                </project>
                """.formatted(artifactId, dependencies);
        withSha1(Files.writeString(folder.resolve(artifactId + "-1.0.pom"), pom));
        Path jar = folder.resolve(artifactId + "-1.0.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(("bytes of " + entry).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        withSha1(jar);
    }

    private static void withSha1(Path file) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), HexFormat.of().formatHex(digest));
    }

    private Path jar(String artifactId) {
        return repository.resolve(GROUP).resolve(artifactId).resolve("1.0").resolve(artifactId + "-1.0.jar");
    }

    private CliRunner.Run install(String... args) {
        String[] all = Stream.concat(Stream.of("drivers", "install"), Stream.of(args)).toArray(String[]::new);
        return CliRunner.run(plugins, all);
    }

    private String repositoryUrl() {
        return repository.toUri().toString();
    }

    /** Every path below the plugin's folder, to show a refused install changed nothing. */
    private List<String> tree() throws IOException {
        try (Stream<Path> walk = Files.walk(fakedb)) {
            return walk.map(p -> fakedb.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void installsTheDriverWithItsRuntimeDependenciesOnceAndThePluginLoadsIt() throws Exception {
        CliRunner.Run before = CliRunner.run(plugins, "drivers", "--json");
        JsonNode missing = byEngine(new ObjectMapper().readTree(before.out()), "fakedb");
        assertThat(missing.get("present").asBoolean()).isFalse();
        assertThat(missing.get("installCommand").asText()).isEqualTo("dbspec drivers install fakedb");

        CliRunner.Run run = install("fakedb", "--repository", repositoryUrl());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("installed dev.dbspec.test:fakedb-jdbc:1.0", "fakedb-jdbc-1.0.jar", "fakedb-util-1.0.jar");
        try (Stream<Path> files = Files.list(fakedb.resolve("drivers"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("fakedb-jdbc-1.0.jar", "fakedb-util-1.0.jar", "installed-driver.properties");
        }
        assertThat(Files.readAllBytes(fakedb.resolve("drivers/fakedb-jdbc-1.0.jar"))).isEqualTo(Files.readAllBytes(jar("fakedb-jdbc")));
        try (Stream<Path> files = Files.list(fakedb)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".drivers-download"));
        }

        // the host's plugin class loader now sees the driver class (in the plugin's own loader, not the host's)
        try (DbspecHost host = DbspecHost.start(java.util.Optional.of(plugins), false)) {
            EngineEntry entry = host.registry().entry("fakedb").orElseThrow();
            assertThat(DriverStatus.of(entry).present()).isTrue();
            ClassLoader pluginLoader = entry.spec().orElseThrow().getClass().getClassLoader();
            assertThat(pluginLoader.getResource("dev/test/fakedb/Driver.class")).isNotNull();
            assertThat(DriversInstallTest.class.getClassLoader().getResource("dev/test/fakedb/Driver.class")).isNull();
        }
        JsonNode engines = new ObjectMapper().readTree(CliRunner.run(plugins, "engines", "--json").out());
        assertThat(byField(engines, "id", "fakedb").at("/driver/present").asBoolean()).isTrue();
        assertThat(byField(engines, "id", "fakedb").at("/driver/installCommand").isNull()).isTrue();

        // idempotent: the second run reads nothing from the repository (it is gone)
        deleteTree(repository);
        CliRunner.Run again = install("fakedb", "--repository", repositoryUrl());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("already installed", "nothing downloaded");
    }

    @Test
    void aTamperedJarIsRefusedAndNothingIsLeftBehind() throws Exception {
        List<String> before = tree();
        Files.write(jar("fakedb-util"), "not the published jar".getBytes(StandardCharsets.UTF_8)); // .sha1 unchanged
        CliRunner.Run run = install("fakedb", "--repository", repositoryUrl());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("refused dev.dbspec.test:fakedb-jdbc:1.0", "checksum", "nothing was installed");
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void aJarWithoutChecksumOrWithOnlyMd5IsRefusedAndNothingIsLeftBehind() throws Exception {
        List<String> before = tree();
        Files.delete(jar("fakedb-jdbc").resolveSibling("fakedb-jdbc-1.0.jar.sha1"));
        // a correct MD5 is no checksum here: MD5 is never accepted
        Files.writeString(jar("fakedb-jdbc").resolveSibling("fakedb-jdbc-1.0.jar.md5"),
                HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(jar("fakedb-jdbc")))));
        CliRunner.Run run = install("fakedb", "--repository", repositoryUrl());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("checksum", "nothing was installed");
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void aTamperedChecksumOfAPomIsRefusedToo() throws Exception {
        List<String> before = tree();
        Path sha1 = repository.resolve(GROUP).resolve("fakedb-util/1.0/fakedb-util-1.0.pom.sha1");
        Files.writeString(sha1, "0".repeat(40));
        CliRunner.Run run = install("fakedb", "--repository", repositoryUrl());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("checksum");
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void onlyHttpsAndFileRepositoriesAreAccepted() throws Exception {
        List<String> before = tree();
        for (String url : List.of("http://repo.maven.apache.org/maven2/", "ftp://example.com/repo", "repo.maven.apache.org/maven2")) {
            CliRunner.Run run = install("fakedb", "--repository", url);
            assertThat(run.exitCode()).as(url + ": " + run.err()).isEqualTo(4);
            assertThat(run.err()).contains("only https:// and file:// repositories are accepted");
        }
        CliRunner.Run credentials = install("fakedb", "--repository", "https://user:hunter2@repo.example.com/maven2/");
        assertThat(credentials.exitCode()).isEqualTo(4);
        assertThat(credentials.err()).contains("without credentials").doesNotContain("hunter2");
        CliRunner.Run range = install("fakedb", "--version", "[1.0,2.0)", "--repository", repositoryUrl());
        assertThat(range.exitCode()).isEqualTo(4);
        assertThat(range.err()).contains("--version must be a plain version");
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void anUnknownEngineGetsDidYouMean() {
        CliRunner.Run run = install("fakdb", "--repository", repositoryUrl());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown engine 'fakdb'", "did you mean: fakedb");
    }

    @Test
    void aDriverTheRepositoryLacksIsNamedWithTheFolderForAJarByHand() {
        CliRunner.Run run = install("elsewhere", "--repository", repositoryUrl());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("com.example.vendor:elsewhere-jdbc:2.0 is not on the repository " + repositoryUrl(),
                "get the driver's jar from its vendor", plugins.resolve("elsewhere").resolve("drivers").toString());
        assertThat(plugins.resolve("elsewhere").resolve("drivers")).doesNotExist();
    }

    /** A downloaded POM cannot send the install to another repository: only the chosen one is ever read. */
    @Test
    void aRepositoryNamedInADownloadedPomIsNeverUsed(@TempDir Path elsewhere) throws Exception {
        List<String> before = tree();
        Path saved = repository;
        repository = elsewhere;
        publish("fakedb-extra", "", "dev/test/fakedb/extra/Extra.class"); // only in the other repository
        repository = saved;
        publish("fakedb-util", """
                <repositories><repository><id>other</id><url>%s</url></repository></repositories>
                <dependencies>
                  <dependency><groupId>dev.dbspec.test</groupId><artifactId>fakedb-extra</artifactId><version>1.0</version></dependency>
                </dependencies>
                """.formatted(elsewhere.toUri()), "dev/test/fakedb/util/Helper.class");
        CliRunner.Run run = install("fakedb", "--repository", repositoryUrl());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("dev.dbspec.test:fakedb-extra:1.0 is not on the repository " + repositoryUrl());
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void anotherVersionReplacesTheOneInstalledBefore() throws Exception {
        assertThat(install("fakedb", "--repository", repositoryUrl()).exitCode()).isZero();
        Path folder = Files.createDirectories(repository.resolve(GROUP).resolve("fakedb-jdbc").resolve("1.1"));
        String pom = "<project><modelVersion>4.0.0</modelVersion><groupId>dev.dbspec.test</groupId>"
                + "<artifactId>fakedb-jdbc</artifactId><version>1.1</version></project>";
        withSha1(Files.writeString(folder.resolve("fakedb-jdbc-1.1.pom"), pom));
        Path jar = folder.resolve("fakedb-jdbc-1.1.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("dev/test/fakedb/Driver.class"));
            out.closeEntry();
        }
        withSha1(jar);
        CliRunner.Run run = install("fakedb", "--version", "1.1", "--repository", repositoryUrl());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (Stream<Path> files = Files.list(fakedb.resolve("drivers"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("fakedb-jdbc-1.1.jar", "installed-driver.properties");
        }
    }

    private static JsonNode byEngine(JsonNode drivers, String engine) {
        return byField(drivers, "engine", engine);
    }

    private static JsonNode byField(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
