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
import dev.dbspec.host.databases.JdbcSecurityStore;
import dev.dbspec.host.databases.JsonFileSecurityStore;
import dev.dbspec.host.security.AccessControl;
import dev.dbspec.host.security.JwtVerifier;
import dev.dbspec.host.security.SecurityStore;
import dev.dbspec.host.secrets.KnownSecrets;
import dev.dbspec.host.secrets.PrivateFiles;
import dev.dbspec.host.secrets.Redactor;
import dev.dbspec.host.secrets.SecretBox;
import dev.dbspec.host.secrets.StoreKey;
import dev.dbspec.host.secrets.UndecryptableSecretException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the server and the workers run on: the host (plugins) with the configured services
 * (embedded cache or Redis, in-process executor or RabbitMQ), the database registry with its pools,
 * the query executor and the result cache, and the {@code query} task handler.
 */
public final class ServerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

    private final DbspecConfig config;
    private final DbspecHost host;
    private final CacheService cache;
    private final Optional<RedisCacheService> redis;
    private final TaskService tasks;
    private final Optional<RabbitTaskService> rabbit;
    private final DatabaseRegistry databases;
    private final QueryService queries;
    private final AccessControl security;
    private final CacheService taskOwners;
    private final ConcurrencyLimiter queryLimiter;

    private ServerRuntime(DbspecConfig config, DbspecHost host, CacheService cache, Optional<RedisCacheService> redis,
                          TaskService tasks, Optional<RabbitTaskService> rabbit, DatabaseRegistry databases, QueryService queries,
                          AccessControl security, CacheService taskOwners) {
        this.config = config;
        this.host = host;
        this.cache = cache;
        this.redis = redis;
        this.tasks = tasks;
        this.rabbit = rabbit;
        this.databases = databases;
        this.queries = queries;
        this.security = security;
        this.taskOwners = taskOwners;
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

    /**
     * The metadata store the configuration names (see {@link DbspecConfig#store()}), encrypting with the
     * configured key ({@link #storeKey}). The data directory is created with mode 0700.
     *
     * @throws UndecryptableSecretException when the key does not open the store, naming where the key came from
     */
    static DatabaseStore store(DbspecConfig config, DbspecHost host) {
        return store(config, host, storeKey(config).box(), false);
    }

    /** The key that encrypts the store's secrets: {@code DBSPEC_SECRET_KEY}, else the key file (created if absent). */
    public static StoreKey storeKey(DbspecConfig config) {
        prepareDataDirectory(config.dataDir());
        return StoreKey.resolve(config.secretKey(), config.secretKeyFile());
    }

    /**
     * The metadata store opened with {@code box}; {@code exclusive} opens an H2 file store for this
     * process alone (maintenance: fails while a server or worker has it open).
     */
    public static DatabaseStore store(DbspecConfig config, DbspecHost host, SecretBox box, boolean exclusive) {
        String store = config.store();
        try {
            if (store.equals("file")) {
                return new JsonFileDatabaseStore(config.dataDir().resolve("databases.json"), box);
            }
            if (store.equals("h2")) {
                return exclusive ? JdbcDatabaseStore.h2FileExclusive(host.registry(), config.dataDir(), box)
                        : JdbcDatabaseStore.h2File(host.registry(), config.dataDir(), box);
            }
            if (store.startsWith("jdbc:")) {
                return new JdbcDatabaseStore(host.registry(), store, config.storeUser(),
                        config.storePassword().map(Secret::of).orElse(Secret.none()), box);
            }
        } catch (UndecryptableSecretException e) {
            throw new UndecryptableSecretException(e.getMessage() + "; the key came from " + keySource(config)
                    + (config.secretKey().isPresent() ? " (after dbspec secrets rotate-key, set it to the new key)" : ""));
        }
        throw new IllegalArgumentException("store must be h2, file or a jdbc: URL, got '" + EngineRegistry.redactUrl(store) + "'");
    }

    private static String keySource(DbspecConfig config) {
        return config.secretKey().isPresent() ? "the environment variable " + StoreKey.ENVIRONMENT_VARIABLE
                : "the key file " + config.secretKeyFile().toAbsolutePath();
    }

    /** Creates the data directory with mode 0700; warns when an existing one is open to other users. */
    private static void prepareDataDirectory(Path dataDir) {
        try {
            boolean existed = Files.isDirectory(dataDir);
            Path dir = PrivateFiles.createDirectories(dataDir);
            if (existed && PrivateFiles.isPosix(dir)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
                if (!PrivateFiles.OWNER_DIRECTORY.containsAll(permissions)) {
                    LOG.warn("the data directory {} is accessible by other users (mode {}): run chmod 700 {}", dir,
                            PosixFilePermissions.toString(permissions), dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Users, grants and the audit log in the metadata store the configuration names, beside the
     * registrations: the same H2 file, JDBC database or data directory (JSON files).
     */
    public static SecurityStore securityStore(DbspecConfig config, DbspecHost host) {
        String store = config.store();
        if (store.equals("file")) {
            return new JsonFileSecurityStore(config.dataDir());
        }
        if (store.equals("h2")) {
            return JdbcSecurityStore.h2File(host.registry(), config.dataDir());
        }
        if (store.startsWith("jdbc:")) {
            return new JdbcSecurityStore(host.registry(), store, config.storeUser(),
                    config.storePassword().map(Secret::of).orElse(Secret.none()));
        }
        throw new IllegalArgumentException("store must be h2, file or a jdbc: URL, got '" + EngineRegistry.redactUrl(store) + "'");
    }

    /**
     * Access control over the configured store and OIDC settings, for the server, the workers and the
     * {@code users}/{@code tokens} commands. The caller closes it.
     *
     * @throws IllegalArgumentException for incomplete or unsafe {@code auth.jwt.*} settings
     */
    public static AccessControl accessControl(DbspecConfig config, DbspecHost host) {
        requireNonNull(config, "config is null");
        requireNonNull(host, "host is null");
        Optional<JwtVerifier> jwt = config.jwt().map(JwtVerifier::new);
        return new AccessControl(securityStore(config, host), jwt);
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
        config.jwt(); // incomplete or unsafe OIDC settings fail before anything starts
        // the services' own credentials (broker and cache URIs) are masked in the logs like the registrations'
        for (Optional<java.net.URI> uri : List.of(config.broker(), config.cache())) {
            uri.ifPresent(u -> KnownSecrets.remember(Redactor.secretValues(u.toString(), Optional.empty(), Map.of(), Set.of())));
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
                InProcessTaskService inProcess = new InProcessTaskService(Math.max(2, config.workerSlots()), config.taskStateTtl());
                owned.add(0, inProcess);
                tasks = inProcess;
            }
            EmbeddedHostServices services = new EmbeddedHostServices(cache, tasks, owned);
            DbspecHost host = DbspecHost.start(pluginsDir, true, services);
            DatabaseRegistry databases;
            AccessControl security;
            try {
                databases = new DatabaseRegistry(host.registry(), store(config, host),
                        new PoolSettings(config.poolMaxSize(), config.poolMaxWait()),
                        new LocalFilePolicy(config.filesDirectory(), config.allowAnyFilePath()));
            } catch (RuntimeException e) {
                host.close();
                throw e;
            }
            try {
                security = accessControl(config, host);
            } catch (RuntimeException e) {
                databases.close();
                host.close();
                throw e;
            }
            QuerySettings settings = new QuerySettings(config.defaultLimit(), config.maxLimit(), config.queryTimeout(),
                    config.queryTimeout().multipliedBy(12), config.fetchSize(), config.maxRows(), config.sqlLimits());
            QueryExecutor executor = new QueryExecutor(databases, settings);
            QueryService queries = new QueryService(executor, cache.namespace("queries"), config.resultTtl(), config.maxEntryBytes());
            tasks.registerHandler(QueryTaskHandler.TYPE, new QueryTaskHandler(executor, security::audit));
            // Uploaded files wait in the data directory, which workers share with the server (as they share the store).
            dev.dbspec.host.upload.UploadFiles uploads = new dev.dbspec.host.upload.UploadFiles(config.uploadsDirectory());
            uploads.deleteOlderThan(config.taskStateTtl()); // files of tasks that expired or were dead-lettered
            tasks.registerHandler(UploadTaskHandler.TYPE, new UploadTaskHandler(databases, uploads, security::audit));
            tasks.registerHandler(TestDbTaskHandler.TYPE, new TestDbTaskHandler(databases, host.registry(), testDbReportsDirectory(config)));
            // Task owners live as long as task states: in Redis beside them, or in this process in a cache of their own
            // (never evicted by query results, which would hide a task from its owner).
            CacheService taskOwners = redis.<CacheService>map(r -> r.namespace("task-owners"))
                    .orElseGet(() -> new InProcessCacheService(1_000_000).namespace("task-owners"));
            return new ServerRuntime(config, host, cache, redis, tasks, rabbit, databases, queries, security, taskOwners);
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

    /** Where uploaded CSV files wait for their task. */
    public dev.dbspec.host.upload.UploadFiles uploads() {
        return new dev.dbspec.host.upload.UploadFiles(config.uploadsDirectory());
    }

    /** Where test-db runs of this server keep their JSON reports ({@code <data.dir>/test-db-reports}), read by the matrix. */
    public Path testDbReportsDirectory() {
        return testDbReportsDirectory(config);
    }

    private static Path testDbReportsDirectory(DbspecConfig config) {
        return config.dataDir().resolve("test-db-reports");
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

    /** Authentication, grants, users and the audit log. */
    public AccessControl security() {
        return security;
    }

    /**
     * Who submitted each task ({@code taskId -> owner}), kept as long as task states
     * ({@code tasks.state-ttl-seconds}); a task without a known owner is visible to admins only.
     */
    public CacheService taskOwners() {
        return taskOwners;
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
        security.close();
        host.close();
    }
}
