package dev.dbspec.host.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin class loader: the JDK (platform loader) plus only the host packages a
 * plugin may use (the SPI, PF4J, SLF4J). Everything else of the host (Jackson, picocli, Caffeine,
 * Logback...) stays invisible, so a plugin cannot come to depend on the host's versions by accident
 * (the Trino {@code PluginClassLoader} rule).
 */
public final class SpiOnlyClassLoader extends ClassLoader {
    /** Package prefixes served from the host. */
    public static final List<String> SHARED_PACKAGES = List.of("dev.dbspec.api.", "org.pf4j.", "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    public SpiOnlyClassLoader(ClassLoader host) {
        super("dbspec-spi", ClassLoader.getPlatformClassLoader());
        this.host = requireNonNull(host, "host is null");
    }

    /** Whether {@code className} belongs to a package shared with plugins. */
    public static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (isShared(name)) {
            return host.loadClass(name);
        }
        throw new ClassNotFoundException(name + " (not visible to plugins: only the JDK and " + SHARED_PACKAGES + " are)");
    }

    @Override
    protected URL findResource(String name) {
        return isSharedResource(name) ? host.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return isSharedResource(name) ? host.getResources(name) : Collections.emptyEnumeration();
    }

    private static boolean isSharedResource(String name) {
        return name.endsWith(".class") && isShared(name.replace('/', '.'));
    }
}
