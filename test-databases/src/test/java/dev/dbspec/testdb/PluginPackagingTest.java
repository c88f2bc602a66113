package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.SpiVersion;
import dev.dbspec.testdb.packaging.BundledDriverFixtureSpec;
import dev.dbspec.testdb.packaging.FixtureEngineSpec;
import dev.dbspec.testdb.packaging.FixturePlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaging contract on real zips made here: one packed as a connector's build packs it passes, and each
 * deliberate mistake (no Plugin-Requires, a range the SPI does not meet, a wrong Plugin-Class, no extension index,
 * another engine id, the spec's class or its bundled driver missing from the zip) fails with the fix in the message.
 */
class PluginPackagingTest {
    @TempDir
    Path work;

    private static Map<String, String> goodManifest() {
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("Plugin-Id", "fixturedb");
        manifest.put("Plugin-Version", "1.0.0");
        manifest.put("Plugin-Class", FixturePlugin.class.getName());
        manifest.put("Plugin-Requires", SpiVersion.COMPATIBLE_RANGE);
        return manifest;
    }

    @Test
    void aWellPackagedPluginStartsWithItsEngineSpec() throws IOException {
        PluginPackaging.Verified verified = PluginPackaging.verify(zip(goodManifest(), true, true), "fixturedb");
        assertThat(verified.pluginId()).isEqualTo("fixturedb");
        assertThat(verified.pluginVersion()).isEqualTo("1.0.0");
        assertThat(verified.pluginClass()).isEqualTo(FixturePlugin.class.getName());
        assertThat(verified.engineSpecClass()).isEqualTo(FixtureEngineSpec.class.getName());
        assertThat(verified.engineId()).isEqualTo("fixturedb");
    }

    @Test
    void aZipWithoutPluginRequiresFailsNamingTheEntryAndTheRange() throws IOException {
        Map<String, String> manifest = goodManifest();
        manifest.remove("Plugin-Requires");
        assertThatThrownBy(() -> PluginPackaging.verify(zip(manifest, true, true), "fixturedb"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("add Plugin-Requires: " + SpiVersion.COMPATIBLE_RANGE + " to the manifest in your pom");
    }

    @Test
    void aRangeThisSpiDoesNotMeetFails() throws IOException {
        Map<String, String> manifest = goodManifest();
        manifest.put("Plugin-Requires", ">=99.0.0");
        assertThatThrownBy(() -> PluginPackaging.verify(zip(manifest, true, true), "fixturedb"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Plugin-Requires '>=99.0.0' is not met by dbspec SPI " + SpiVersion.CURRENT)
                .hasMessageContaining("declare Plugin-Requires: " + SpiVersion.COMPATIBLE_RANGE);
        manifest.put("Plugin-Requires", "*");
        assertThatThrownBy(() -> PluginPackaging.verify(zip(manifest, true, true), "fixturedb"))
                .hasMessageContaining("Plugin-Requires is *, which the dbspec host refuses");
    }

    @Test
    void aWrongPluginClassFailsWithTheStateAndTheClass() throws IOException {
        Map<String, String> manifest = goodManifest();
        manifest.put("Plugin-Class", "com.example.NoSuchPlugin");
        assertThatThrownBy(() -> PluginPackaging.verify(zip(manifest, true, true), "fixturedb"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("plugin fixturedb is FAILED, not STARTED")
                .hasMessageContaining("Plugin-Class (com.example.NoSuchPlugin) names a public class in the plugin jar extending org.pf4j.Plugin");
    }

    @Test
    void aMissingPluginClassEntryFailsBeforeLoading() throws IOException {
        Map<String, String> manifest = goodManifest();
        manifest.remove("Plugin-Class");
        manifest.remove("Plugin-Version");
        assertThatThrownBy(() -> PluginPackaging.verify(zip(manifest, true, true), "fixturedb"))
                .hasMessageContaining("lacks 2 PF4J entries: add Plugin-Version: ${project.version}, Plugin-Class: <your class extending org.pf4j.Plugin>");
    }

    @Test
    void aPluginWithoutExtensionIndexExposesNoEngineSpec() throws IOException {
        assertThatThrownBy(() -> PluginPackaging.verify(zip(goodManifest(), false, true), "fixturedb"))
                .hasMessageContaining("exposes 0 EngineSpec extensions [], expected exactly one")
                .hasMessageContaining("annotate one EngineSpec class with @org.pf4j.Extension");
    }

    @Test
    void anotherEngineIdFails() throws IOException {
        assertThatThrownBy(() -> PluginPackaging.verify(zip(goodManifest(), true, true), "acmedb"))
                .hasMessageContaining("has id 'fixturedb', expected 'acmedb': make id() return 'acmedb'");
    }

    /** The spec is on this test's class path; the contract must not find it there, only in the zip. */
    @Test
    void classesOnTheTestClassPathDoNotHideWhatTheZipLacks() throws IOException {
        assertThatThrownBy(() -> PluginPackaging.verify(zip(goodManifest(), true, false), "fixturedb"))
                .hasMessageContaining("extension " + FixtureEngineSpec.class.getName() + " listed in META-INF/extensions.idx cannot be loaded");
    }

    @Test
    void anAbsentZipSaysToPackageFirst() {
        assertThatThrownBy(() -> PluginPackaging.verify(work.resolve("none.zip"), "fixturedb"))
                .hasMessageContaining("no plugin zip at").hasMessageContaining("after `mvn package`");
    }

    @Test
    void aZipWithoutAPluginJarNamesTheManifestEntry() throws IOException {
        Path zip = work.resolve("empty.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("fixturedb/lib/"));
            out.closeEntry();
        }
        assertThatThrownBy(() -> PluginPackaging.verify(zip, "fixturedb"))
                .hasMessageContaining("no jar with a manifest Plugin-Id at the root of fixturedb/");
    }

    /** A spec claiming a bundled driver finds it in the zip's lib/, and fails when only the test class path has it. */
    @Test
    void aBundledDriverMustBeInTheZip() throws Exception {
        Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = List.of(FixturePlugin.class, BundledDriverFixtureSpec.class);
        assertThat(PluginPackaging.verify(zip(goodManifest(), classes, BundledDriverFixtureSpec.class, List.of(h2)), "fixturedb")
                .engineSpecClass()).isEqualTo(BundledDriverFixtureSpec.class.getName());
        assertThatThrownBy(() -> PluginPackaging.verify(zip(goodManifest(), classes, BundledDriverFixtureSpec.class, List.of()), "fixturedb"))
                .hasMessageContaining("the spec says its driver com.h2database:h2:2.3.232 is bundled, but the plugin cannot load org.h2.Driver")
                .hasMessageContaining("Add the driver as a runtime dependency so src/assembly/plugin.xml puts it in lib/");
    }

    private Path zip(Map<String, String> entries, boolean extensionIndex, boolean specClass) throws IOException {
        List<Class<?>> classes = specClass ? List.of(FixturePlugin.class, FixtureEngineSpec.class) : List.of(FixturePlugin.class);
        return zip(entries, classes, extensionIndex ? FixtureEngineSpec.class : null, List.of());
    }

    /** A zip laid out as the assembly lays it out: fixturedb/plugin.jar (classes, manifest, extension index) and fixturedb/lib/. */
    private Path zip(Map<String, String> entries, List<Class<?>> classes, Class<?> indexed, List<Path> lib) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        entries.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        Path zip = Files.createTempFile(work, "plugin", ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("fixturedb/dbspec-fixturedb-1.0.0.jar"));
            JarOutputStream jar = new JarOutputStream(out, manifest);
            for (Class<?> type : classes) {
                String name = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new ZipEntry(name));
                try (InputStream bytes = type.getClassLoader().getResourceAsStream(name)) {
                    bytes.transferTo(jar);
                }
                jar.closeEntry();
            }
            if (indexed != null) {
                jar.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
                jar.write((indexed.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            jar.finish();
            out.closeEntry();
            for (Path dependency : lib) {
                out.putNextEntry(new ZipEntry("fixturedb/lib/" + dependency.getFileName()));
                Files.copy(dependency, out);
                out.closeEntry();
            }
        }
        return zip;
    }
}
