package dev.dbspec.host.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where a plugin's code lives on disk. A plugin is either
 * <ul>
 *   <li>a single jar in the plugins directory (self-contained), or</li>
 *   <li>a folder holding the plugin jar (the jar whose manifest has {@code Plugin-Id}), its bundled
 *       dependencies in {@code lib/}, and user-supplied JDBC drivers in {@code drivers/}.</li>
 * </ul>
 */
public final class PluginLayout {
    /** Folder, inside a plugin folder, for jars the plugin ships with (its JDBC driver). */
    public static final String LIB = "lib";
    /** Folder, inside a plugin folder, where users drop a JDBC driver the plugin does not ship. */
    public static final String DRIVERS = "drivers";

    private PluginLayout() {
    }

    /** The plugin jar of {@code pluginPath}: the path itself for a jar, the descriptor jar for a folder. */
    public static Optional<Path> pluginJar(Path pluginPath) {
        if (isJar(pluginPath)) {
            return Optional.of(pluginPath);
        }
        if (!Files.isDirectory(pluginPath)) {
            return Optional.empty();
        }
        return jarsIn(pluginPath).stream().filter(PluginLayout::hasPluginId).findFirst();
    }

    /** Every jar that makes up the plugin's class path, plugin jar first. */
    public static List<Path> classPath(Path pluginPath) {
        List<Path> jars = new ArrayList<>();
        if (isJar(pluginPath)) {
            jars.add(pluginPath);
            return jars;
        }
        jars.addAll(jarsIn(pluginPath));
        jars.addAll(jarsIn(pluginPath.resolve(LIB)));
        jars.addAll(jarsIn(pluginPath.resolve(DRIVERS)));
        return jars;
    }

    static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> jarsIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(PluginLayout::isJar).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasPluginId(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Plugin-Id") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
