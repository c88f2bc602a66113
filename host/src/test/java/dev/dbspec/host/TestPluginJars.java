package dev.dbspec.host;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars for tests: compiles Java sources against the SPI with the JDK compiler and
 * packs them with a PF4J manifest and extension index, like a connector build would (after PF4J's
 * test fixture {@code PluginJar}). Classes can be left out of the jar to make broken plugins.
 */
final class TestPluginJars {
    private final String pluginId;
    private String requires = ">=1.0.0 & <2.0.0";
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private final List<String> omittedClasses = new ArrayList<>();

    private TestPluginJars(String pluginId) {
        this.pluginId = requireNonNull(pluginId, "pluginId is null");
    }

    static TestPluginJars plugin(String pluginId) {
        return new TestPluginJars(pluginId);
    }

    /** The manifest's Plugin-Requires; {@code null} leaves the attribute out. */
    TestPluginJars requires(String range) {
        this.requires = range;
        return this;
    }

    /** Adds a class; {@code source} is its full compilation unit. */
    TestPluginJars source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Lists {@code className} in META-INF/extensions.idx. */
    TestPluginJars extension(String className) {
        extensions.add(className);
        return this;
    }

    /** Compiles {@code className} but leaves it out of the jar. */
    TestPluginJars omit(String className) {
        omittedClasses.add(className);
        return this;
    }

    /**
     * A one-class plugin with an engine spec {@code id} serving {@code prefix}; {@code body} goes into
     * the class (extra members, a static initializer...).
     */
    static TestPluginJars engine(String pluginId, String packageName, String engineId, String prefix, String body) {
        String className = packageName + ".Spec";
        String source = """
                package %s;
                import dev.dbspec.api.*;
                import java.util.*;
                @org.pf4j.Extension
                public final class Spec implements EngineSpec {
                    public String id() { return "%s"; }
                    public String displayName() { return "%s engine"; }
                    public List<String> urlPrefixes() { return List.of("%s"); }
                    public String urlTemplate() { return "%s{database}"; }
                    public String driverClassName() { return "%s.Driver"; }
                    public Map<TimeGrain, String> timeGrainExpressions() { return Map.of(TimeGrain.DAY, "DAY({col})"); }
                    %s
                }
                """.formatted(packageName, engineId, engineId, prefix, prefix, packageName, body);
        return plugin(pluginId).source(className, source).extension(className);
    }

    /** Writes {@code <dir>/<pluginId>.jar}. */
    Path writeTo(Path dir) {
        try {
            Path work = Files.createTempDirectory("plugin-src-" + pluginId);
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            if (!files.isEmpty()) {
                compile(classes, files);
            }
            Path jar = dir.resolve(pluginId + ".jar");
            Manifest manifest = new Manifest();
            Attributes attributes = manifest.getMainAttributes();
            attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            attributes.putValue("Plugin-Id", pluginId);
            attributes.putValue("Plugin-Version", "1.2.3");
            if (requires != null) {
                attributes.putValue("Plugin-Requires", requires);
            }
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                put(out, "META-INF/extensions.idx", String.join("\n", extensions).getBytes(StandardCharsets.UTF_8));
                try (Stream<Path> walk = Files.walk(classes)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        String name = classes.relativize(file).toString().replace('\\', '/');
                        String className = name.replace('/', '.').replaceAll("\\.class$", "");
                        if (!omittedClasses.contains(className)) {
                            put(out, name, Files.readAllBytes(file));
                        }
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(Path classes, List<String> files) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "--release", "17", "-d", classes.toString(),
                "-cp", locationOf(dev.dbspec.api.EngineSpec.class) + java.io.File.pathSeparator + locationOf(org.pf4j.Extension.class)));
        arguments.addAll(files);
        int status = compiler.run(null, null, System.err, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("compilation of test plugin failed: " + files);
        }
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(bytes);
        out.closeEntry();
    }

    /** Copies the real plugins built by the reactor (see the host pom) into {@code dir}. */
    static void copyBuiltPlugins(Path dir) {
        Path built = Path.of(requireNonNull(System.getProperty("dbspec.test.pluginsDir"),
                "system property dbspec.test.pluginsDir is not set (run through Maven)"));
        try {
            copyTree(built, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies every folder and file below {@code from} into {@code to}. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
