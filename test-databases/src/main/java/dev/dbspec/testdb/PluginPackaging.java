package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultVersionManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * The packaging contract: the plugin zip a connector's build makes loads into a PF4J plugin manager laid out as the
 * dbspec host's (plugin jar at the root of the plugin folder, its driver in {@code lib/}, class loaders that see only
 * the JDK, the SPI, PF4J and SLF4J of the host) and starts with exactly one {@link EngineSpec}, whose bundled driver is
 * in the zip. Each failure is an
 * {@link AssertionError} that says what to change in the connector's pom or code.
 *
 * <p>The kit cannot use the host module (connectors never depend on it), so it mirrors the host's layout and
 * class-loading rule here with PF4J alone; {@code ExampleConnectorIT} in the host checks that a zip passing this
 * contract also starts in the real distribution. Use it through {@link PluginPackagingContract}.
 */
public final class PluginPackaging {
    /** The packages a plugin sees from the host, as the host's {@code SpiOnlyClassLoader} shares them. */
    static final List<String> SHARED_PACKAGES = List.of("dev.dbspec.api.", "org.pf4j.", "org.slf4j.");

    private static final String POM_HINT = " to the manifest in your pom (maven-jar-plugin <archive><manifestEntries>)";

    private PluginPackaging() {
    }

    /** What the contract found in a zip that passed it. */
    public record Verified(String pluginId, String pluginVersion, String pluginRequires, String pluginClass,
                           String engineSpecClass, String engineId) {
    }

