package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CacheService;
import dev.dbspec.api.HostServices;
import dev.dbspec.api.TaskService;

/**
 * The default services: nothing to install. Each plugin gets the shared cache under its own namespace.
 */
public final class EmbeddedHostServices implements AutoCloseable {
    private final InProcessCacheService cache = new InProcessCacheService(100_000);
    private final InProcessTaskService tasks = new InProcessTaskService(Math.max(2, Runtime.getRuntime().availableProcessors()));

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
        tasks.close();
    }
}
