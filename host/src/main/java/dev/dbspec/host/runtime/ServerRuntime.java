package dev.dbspec.host.runtime;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CacheService;
import dev.dbspec.api.TaskService;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.DatabaseStore;
import dev.dbspec.host.databases.JdbcDatabaseStore;
import dev.dbspec.host.databases.JsonFileDatabaseStore;
import dev.dbspec.host.databases.LocalFilePolicy;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.databases.PoolSettings;
import dev.dbspec.host.execution.ConcurrencyLimiter;
import dev.dbspec.host.execution.QueryExecutor;
import dev.dbspec.host.execution.QueryService;
import dev.dbspec.host.execution.QuerySettings;
import dev.dbspec.host.services.EmbeddedHostServices;
import dev.dbspec.host.services.InProcessCacheService;
import dev.dbspec.host.services.InProcessTaskService;
import dev.dbspec.host.services.RabbitTaskService;
import dev.dbspec.host.services.RedisCacheService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server and the workers run on: the host (plugins) with the configured services
 * (embedded cache or Redis, in-process executor or RabbitMQ), the database registry with its pools,
 * the query executor and the result cache, and the {@code query} task handler.
 */
public final class ServerRuntime implements AutoCloseable {
    private final DbspecConfig config;
    private final DbspecHost host;
    private final CacheService cache;
    private final Optional<RedisCacheService> redis;
    private final TaskService tasks;
    private final Optional<RabbitTaskService> rabbit;
    private final DatabaseRegistry databases;
    private final QueryService queries;
    private final ConcurrencyLimiter queryLimiter;

    private ServerRuntime(DbspecConfig config, DbspecHost host, CacheService cache, Optional<RedisCacheService> redis,
                          TaskService tasks, Optional<RabbitTaskService> rabbit, DatabaseRegistry databases, QueryService queries) {
        this.config = config;
        this.host = host;
        this.cache = cache;
        this.redis = redis;
        this.tasks = tasks;
        this.rabbit = rabbit;
        this.databases = databases;
        this.queries = queries;
        this.queryLimiter = new ConcurrencyLimiter(config.maxConcurrentPerUser(), taskId -> stillRunning(tasks, taskId));
    }

