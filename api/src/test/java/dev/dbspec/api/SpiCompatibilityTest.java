package dev.dbspec.api;

import japicmp.cmp.JApiCmpArchive;
import japicmp.cmp.JarArchiveComparator;
import japicmp.cmp.JarArchiveComparatorOptions;
import japicmp.model.AccessModifier;
import japicmp.model.JApiClass;
import japicmp.model.JApiCompatibility;
import japicmp.model.JApiCompatibilityChange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPI compatibility gate, run programmatically: the same japicmp comparison the build runs after {@code package}
 * (api/pom.xml, execution {@code spi-compatibility}), against the last released SPI jar kept in {@code spi-baseline/}.
 *
 * <p>Proves both directions: today's api is compatible with the baseline (unless a major bump is accepted), and a
 * deliberately broken copy of the api sources (an abstract method added to {@link EngineSpec}, a default method's
 * signature changed, a record component added to {@link Metric}) is reported incompatible, while adding a default
 * method is not.
 */
class SpiCompatibilityTest {
    private static final String BASELINE_VERSION = System.getProperty("dbspec.spi.baseline", "1.3.0");
    private static final boolean ACCEPT_BREAKING = Boolean.getBoolean("dbspec.spi.acceptBreaking");
    private static final Path SOURCES = Path.of("src/main/java/dev/dbspec/api");
    private static final Path BASELINE = Path.of("spi-baseline", "dbspec-api-" + BASELINE_VERSION + ".jar");

    private static String pf4jJar;

    @BeforeAll
    static void findPf4j() {
        // EngineSpec extends org.pf4j.ExtensionPoint: japicmp and javac need it to resolve the type hierarchy.
        pf4jJar = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("pf4j"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("pf4j is not on the test class path"));
    }

