package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CacheService;
import dev.dbspec.api.HostServices;
import dev.dbspec.api.TaskService;

/**
 * The default services: nothing to install. Each plugin gets the shared cache under its own namespace.
 */
public final class EmbeddedHostServices implements AutoCloseable {
    private final CacheService cache;
    private final TaskService tasks;
    private final java.util.List<AutoCloseable> owned;

    /** The embedded cache (Caffeine) and the in-process executor. */
    public EmbeddedHostServices() {
        InProcessTaskService inProcess = new InProcessTaskService(Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.cache = new InProcessCacheService(100_000);
        this.tasks = inProcess;
        this.owned = java.util.List.of(inProcess);
    }

    /**
     * Services chosen by the host's configuration (for example Redis and RabbitMQ); {@code owned} are
     * closed with these services.
     */
    public EmbeddedHostServices(CacheService cache, TaskService tasks, java.util.List<AutoCloseable> owned) {
        this.cache = requireNonNull(cache, "cache is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.owned = java.util.List.copyOf(requireNonNull(owned, "owned is null"));
    }

    /** The services seen by plugin {@code pluginId}. */
    public HostServices forPlugin(String pluginId) {
        requireNonNull(pluginId, "pluginId is null");
        CacheService namespaced = cache.namespace("plugin." + pluginId.replace(':', '_'));
        return new HostServices() {
            @Override
            public CacheService cache() {
                return namespaced;
            }

            @Override
            public TaskService tasks() {
                return tasks;
            }
        };
    }

    public CacheService cache() {
        return cache;
    }

    public TaskService tasks() {
        return tasks;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(EmbeddedHostServices.class).warn("closing {} failed: {}",
                        closeable.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
