package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dbspec engines} prints the listing kept from the last load of the same plugin files, and loads the plugins
 * again whenever anything it came from changed: a plugin added or removed, a driver dropped in, a jar written or
 * replaced. A kept listing is told apart from a load by planting a marker in the kept file (its fingerprint unchanged).
 */
class EngineListingCacheTest {
    private static final String MARKER = "KEPT LISTING MARKER\n";

    @TempDir
    Path plugins;

    @TempDir
    Path cache;

    @BeforeEach
    void plugins() throws IOException {
        Path built = Path.of(System.getProperty("dbspec.test.pluginsDir"));
        TestPluginJars.copyTree(built.resolve("h2"), plugins.resolve("h2"));
        TestPluginJars.copyTree(built.resolve("sqlite"), plugins.resolve("sqlite"));
        System.setProperty("dbspec.cache-dir", cache.toString());
    }

    @AfterEach
    void noCache() {
        System.clearProperty("dbspec.cache-dir");
    }

    @Test
    void everyFormatIsKeptAndIsWhatALoadPrints() throws IOException {
        for (String[] format : List.of(new String[] {}, new String[] {"--json"}, new String[] {"--markdown"})) {
            CliRunner.Run loaded = engines(concat(format, "--reload"));
            assertThat(loaded.exitCode()).as(loaded.err()).isZero();
            assertThat(loaded.out()).contains("h2", "sqlite");
            assertThat(keptFile()).exists();
            CliRunner.Run kept = engines(format);
            assertThat(kept).isEqualTo(loaded);
        }
    }

    @Test
    void aKeptListingIsPrintedInsteadOfLoading() throws IOException {
        engines();
        plantMarker();
        assertThat(engines().out()).isEqualTo(MARKER);
        CliRunner.Run reloaded = engines("--reload");
        assertThat(reloaded.out()).as("--reload loads the plugins").contains("h2").doesNotContain("MARKER");
        assertThat(engines().out()).as("and keeps what it printed").isEqualTo(reloaded.out());
    }

    @Test
    void aPluginAddedOrRemovedIsSeen() throws IOException {
        engines();
        plantMarker();
        TestPluginJars.copyTree(Path.of(System.getProperty("dbspec.test.pluginsDir")).resolve("hsqldb"), plugins.resolve("hsqldb"));
        assertThat(engines().out()).contains("hsqldb").doesNotContain("MARKER");
        plantMarker();
        deleteTree(plugins.resolve("sqlite"));
        assertThat(engines().out()).contains("h2").doesNotContain("sqlite").doesNotContain("MARKER");
    }

    @Test
    void aDriverDroppedIntoItsFolderIsSeen() throws IOException {
        // a spec-only plugin: its driver is missing until a jar is dropped into plugins/<id>/drivers/
        TestPluginJars.copyTree(Path.of(System.getProperty("dbspec.test.pluginsDir")).resolve("presto"), plugins.resolve("presto"));
        assertThat(engines("--json").out()).contains("\"present\" : false");
        plantMarker();
        Path drivers = Files.createDirectories(plugins.resolve("presto").resolve("drivers"));
        try (Stream<Path> jars = Files.list(plugins.resolve("h2").resolve("lib"))) {
            Files.copy(jars.filter(jar -> jar.getFileName().toString().startsWith("h2-")).findFirst().orElseThrow(),
                    drivers.resolve("some-driver.jar"));
        }
        assertThat(engines("--json").out()).doesNotContain("MARKER");
    }

