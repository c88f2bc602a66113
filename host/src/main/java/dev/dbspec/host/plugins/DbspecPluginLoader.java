package dev.dbspec.host.plugins;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/** Creates each plugin's {@link DbspecPluginClassLoader} over the jars of its {@link PluginLayout}. */
final class DbspecPluginLoader implements PluginLoader {
    private final PluginManager pluginManager;
    private final SpiOnlyClassLoader parent;

    DbspecPluginLoader(PluginManager pluginManager, SpiOnlyClassLoader parent) {
        this.pluginManager = requireNonNull(pluginManager, "pluginManager is null");
        this.parent = requireNonNull(parent, "parent is null");
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return PluginLayout.isJar(pluginPath) || pluginPath.toFile().isDirectory();
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        DbspecPluginClassLoader loader = new DbspecPluginClassLoader(pluginManager, descriptor, parent);
        for (Path jar : PluginLayout.classPath(pluginPath)) {
            loader.addFile(jar.toFile());
        }
        return loader;
    }
}
