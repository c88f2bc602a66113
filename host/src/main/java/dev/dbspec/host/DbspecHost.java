package dev.dbspec.host;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.plugins.DbspecPluginManager;
import dev.dbspec.host.plugins.Failures;
import dev.dbspec.host.services.EmbeddedHostServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dbspec runtime: loads engine specs from a plugins directory (PF4J, one class loader per plugin)
 * and from the class path (ServiceLoader), initialises them with the host services, and exposes the
 * {@link EngineRegistry}. A plugin that fails is recorded as FAILED with the reason; the host goes on.
 */
public final class DbspecHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DbspecHost.class);
    private static final Pattern ENGINE_ID = Pattern.compile("[a-z][a-z0-9_]*");
    /** Plugin name used for specs found on the class path. */
    public static final String CLASSPATH_PLUGIN = "classpath";

    private final Optional<DbspecPluginManager> pluginManager;
    private final EmbeddedHostServices services;
    private final EngineRegistry registry;

    private DbspecHost(Optional<DbspecPluginManager> pluginManager, EmbeddedHostServices services, EngineRegistry registry) {
        this.pluginManager = pluginManager;
        this.services = services;
        this.registry = registry;
    }

    /**
     * Starts a host.
     *
     * @param pluginsDir        plugins directory, empty for none
     * @param includeClasspath  whether to also load specs from the class path with ServiceLoader
     */
    public static DbspecHost start(Optional<Path> pluginsDir, boolean includeClasspath) {
        return start(pluginsDir, includeClasspath, new EmbeddedHostServices());
    }

    /**
     * Starts a host whose plugins get {@code services} (for example the Redis cache and the RabbitMQ
     * task service); the host closes them when it stops.
     */
    public static DbspecHost start(Optional<Path> pluginsDir, boolean includeClasspath, EmbeddedHostServices services) {
        requireNonNull(pluginsDir, "pluginsDir is null");
        requireNonNull(services, "services is null");
        List<EngineEntry> entries = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        if (includeClasspath) {
            loadClasspath(services, entries, owners);
        }
        Optional<DbspecPluginManager> manager = pluginsDir.filter(Files::isDirectory)
                .map(dir -> new DbspecPluginManager(List.of(dir)));
        manager.ifPresent(m -> loadPlugins(m, services, entries, owners));
        pluginsDir.filter(dir -> !Files.isDirectory(dir)).ifPresent(dir -> LOG.warn("plugins directory {} does not exist", dir));
        return new DbspecHost(manager, services, new EngineRegistry(entries));
    }

    public EngineRegistry registry() {
        return registry;
    }

    /** The {@code Plugin-Provider} of a loaded plugin ({@code dbspec} for built-in plugins), if known. */
    public Optional<String> pluginProvider(String pluginId) {
        return pluginManager.map(manager -> manager.getPlugin(pluginId))
                .map(plugin -> plugin.getDescriptor().getProvider())
                .filter(provider -> provider != null && !provider.isBlank());
    }

    public EmbeddedHostServices services() {
        return services;
    }

    private static void loadClasspath(EmbeddedHostServices services, List<EngineEntry> entries, Map<String, String> owners) {
        ServiceLoader<EngineSpec> loader = ServiceLoader.load(EngineSpec.class, DbspecHost.class.getClassLoader());
        for (ServiceLoader.Provider<EngineSpec> provider : loader.stream().toList()) {
            String location = provider.type().getName();
            try {
                EngineSpec spec = provider.get();
                register(spec, CLASSPATH_PLUGIN, versionOf(provider.type()), location, services, entries, owners);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                entries.add(EngineEntry.failed(provider.type().getSimpleName(), CLASSPATH_PLUGIN, "-", Failures.describe(e), location));
            }
        }
    }

    private static void loadPlugins(DbspecPluginManager manager, EmbeddedHostServices services,
                                    List<EngineEntry> entries, Map<String, String> owners) {
        manager.loadPlugins();
        manager.startPlugins();
        manager.loadFailures().forEach((path, reason) -> entries.add(EngineEntry.failed(
                path.getFileName().toString(), path.getFileName().toString(), "-", "cannot load plugin: " + reason, path.toString())));
        List<PluginWrapper> plugins = new ArrayList<>(manager.getPlugins());
        plugins.sort(Comparator.comparing(PluginWrapper::getPluginId));
        Map<String, java.util.concurrent.Future<Instantiated>> instantiated = instantiateInParallel(manager, plugins);
        for (PluginWrapper plugin : plugins) {
            String id = plugin.getPluginId();
            String version = plugin.getDescriptor().getVersion();
            String location = plugin.getPluginPath().toString();
            String invalid = manager.invalidReasons().get(id);
            if (invalid != null) {
                entries.add(EngineEntry.failed(id, id, version, invalid, location));
            } else if (plugin.getPluginState() == PluginState.DISABLED) {
                entries.add(new EngineEntry(id, id, version, EngineState.DISABLED, Optional.of("disabled by the operator"),
                        Optional.empty(), location));
            } else if (plugin.getPluginState() != PluginState.STARTED) {
                String reason = plugin.getFailedException() == null ? "plugin is " + plugin.getPluginState()
                        : Failures.describe(plugin.getFailedException());
                entries.add(EngineEntry.failed(id, id, version, reason, location));
            } else {
                loadSpecs(plugin, join(instantiated.get(id)), services, entries, owners);
            }
        }
    }

    /** A started plugin's EngineSpec extensions, instantiated, or why they could not be. */
    private record Instantiated(List<EngineSpec> specs, Optional<Throwable> failure) {
    }

    /**
     * Loads and instantiates the EngineSpec extensions of every started plugin, several plugins at a time: each plugin
     * has a class loader of its own, and loading its classes (and building its facts) is most of a start. What is done
     * with them (registration, in plugin id order, so the first of two plugins claiming one engine id wins as before)
     * stays sequential.
     */
    private static Map<String, java.util.concurrent.Future<Instantiated>> instantiateInParallel(DbspecPluginManager manager,
                                                                                               List<PluginWrapper> plugins) {
        Map<String, java.util.concurrent.Future<Instantiated>> futures = new java.util.HashMap<>();
        if (!plugins.isEmpty()) {
            // PF4J's extension finders read every plugin's index on first use, into fields that are not safe to publish
            // across threads: read them here, before the pool (whose submit orders this read before its tasks)
            manager.getExtensionClassNames(plugins.get(0).getPluginId());
        }
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "dbspec-plugin-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (PluginWrapper plugin : plugins) {
                if (plugin.getPluginState() == PluginState.STARTED && manager.invalidReasons().get(plugin.getPluginId()) == null) {
                    futures.put(plugin.getPluginId(), pool.submit(() -> instantiate(manager, plugin)));
                }
            }
        } finally {
            pool.shutdown(); // the submitted work runs on; the threads end with it
        }
        return futures;
    }

    private static Instantiated instantiate(DbspecPluginManager manager, PluginWrapper plugin) {
        String id = plugin.getPluginId();
        ClassLoader loader = plugin.getPluginClassLoader();
        List<EngineSpec> specs = new ArrayList<>();
        try {
            for (String className : manager.getExtensionClassNames(id)) {
                Class<?> type = withContextClassLoader(loader, () -> Class.forName(className, true, loader));
                if (EngineSpec.class.isAssignableFrom(type)) {
                    specs.add(withContextClassLoader(loader, () -> (EngineSpec) type.getDeclaredConstructor().newInstance()));
                }
            }
            return new Instantiated(specs, Optional.empty());
        } catch (Exception | LinkageError e) {
            return new Instantiated(List.of(), Optional.of(e));
        }
    }

    private static Instantiated join(java.util.concurrent.Future<Instantiated> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Instantiated(List.of(), Optional.of(e));
        } catch (java.util.concurrent.ExecutionException e) {
            return new Instantiated(List.of(), Optional.of(e.getCause()));
        }
    }

    /** Registers the plugin's instantiated EngineSpec extensions; any failure to instantiate fails the whole plugin. */
    private static void loadSpecs(PluginWrapper plugin, Instantiated instantiated, EmbeddedHostServices services,
                                  List<EngineEntry> entries, Map<String, String> owners) {
        String id = plugin.getPluginId();
        String version = plugin.getDescriptor().getVersion();
        String location = plugin.getPluginPath().toString();
        if (instantiated.failure().isPresent()) {
            entries.add(EngineEntry.failed(id, id, version, "cannot load engine spec: " + Failures.describe(instantiated.failure().get()),
                    location));
            return;
        }
        List<EngineSpec> specs = instantiated.specs();
        if (specs.isEmpty()) {
            entries.add(EngineEntry.failed(id, id, version,
                    "declares no EngineSpec extension (annotate the class with @org.pf4j.Extension)", location));
            return;
        }
        List<EngineEntry> accepted = new ArrayList<>();
        for (EngineSpec spec : specs) {
            try {
                register(spec, id, version, location, services, accepted, owners);
            } catch (RuntimeException | LinkageError e) {
                accepted.add(EngineEntry.failed(id, id, version, Failures.describe(e), location));
            }
        }
        entries.addAll(accepted);
    }

    private static void register(EngineSpec spec, String plugin, String version, String location,
                                 EmbeddedHostServices services, List<EngineEntry> entries, Map<String, String> owners) {
        String engineId = spec.id();
        if (engineId == null || !ENGINE_ID.matcher(engineId).matches()) {
            entries.add(EngineEntry.failed(String.valueOf(engineId), plugin, version,
                    "invalid engine id '" + engineId + "' (lower-case letters, digits and _)", location));
            return;
        }
        String owner = owners.putIfAbsent(engineId, plugin);
        if (owner != null) {
            entries.add(EngineEntry.failed(engineId, plugin, version,
                    "duplicate engine id '" + engineId + "' (already provided by plugin " + owner + ")", location));
            return;
        }
        try {
            // Touch what listings use, so a spec that throws fails here and not in the middle of a command.
            requireNonNull(spec.displayName(), "displayName() is null");
            requireNonNull(spec.urlPrefixes(), "urlPrefixes() is null");
            requireNonNull(spec.timeGrainExpressions(), "timeGrainExpressions() is null");
            requireNonNull(spec.limitMethod(), "limitMethod() is null");
            withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                spec.initialize(services.forPlugin(plugin));
                return null;
            });
        } catch (Exception | LinkageError e) {
            owners.remove(engineId);
            entries.add(EngineEntry.failed(engineId, plugin, version, "spec failed: " + Failures.describe(e), location));
            return;
        }
        entries.add(EngineEntry.started(spec, plugin, version, location));
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return version == null ? "-" : version;
    }

    /** Runs {@code action} with the thread context class loader set to {@code loader} (drivers and ServiceLoader use it). */
    public static <T> T withContextClassLoader(ClassLoader loader, Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        // unloadPlugins() stops each plugin first; PF4J 3.15's stopPlugins() modifies the list it iterates.
        pluginManager.ifPresent(DbspecPluginManager::unloadPlugins);
        services.close();
    }
}
