package dev.dbspec.host.plugins;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: shared packages (SPI, PF4J, SLF4J) always from the host, even if the plugin
 * jar bundles a copy; everything else from the plugin's own jars (plugin jar, {@code lib/},
 * {@code drivers/}) first, then its declared PF4J dependencies, then the JDK.
 */
public final class DbspecPluginClassLoader extends PluginClassLoader {
    static {
        registerAsParallelCapable();
    }

    DbspecPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, SpiOnlyClassLoader parent) {
        super(pluginManager, descriptor, parent, ClassLoadingStrategy.PDA);
    }

    /** Whether this loader has already defined {@code className} (used to prove drivers load lazily). */
    public boolean hasLoaded(String className) {
        synchronized (getClassLoadingLock(className)) {
            return findLoadedClass(className) != null;
        }
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return SpiOnlyClassLoader.isShared(className) && !className.startsWith("org.pf4j.test");
    }
}
