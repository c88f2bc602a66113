package dev.dbspec.host.plugins;

import java.nio.file.Path;
import java.util.jar.Manifest;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;

/** Reads the PF4J descriptor from the plugin jar's manifest, for jar and folder plugins alike. */
final class DbspecDescriptorFinder extends ManifestPluginDescriptorFinder {
    @Override
    public boolean isApplicable(Path pluginPath) {
        return PluginLayout.isJar(pluginPath) || pluginPath.toFile().isDirectory();
    }

    @Override
    protected Manifest readManifest(Path pluginPath) {
        Path jar = PluginLayout.pluginJar(pluginPath).orElseThrow(() -> new PluginRuntimeException(
                "no plugin jar (a jar whose manifest has Plugin-Id) in " + pluginPath));
        return readManifestFromJar(jar);
    }
}
