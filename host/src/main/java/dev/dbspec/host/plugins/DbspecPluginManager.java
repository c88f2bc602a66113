package dev.dbspec.host.plugins;

import dev.dbspec.api.SpiVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginRepository;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's manager with dbspec's policies plugged into its factory hooks: plugin jars or plugin folders
 * ({@link PluginLayout}), class loaders that share only the SPI ({@link SpiOnlyClassLoader}), the SPI
 * version as the system version, and failures recorded with a readable reason instead of logged and
 * forgotten, so one broken plugin never stops the host.
 */
public class DbspecPluginManager extends DefaultPluginManager {
    private final Map<Path, String> loadFailures = new LinkedHashMap<>();
    private final Map<String, String> invalidReasons = new LinkedHashMap<>();

    public DbspecPluginManager(List<Path> pluginsRoots) {
        super(pluginsRoots);
        setSystemVersion(SpiVersion.CURRENT);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new CompoundPluginRepository()
                .add(new JarPluginRepository(getPluginsRoots()))
                .add(new DefaultPluginRepository(getPluginsRoots()));
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new DbspecDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new DbspecPluginLoader(this, new SpiOnlyClassLoader(DbspecPluginManager.class.getClassLoader()));
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException | LinkageError e) {
            loadFailures.put(pluginPath, Failures.describe(e));
            return null;
        }
    }

    @Override
    protected boolean isPluginValid(PluginWrapper pluginWrapper) {
        // PF4J reads a missing Plugin-Requires as "*", any version: a plugin would then start on any SPI and
        // fail later in unclear ways. dbspec wants the range the plugin was built for.
        String requires = pluginWrapper.getDescriptor().getRequires();
        if (requires == null || requires.isBlank() || "*".equals(requires.trim())) {
            invalidReasons.put(pluginWrapper.getPluginId(), "its manifest has no Plugin-Requires (the dbspec SPI range it was"
                    + " built for, for example >=1.0.0 & <2.0.0; this host provides SPI " + SpiVersion.CURRENT + ")");
            return false;
        }
        boolean valid = super.isPluginValid(pluginWrapper);
        if (!valid) {
            invalidReasons.put(pluginWrapper.getPluginId(), "requires dbspec SPI " + pluginWrapper.getDescriptor().getRequires()
                    + " but this host provides SPI " + SpiVersion.CURRENT);
        }
        return valid;
    }

    /** Plugin paths that could not be loaded at all (no descriptor, unreadable jar...), with the reason. */
    public Map<Path, String> loadFailures() {
        return Map.copyOf(loadFailures);
    }

    /** Why a loaded plugin was refused (SPI range), by plugin id. */
    public Map<String, String> invalidReasons() {
        return Map.copyOf(invalidReasons);
    }
}