    /** Whether a task is queued or running; true when the task service cannot tell, so that an outage never lifts a limit. */
    private static boolean stillRunning(TaskService tasks, String taskId) {
        try {
            return tasks.status(taskId).map(status -> !status.state().isFinal()).orElse(false);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The metadata store the configuration names (see {@link DbspecConfig#store()}). */
    static DatabaseStore store(DbspecConfig config, DbspecHost host) {
        String store = config.store();
        if (store.equals("file")) {
            return new JsonFileDatabaseStore(config.dataDir().resolve("databases.json"));
        }
        if (store.equals("h2")) {
            return JdbcDatabaseStore.h2File(host.registry(), config.dataDir());
        }
        if (store.startsWith("jdbc:")) {
            return new JdbcDatabaseStore(host.registry(), store, config.storeUser(),
                    config.storePassword().map(Secret::of).orElse(Secret.none()));
        }
        throw new IllegalArgumentException("store must be h2, file or a jdbc: URL, got '" + EngineRegistry.redactUrl(store) + "'");
    }

    /**
     * Starts the runtime.
     *
     * @throws IllegalArgumentException for an inconsistent configuration (a broker without a shared cache)
     * @throws dev.dbspec.host.services.CacheUnavailableException when the configured Redis is unreachable
     * @throws dev.dbspec.host.services.TaskServiceUnavailableException when the configured broker is unreachable
     */
    public static ServerRuntime start(DbspecConfig config, Optional<Path> pluginsDir) {
        requireNonNull(config, "config is null");
        requireNonNull(pluginsDir, "pluginsDir is null");
        if (config.broker().isPresent() && config.cache().isEmpty()) {
            throw new IllegalArgumentException("a broker needs the shared cache for task states: set --cache redis://host:port too");
        }
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            Optional<RedisCacheService> redis = config.cache().map(uri -> RedisCacheService.connect(uri, "dbspec", config.maxEntryBytes()));
            redis.ifPresent(owned::add);
            CacheService cache = redis.<CacheService>map(r -> r).orElseGet(() -> new InProcessCacheService(100_000));
            Optional<RabbitTaskService> rabbit = config.broker().map(uri -> RabbitTaskService.connect(uri, config.taskQueue(),
                    redis.orElseThrow(), config.taskStateTtl(), config.maxAttempts()));
            TaskService tasks;
            if (rabbit.isPresent()) {
                tasks = rabbit.get();
                owned.add(0, rabbit.get());
            } else {
                InProcessTaskService inProcess = new InProcessTaskService(Math.max(2, config.workerSlots()));
                owned.add(0, inProcess);
                tasks = inProcess;
            }
            EmbeddedHostServices services = new EmbeddedHostServices(cache, tasks, owned);
            DbspecHost host = DbspecHost.start(pluginsDir, true, services);
            DatabaseRegistry databases;
            try {
                databases = new DatabaseRegistry(host.registry(), store(config, host),
                        new PoolSettings(config.poolMaxSize(), config.poolMaxWait()),
                        new LocalFilePolicy(config.filesDirectory(), config.allowAnyFilePath()));
            } catch (RuntimeException e) {
                host.close();
                throw e;
            }
            QuerySettings settings = new QuerySettings(config.defaultLimit(), config.maxLimit(), config.queryTimeout(),
                    config.queryTimeout().multipliedBy(12), 500, config.maxRows(), config.sqlLimits());
            QueryExecutor executor = new QueryExecutor(databases, settings);
            QueryService queries = new QueryService(executor, cache.namespace("queries"), config.resultTtl(), config.maxEntryBytes());
            tasks.registerHandler(QueryTaskHandler.TYPE, new QueryTaskHandler(executor));
            return new ServerRuntime(config, host, cache, redis, tasks, rabbit, databases, queries);
        } catch (RuntimeException e) {
            for (AutoCloseable closeable : owned) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            throw e;
        }
    }

    public DbspecConfig config() {
        return config;
    }

    public DbspecHost host() {
        return host;
    }

    public CacheService cache() {
        return cache;
    }

    public TaskService tasks() {
        return tasks;
    }

    public Optional<RabbitTaskService> rabbit() {
        return rabbit;
    }

    public Optional<RedisCacheService> redis() {
        return redis;
    }

    public DatabaseRegistry databases() {
        return databases;
    }

    public QueryService queries() {
        return queries;
    }

    /**
     * The per-user limit on queries in flight ({@code query.max-concurrent-per-user}): callers that run or submit a
     * query on a user's behalf take a place in it, keyed by the user's name.
     */
    public ConcurrencyLimiter queryLimiter() {
        return queryLimiter;
    }

    /** Health: the cache and broker kinds and states, engines and databases counts. */
    public Map<String, Object> health() {
        Map<String, Object> cacheHealth = new LinkedHashMap<>();
        cacheHealth.put("kind", redis.isPresent() ? "redis" : "embedded");
        redis.ifPresent(r -> cacheHealth.put("address", r.display()));
        boolean cacheUp = redis.map(RedisCacheService::ping).orElse(true);
        cacheHealth.put("up", cacheUp);
        if (!cacheUp) {
            cacheHealth.put("mode", "degraded: queries run without the result cache; async tasks are unavailable");
        }
        Map<String, Object> brokerHealth = new LinkedHashMap<>();
        brokerHealth.put("kind", rabbit.isPresent() ? "rabbitmq" : "in-process");
        rabbit.ifPresent(r -> {
            brokerHealth.put("address", r.display());
            brokerHealth.put("queue", r.queue());
        });
        boolean brokerUp = rabbit.map(RabbitTaskService::isUp).orElse(true);
        brokerHealth.put("up", brokerUp);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", cacheUp && brokerUp ? "ok" : "degraded");
        health.put("cache", cacheHealth);
        health.put("broker", brokerHealth);
        health.put("engines", host.registry().ids().size());
        health.put("databases", databases.list().size());
        health.put("store", databases.storeDescription());
        return health;
    }

    @Override
    public void close() {
        databases.close();
        host.close();
    }
}