    @Test
    void aJarWrittenInPlaceOrReplacedIsSeen() throws IOException {
        engines();
        Path jar;
        try (Stream<Path> files = Files.list(plugins.resolve("h2"))) {
            jar = files.filter(file -> file.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        plantMarker();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        assertThat(engines().out()).as("written: a new modification time").doesNotContain("MARKER");

        plantMarker();
        // replaced by another file of the same size and modification time: a new inode
        // (the folders' modification times set back too, so the file itself is all that tells)
        FileTime folderTime = Files.getLastModifiedTime(jar.getParent());
        Path copy = jar.resolveSibling("replacement.tmp");
        Files.copy(jar, copy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(jar));
        Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(jar.getParent(), folderTime);
        assertThat(engines().out()).as("replaced: a new file").doesNotContain("MARKER");
    }

    /** Written in place with the same size, its modification time put back (cp -p, rsync -t): the change time tells. */
    @Test
    void aJarRewrittenWithItsModificationTimePutBackIsSeen() throws IOException {
        engines();
        Path jar;
        try (Stream<Path> files = Files.list(plugins.resolve("h2"))) {
            jar = files.filter(file -> file.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        plantMarker();
        FileTime modified = Files.getLastModifiedTime(jar);
        FileTime folderTime = Files.getLastModifiedTime(jar.getParent());
        byte[] bytes = Files.readAllBytes(jar);
        Files.write(jar, bytes); // same inode, same size, same bytes
        Files.setLastModifiedTime(jar, modified);
        Files.setLastModifiedTime(jar.getParent(), folderTime);
        assertThat(engines().out()).doesNotContain("MARKER");
    }

    /**
     * A listing in which an engine FAILED is not kept (its reason may come from the environment), and a spec that fails in
     * what one format reads fails that format only: the table still prints, and nothing is kept.
     */
    @Test
    void aFailedEngineOrAFailedFormatKeepsNothing() throws IOException {
        TestPluginJars.engine("broken-options", "dev.test.listing", "brokenopts", "jdbc:brokenopts:",
                "public ConnectionOptions connectionOptions() { throw new IllegalStateException(\"allow-list not configured\"); }")
                .writeTo(plugins);
        CliRunner.Run table = engines();
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("brokenopts", "h2");
        CliRunner.Run json = engines("--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.err()).contains("allow-list not configured");
        assertThat(keptFiles()).as("no listing kept while a format fails").isEmpty();

        deleteTree(plugins.resolve("broken-options.jar"));
        TestPluginJars.engine("static-init", "dev.test.listing2", "broken", "jdbc:broken:",
                "static { if (true) throw new IllegalStateException(\"boom\"); }").writeTo(plugins);
        CliRunner.Run failed = engines();
        assertThat(failed.out()).contains("FAILED", "boom");
        assertThat(keptFiles()).as("no listing kept with a FAILED engine").isEmpty();
    }

    /** The plugins folder as given is part of the key: a load quotes it in reasons, so each spelling has its own listing. */
    @Test
    void eachSpellingOfTheFolderKeepsItsOwnListing() throws IOException {
        engines();
        CliRunner.Run other = CliRunner.run(plugins.resolve("h2").resolve(".."), "engines");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(keptFiles()).hasSize(2);
    }

    @Test
    void aDamagedListingIsIgnoredAndWrittenAgain() throws IOException {
        String loaded = engines().out();
        Files.writeString(keptFile(), "fingerprint=\\uZZZZ broken", StandardCharsets.UTF_8);
        assertThat(engines().out()).isEqualTo(loaded);
        assertThat(Files.readString(keptFile())).contains("output.table");
        assertThat(engines().out()).isEqualTo(loaded);
    }

    @Test
    void aFolderThatCannotBeWrittenKeepsNothingAndChangesNothing() throws IOException {
        Path blocked = Files.writeString(cache.resolve("a-file"), "in the way");
        System.setProperty("dbspec.cache-dir", blocked.resolve("cache").toString());
        CliRunner.Run first = engines();
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("h2");
        assertThat(engines()).isEqualTo(first);
    }

    private CliRunner.Run engines(String... args) {
        return CliRunner.run(plugins, concat(new String[] {"engines"}, args));
    }

    private Path keptFile() throws IOException {
        List<Path> kept = keptFiles();
        assertThat(kept).as("one kept listing for one plugins folder").hasSize(1);
        return kept.get(0);
    }

    private List<Path> keptFiles() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(file -> file.getFileName().toString().startsWith("engines-")
                    && file.getFileName().toString().endsWith(".properties")).toList();
        }
    }

    /** Replaces the kept table in place, keeping its fingerprint: what is printed then came from the kept file. */
    private void plantMarker() throws IOException {
        Path file = keptFile();
        Properties kept = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            kept.load(reader);
        }
        kept.setProperty("output.table", MARKER);
        kept.setProperty("output.json", MARKER);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            kept.store(writer, null);
        }
        assertThat(engines().out()).as("the marker is what a kept listing prints").isEqualTo(MARKER);
    }

    private static String[] concat(String[] first, String... second) {
        return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            Files.delete(root);
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