    @Test
    void baselineJarIsTheReleasedSpiItIsNamedAfter() throws Exception {
        assertThat(BASELINE).as("the committed baseline jar").isRegularFile();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {BASELINE.toUri().toURL()}, null)) {
            Object current = loader.loadClass("dev.dbspec.api.SpiVersion").getField("CURRENT").get(null);
            assertThat(current).isEqualTo(BASELINE_VERSION);
        }
        assertThat(compare(SpiVersion.CURRENT, BASELINE_VERSION)).as("SpiVersion.CURRENT never goes below the baseline")
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void currentApiIsCompatibleWithTheBaselineUnlessAMajorBumpIsAccepted(@TempDir Path temp) throws Exception {
        int currentMajor = major(SpiVersion.CURRENT);
        int baselineMajor = major(BASELINE_VERSION);
        if (ACCEPT_BREAKING) {
            // Accepting a break is only legal with a new major: plugins declare <2.0.0-style ranges and must be refused.
            assertThat(currentMajor)
                    .as("dbspec.spi.acceptBreaking=true needs SpiVersion.CURRENT's major above the baseline's (%s)", BASELINE_VERSION)
                    .isGreaterThan(baselineMajor);
            return;
        }
        assertThat(currentMajor).as("a major bump of SpiVersion.CURRENT must be accepted explicitly (dbspec.spi.acceptBreaking)")
                .isEqualTo(baselineMajor);
        Path current = jarOf(Path.of("target/classes"), temp.resolve("current.jar"));
        assertThat(incompatibilities(current)).as("incompatible SPI changes against %s", BASELINE).isEmpty();
    }

    @Test
    void anAbstractMethodAddedToAnInterfaceIsIncompatible(@TempDir Path temp) throws Exception {
        Path broken = brokenApi(temp, "EngineSpec.java", source -> insertBeforeLastBrace(source, "    String gateProbe();\n"));
        assertThat(incompatibilities(broken)).anySatisfy(change -> assertThat(change)
                .contains("dev.dbspec.api.EngineSpec").contains("gateProbe").contains("METHOD_ADDED_TO_INTERFACE"));
    }

    @Test
    void aChangedDefaultMethodSignatureIsIncompatible(@TempDir Path temp) throws Exception {
        Path broken = brokenApi(temp, "EngineSpec.java", source -> replaceOnce(source,
                "default String renameTableSql(TableName from, TableName to)",
                "default String renameTableSql(TableName from, TableName to, boolean ifExists)"));
        assertThat(incompatibilities(broken)).anySatisfy(change -> assertThat(change)
                .contains("dev.dbspec.api.EngineSpec").contains("renameTableSql").contains("METHOD_REMOVED"));
    }

    @Test
    void aChangedRecordComponentIsIncompatible(@TempDir Path temp) throws Exception {
        Path broken = brokenApi(temp, "Metric.java", source -> replaceOnce(
                replaceOnce(source, "String verboseName) {", "String verboseName, boolean hidden) {"),
                "new Metric(\"count\", \"COUNT(*)\", \"COUNT(*)\")", "new Metric(\"count\", \"COUNT(*)\", \"COUNT(*)\", false)"));
        assertThat(incompatibilities(broken)).anySatisfy(change -> assertThat(change)
                .contains("dev.dbspec.api.Metric").contains("CONSTRUCTOR_REMOVED"));
    }

    @Test
    void anAddedDefaultMethodIsCompatible(@TempDir Path temp) throws Exception {
        // The control: a minor bump's kind of change must pass, or the gate would refuse everything.
        Path added = brokenApi(temp, "EngineSpec.java",
                source -> insertBeforeLastBrace(source, "    default String gateProbe() {\n        return \"\";\n    }\n"));
        assertThat(incompatibilities(added)).isEmpty();
    }

    /** The baseline jar with one source file of today's api edited, recompiled against the baseline, and swapped in. */
    private static Path brokenApi(Path temp, String file, UnaryOperator<String> edit) throws IOException {
        String original = Files.readString(SOURCES.resolve(file));
        String edited = edit.apply(original);
        assertThat(edited).as("the edit applies").isNotEqualTo(original);
        Path src = temp.resolve("src/dev/dbspec/api/" + file);
        Files.createDirectories(src.getParent());
        Files.writeString(src, edited);
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = javac.run(null, out, out, "--release", "17", "-implicit:none", "-proc:none", "-nowarn",
                "-classpath", BASELINE.toAbsolutePath() + java.io.File.pathSeparator + pf4jJar,
                "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac: %s", out.toString(StandardCharsets.UTF_8)).isZero();

        Map<String, byte[]> replaced = new HashMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                replaced.put(classes.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        Path jar = temp.resolve("broken.jar");
        try (JarFile baseline = new JarFile(BASELINE.toFile());
             JarOutputStream target = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Enumeration<JarEntry> entries = baseline.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || replaced.containsKey(entry.getName())) {
                    continue;
                }
                target.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = baseline.getInputStream(entry)) {
                    in.transferTo(target);
                }
                target.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : replaced.entrySet()) {
                target.putNextEntry(new JarEntry(entry.getKey()));
                target.write(entry.getValue());
                target.closeEntry();
            }
        }
        return jar;
    }

    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (JarOutputStream target = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                target.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                target.write(Files.readAllBytes(path));
                target.closeEntry();
            }
        }
        return jar;
    }

    /** Every binary or source incompatible change, as "class[.member]: TYPE", the way the build's gate would fail. */
    private static List<String> incompatibilities(Path newJar) {
        JarArchiveComparatorOptions options = new JarArchiveComparatorOptions();
        options.setAccessModifier(AccessModifier.PROTECTED);
        options.getClassPathEntries().add(pf4jJar);
        JarArchiveComparator comparator = new JarArchiveComparator(options);
        List<JApiClass> classes = comparator.compare(
                new JApiCmpArchive(BASELINE.toFile(), BASELINE_VERSION), new JApiCmpArchive(newJar.toFile(), "new"));
        List<String> found = new ArrayList<>();
        for (JApiClass type : classes) {
            String name = type.getFullyQualifiedName();
            collect(found, name, type);
            type.getMethods().forEach(method -> collect(found, name + "." + method.getName(), method));
            type.getConstructors().forEach(constructor -> collect(found, name + ".<init>", constructor));
            type.getFields().forEach(field -> collect(found, name + "." + field.getName(), field));
            type.getInterfaces().forEach(iface -> collect(found, name + " implements " + iface.getFullyQualifiedName(), iface));
            collect(found, name + " extends", type.getSuperclass());
        }
        return found;
    }

    private static void collect(List<String> found, String where, JApiCompatibility element) {
        for (JApiCompatibilityChange change : element.getCompatibilityChanges()) {
            if (!change.isBinaryCompatible() || !change.isSourceCompatible()) {
                found.add(where + ": " + change.getType());
            }
        }
    }

    private static String insertBeforeLastBrace(String source, String member) {
        int last = source.lastIndexOf('}');
        return source.substring(0, last) + "\n" + member + source.substring(last);
    }

    private static String replaceOnce(String source, String from, String to) {
        assertThat(source).as("the source to edit").contains(from);
        return source.replace(from, to);
    }

    private static int major(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    private static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
