package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CacheService;
import dev.dbspec.api.HostServices;
import dev.dbspec.api.TaskService;

/**
 * The default services: nothing to install. Each plugin gets the shared cache under its own namespace.
 */
public final class EmbeddedHostServices implements AutoCloseable {
    private final Lazy<CacheService> cache;
    private final Lazy<TaskService> tasks;
    private final java.util.List<AutoCloseable> owned;

    /**
     * The embedded cache (Caffeine) and the in-process executor, each made when first used: short commands such as
     * {@code dbspec engines} load every plugin but never touch a cache or start a thread pool.
     */
    public EmbeddedHostServices() {
        this.cache = new Lazy<>(() -> new InProcessCacheService(100_000));
        this.tasks = new Lazy<>(() -> new InProcessTaskService(Math.max(2, Runtime.getRuntime().availableProcessors())));
        this.owned = java.util.List.<AutoCloseable>of(() -> {
            if (tasks.made() && tasks.get() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        });
    }

    /**
     * Services chosen by the host's configuration (for example Redis and RabbitMQ); {@code owned} are
     * closed with these services.
     */
    public EmbeddedHostServices(CacheService cache, TaskService tasks, java.util.List<AutoCloseable> owned) {
        requireNonNull(cache, "cache is null");
        requireNonNull(tasks, "tasks is null");
        this.cache = new Lazy<>(() -> cache);
        this.tasks = new Lazy<>(() -> tasks);
        this.owned = java.util.List.copyOf(requireNonNull(owned, "owned is null"));
    }

    /** The services seen by plugin {@code pluginId}. */
    public HostServices forPlugin(String pluginId) {
        requireNonNull(pluginId, "pluginId is null");
        Lazy<CacheService> namespaced = new Lazy<>(() -> cache.get().namespace("plugin." + pluginId.replace(':', '_')));
        return new HostServices() {
            @Override
            public CacheService cache() {
                return namespaced.get();
            }

            @Override
            public TaskService tasks() {
                return tasks.get();
            }
        };
    }

    public CacheService cache() {
        return cache.get();
    }

    public TaskService tasks() {
        return tasks.get();
    }

    /** A value made once, on first use, by any thread. */
    private static final class Lazy<T> {
        private final java.util.function.Supplier<T> maker;
        private volatile T value;

        Lazy(java.util.function.Supplier<T> maker) {
            this.maker = maker;
        }

        T get() {
            T current = value;
            if (current == null) {
                synchronized (this) {
                    current = value;
                    if (current == null) {
                        current = requireNonNull(maker.get(), "the service maker returned null");
                        value = current;
                    }
                }
            }
            return current;
        }

        boolean made() {
            return value != null;
        }
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