    /**
     * Checks {@code zip} and loads it: it exists; it holds one plugin folder whose root jar's manifest declares
     * {@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Class} and {@code Plugin-Requires}; this kit's
     * {@link SpiVersion#CURRENT} meets {@code Plugin-Requires}; the plugin reaches {@link PluginState#STARTED} with the
     * declared plugin class; it exposes exactly one {@link EngineSpec} extension, whose id is {@code expectedEngineId}; a
     * spec whose {@link EngineSpec#driverArtifact()} is bundled loads its driver from the zip.
     *
     * @throws AssertionError naming what to fix
     */
    public static Verified verify(Path zip, String expectedEngineId) {
        requireNonNull(zip, "zip is null");
        requireNonNull(expectedEngineId, "expectedEngineId is null");
        if (!Files.isRegularFile(zip)) {
            throw new AssertionError("no plugin zip at " + zip.toAbsolutePath() + ": run the contract after `mvn package`"
                    + " (maven-failsafe-plugin, in integration-test), and let maven-assembly-plugin make the zip with src/assembly/plugin.xml");
        }
        Path plugins = null;
        try {
            plugins = Files.createTempDirectory("dbspec-packaging");
            Path folder = unzipPluginFolder(zip, plugins);
            Manifest manifest = readManifest(pluginJar(zip, folder));
            Attributes attributes = manifest.getMainAttributes();
            requireAttributes(zip, attributes);
            String requires = attributes.getValue(ManifestPluginDescriptorFinder.PLUGIN_REQUIRES).trim();
            requireSpiRangeMet(requires);
            return load(folder, attributes, expectedEngineId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin zip " + zip, e);
        } finally {
            deleteQuietly(plugins);
        }
    }

    /** Unzips into {@code into} and returns the one plugin folder the zip holds, as the host expects it. */
    private static Path unzipPluginFolder(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into) || target.equals(into)) {
                    throw new AssertionError("plugin zip " + zip + " has an entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
        try (Stream<Path> top = Files.list(into)) {
            List<Path> folders = top.toList();
            if (folders.size() != 1 || !Files.isDirectory(folders.get(0))) {
                throw new AssertionError("plugin zip " + zip + " must hold exactly one folder (the plugin id) with the plugin jar"
                        + " and lib/, found " + folders.stream().map(p -> p.getFileName().toString()).toList()
                        + ": set <baseDirectory>${plugin.id}</baseDirectory> in src/assembly/plugin.xml");
            }
            return folders.get(0);
        }
    }

    /** The jar at the root of the plugin folder whose manifest has {@code Plugin-Id}, as the host picks it. */
    private static Path pluginJar(Path zip, Path folder) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                if (manifest != null && manifest.getMainAttributes().getValue(ManifestPluginDescriptorFinder.PLUGIN_ID) != null) {
                    return jar;
                }
            }
        }
        throw new AssertionError("no jar with a manifest Plugin-Id at the root of " + folder.getFileName() + "/ in " + zip
                + " (jars there: " + jars.stream().map(j -> j.getFileName().toString()).toList() + "): add Plugin-Id: <engine id>"
                + POM_HINT + ", and put the project's jar at the root of the zip's folder in src/assembly/plugin.xml");
    }

    private static Manifest readManifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    private static void requireAttributes(Path zip, Attributes attributes) {
        List<String> missing = new ArrayList<>();
        for (String[] attribute : List.of(
                new String[] {ManifestPluginDescriptorFinder.PLUGIN_ID, "<engine id>"},
                new String[] {ManifestPluginDescriptorFinder.PLUGIN_VERSION, "${project.version}"},
                new String[] {ManifestPluginDescriptorFinder.PLUGIN_CLASS, "<your class extending org.pf4j.Plugin>"},
                new String[] {ManifestPluginDescriptorFinder.PLUGIN_REQUIRES, SpiVersion.COMPATIBLE_RANGE})) {
            String value = attributes.getValue(attribute[0]);
            if (value == null || value.isBlank()) {
                missing.add(attribute[0] + ": " + attribute[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("the plugin jar's manifest in " + zip.getFileName() + " lacks " + missing.size()
                    + " PF4J entr" + (missing.size() == 1 ? "y" : "ies") + ": add " + String.join(", ", missing) + POM_HINT);
        }
    }

    /** The host's rule: the SPI it provides must satisfy the range (PF4J reads "*" as any SPI, which the host refuses). */
    private static void requireSpiRangeMet(String requires) {
        if ("*".equals(requires)) {
            throw new AssertionError("Plugin-Requires is *, which the dbspec host refuses: declare the SPI range the plugin was"
                    + " built for, Plugin-Requires: " + SpiVersion.COMPATIBLE_RANGE + POM_HINT);
        }
        boolean met;
        try {
            met = new DefaultVersionManager().checkVersionConstraint(SpiVersion.CURRENT, requires);
        } catch (RuntimeException e) {
            throw new AssertionError("Plugin-Requires '" + requires + "' is not a version range (" + e.getMessage()
                    + "): write it as " + SpiVersion.COMPATIBLE_RANGE + POM_HINT, e);
        }
        if (!met) {
            throw new AssertionError("Plugin-Requires '" + requires + "' is not met by dbspec SPI " + SpiVersion.CURRENT
                    + " (the dbspec-api this kit runs with): declare Plugin-Requires: " + SpiVersion.COMPATIBLE_RANGE + POM_HINT
                    + ", or build against the dbspec version whose SPI your range names");
        }
    }

    private static Verified load(Path folder, Attributes attributes, String expectedEngineId) {
        HostLikePluginManager manager = new HostLikePluginManager(folder.getParent());
        String pluginId;
        try {
            pluginId = manager.loadPlugin(folder);
        } catch (RuntimeException | LinkageError e) {
            throw new AssertionError("PF4J cannot load the plugin folder " + folder.getFileName() + ": " + describe(e), e);
        }
        try {
            PluginWrapper plugin = manager.getPlugin(pluginId);
            PluginState state = manager.startPlugin(pluginId);
            String pluginClass = plugin.getDescriptor().getPluginClass();
            if (state != PluginState.STARTED) {
                Throwable failure = plugin.getFailedException();
                throw new AssertionError("plugin " + pluginId + " is " + state + ", not STARTED"
                        + (failure == null ? "" : ": " + describe(failure))
                        + ". Check that Plugin-Class (" + pluginClass + ") names a public class in the plugin jar extending"
                        + " org.pf4j.Plugin with a public no-argument constructor, and that its start() does not throw", failure);
            }
            String started = plugin.getPlugin().getClass().getName();
            if (!started.equals(pluginClass)) {
                throw new AssertionError("plugin " + pluginId + " started as " + started + ", not as its Plugin-Class " + pluginClass
                        + ": set Plugin-Class to your class extending org.pf4j.Plugin");
            }
            EngineSpec spec = onlyEngineSpec(manager, plugin);
            String engineId = spec.id();
            if (!expectedEngineId.equals(engineId)) {
                throw new AssertionError("the plugin's EngineSpec " + spec.getClass().getName() + " has id '" + engineId
                        + "', expected '" + expectedEngineId + "': make id() return '" + expectedEngineId
                        + "' (the Plugin-Id and DBSPEC_TEST_<ID>_URL use it too)");
            }
            requireBundledDriver(spec, plugin.getPluginClassLoader());
            return new Verified(pluginId, plugin.getDescriptor().getVersion(), attributes.getValue(ManifestPluginDescriptorFinder.PLUGIN_REQUIRES).trim(),
                    pluginClass, spec.getClass().getName(), engineId);
        } finally {
            // stops the plugin and closes its class loader (its jars live in a folder deleted next)
            manager.unloadPlugin(pluginId);
        }
    }

    /** As the host does: every extension class PF4J indexed for the plugin, loaded by the plugin's class loader. */
    private static EngineSpec onlyEngineSpec(PluginManager manager, PluginWrapper plugin) {
        ClassLoader loader = plugin.getPluginClassLoader();
        List<String> specs = new ArrayList<>();
        for (String className : manager.getExtensionClassNames(plugin.getPluginId())) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new AssertionError("extension " + className + " listed in META-INF/extensions.idx cannot be loaded from the plugin: "
                        + describe(e) + " (a class it needs is neither in the plugin jar, its lib/, nor the SPI)", e);
            }
            if (EngineSpec.class.isAssignableFrom(type)) {
                specs.add(className);
            }
        }
        if (specs.size() != 1) {
            throw new AssertionError("plugin " + plugin.getPluginId() + " exposes " + specs.size() + " EngineSpec extensions "
                    + specs + ", expected exactly one: annotate one EngineSpec class with @org.pf4j.Extension and keep pf4j on the"
                    + " compile class path (scope provided) so its annotation processor writes META-INF/extensions.idx");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return (EngineSpec) Class.forName(specs.get(0), true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new AssertionError("cannot create the EngineSpec " + specs.get(0) + " from the plugin: " + describe(e)
                    + " (it needs a public no-argument constructor, and every class it uses in the plugin jar, its lib/ or the SPI)", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A spec that says it bundles its driver must find it in the zip (its lib/), not on the test class path. */
    private static void requireBundledDriver(EngineSpec spec, ClassLoader loader) {
        if (spec.driverArtifact().map(DriverArtifact::bundled).orElse(false)) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                spec.loadDriver();
            } catch (SQLException | RuntimeException | LinkageError e) {
                throw new AssertionError("the spec says its driver " + spec.driverArtifact().get().mavenCoordinates()
                        + " is bundled, but the plugin cannot load " + spec.driverClassName() + ": " + describe(e)
                        + ". Add the driver as a runtime dependency so src/assembly/plugin.xml puts it in lib/", e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not the contract's failure
        }
    }

    /** PF4J configured as the dbspec host: manifest descriptor in the root jar, SPI version as system version. */
    private static final class HostLikePluginManager extends DefaultPluginManager {
        HostLikePluginManager(Path pluginsRoot) {
            super(pluginsRoot);
            setSystemVersion(SpiVersion.CURRENT);
        }

        @Override
        public RuntimeMode getRuntimeMode() {
            return RuntimeMode.DEPLOYMENT;
        }

        @Override
        protected PluginDescriptorFinder createPluginDescriptorFinder() {
            return new ManifestPluginDescriptorFinder() {
                @Override
                public boolean isApplicable(Path pluginPath) {
                    return Files.isDirectory(pluginPath);
                }

                @Override
                protected Manifest readManifest(Path pluginPath) {
                    try {
                        return PluginPackaging.readManifest(pluginJar(pluginPath, pluginPath));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }

        @Override
        protected PluginLoader createPluginLoader() {
            return new PluginLoader() {
                @Override
                public boolean isApplicable(Path pluginPath) {
                    return Files.isDirectory(pluginPath);
                }

                @Override
                public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                    PluginClassLoader loader = new PluginClassLoader(HostLikePluginManager.this, descriptor,
                            new SharedOnly(PluginPackaging.class.getClassLoader()), ClassLoadingStrategy.PDA) {
                        @Override
                        protected boolean shouldDelegateToParent(String className) {
                            return isShared(className);
                        }
                    };
                    for (Path jar : classPath(pluginPath)) {
                        loader.addFile(jar.toFile());
                    }
                    return loader;
                }
            };
        }

        /** The plugin folder's root jars, then {@code lib/} (bundled driver), then {@code drivers/}, as the host reads them. */
        private static List<Path> classPath(Path folder) {
            List<Path> jars = new ArrayList<>();
            for (Path dir : List.of(folder, folder.resolve("lib"), folder.resolve("drivers"))) {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return jars;
        }
    }

    static boolean isShared(String className) {
        return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
    }

    /**
     * The parent of the plugin's class loader: the JDK plus the shared packages only. Without it the test class path
     * (which holds the connector's driver and classes) would hide a zip that lacks them.
     */
    private static final class SharedOnly extends ClassLoader {
        private final ClassLoader kit;

        SharedOnly(ClassLoader kit) {
            super("dbspec-kit-spi", ClassLoader.getPlatformClassLoader());
            this.kit = kit;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (isShared(name)) {
                return kit.loadClass(name);
            }
            throw new ClassNotFoundException(name + " (a dbspec host shows plugins only the JDK and " + SHARED_PACKAGES + ")");
        }

        @Override
        protected URL findResource(String name) {
            return name.endsWith(".class") && isShared(name.replace('/', '.')) ? kit.getResource(name) : null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return name.endsWith(".class") && isShared(name.replace('/', '.')) ? kit.getResources(name) : Collections.emptyEnumeration();
        }
    }

    /** The zip the build under test made, from {@code -Ddbspec.plugin.zip}, which the connector's failsafe configuration sets. */
    static Optional<Path> configuredZip() {
        return Optional.ofNullable(System.getProperty("dbspec.plugin.zip")).filter(s -> !s.isBlank()).map(Path::of);
    }
}
