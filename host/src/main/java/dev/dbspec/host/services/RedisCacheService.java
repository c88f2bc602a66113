package dev.dbspec.host.services;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CacheService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.Redisson;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared cache on Redis through Redisson: one string bucket per key with its own time-to-live,
 * keys under {@code <prefix>:<namespace>:...}. Values above {@code maxValueBytes} are not stored (the
 * size bound per entry; Redis's own {@code maxmemory} policy bounds the total).
 *
 * <p>The {@link CacheService} methods degrade when Redis is unreachable: a read is a miss and a write is
 * skipped, with one warning per outage, so callers compute again and never get a wrong answer. The
 * {@code strict*} methods throw {@link CacheUnavailableException} instead, for state that must not be
 * silently lost (task states).
 */
public final class RedisCacheService implements CacheService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCacheService.class);

    /** Shared by all namespaced views of one connection. */
    private static final class Shared {
        final RedissonClient client;
        final String display;
        final int maxValueBytes;
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicLong failures = new AtomicLong();

        Shared(RedissonClient client, String display, int maxValueBytes) {
            this.client = client;
            this.display = display;
            this.maxValueBytes = maxValueBytes;
        }
    }

    private final Shared shared;
    private final String prefix;
    private final boolean root;

    private RedisCacheService(Shared shared, String prefix, boolean root) {
        this.shared = shared;
        this.prefix = prefix;
        this.root = root;
    }

    /**
     * Connects to {@code redis://[:password@]host:port[/db]}.
     *
     * @param keyPrefix     the root of every key, for example {@code dbspec}
     * @param maxValueBytes larger values are not cached
     * @throws CacheUnavailableException when Redis cannot be reached now
     */
    public static RedisCacheService connect(URI uri, String keyPrefix, int maxValueBytes) {
        requireNonNull(uri, "uri is null");
        requireNonNull(keyPrefix, "keyPrefix is null");
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("cache URI must be redis://host:port, got scheme " + uri.getScheme());
        }
        String display = uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
        Config config = new Config();
        config.setThreads(2).setNettyThreads(4);
        var server = config.useSingleServer()
                .setAddress(display)
                .setConnectTimeout(1_000)
                .setTimeout(1_000)
                .setRetryAttempts(1)
                .setRetryInterval(200)
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(8)
                .setSubscriptionConnectionMinimumIdleSize(0)
                .setPingConnectionInterval(1_000);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) {
                    server.setUsername(userInfo.substring(0, colon));
                }
                server.setPassword(userInfo.substring(colon + 1));
            } else {
                server.setPassword(userInfo);
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            server.setDatabase(Integer.parseInt(path.substring(1)));
        }
        try {
            RedissonClient client = Redisson.create(config);
            return new RedisCacheService(new Shared(client, display, maxValueBytes), keyPrefix + ":", true);
        } catch (RuntimeException e) {
            throw new CacheUnavailableException("cannot connect to the cache at " + display + ": " + rootMessage(e), e);
        }
    }

    /** Where the cache is, without credentials. */
    public String display() {
        return shared.display;
    }

    /** Whether the last operation reached Redis. */
    public boolean isUp() {
        return !shared.down.get();
    }

    /** Pings Redis now. */
    public boolean ping() {
        try {
            shared.client.getBucket(prefix + "__ping", StringCodec.INSTANCE).isExists();
            recovered();
            return true;
        } catch (RuntimeException e) {
            failed("ping", e);
            return false;
        }
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return strictGet(key);
        } catch (CacheUnavailableException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        try {
            strictPut(key, value, ttl);
        } catch (CacheUnavailableException e) {
            // degraded: the value is simply not cached
        }
    }

    @Override
    public void invalidate(String key) {
        try {
            strictInvalidate(key);
        } catch (CacheUnavailableException e) {
            // degraded: nothing was readable anyway
        }
    }

    /** Like {@link #get}, but an outage throws. */
    public Optional<String> strictGet(String key) {
        RBucket<String> bucket = bucket(key);
        try {
            Optional<String> value = Optional.ofNullable(bucket.get());
            recovered();
            return value;
        } catch (RuntimeException e) {
            throw failed("read", e);
        }
    }

    /** Like {@link #put}, but an outage throws; a value above the size bound is refused. */
    public void strictPut(String key, String value, Duration ttl) {
        requireNonNull(value, "value is null");
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        RBucket<String> bucket = bucket(key);
        if (value.length() * 3L > shared.maxValueBytes && value.getBytes(StandardCharsets.UTF_8).length > shared.maxValueBytes) {
            LOG.debug("value for {} exceeds {} bytes: not cached", key, shared.maxValueBytes);
            return;
        }
        try {
            bucket.set(value, ttl);
            recovered();
        } catch (RuntimeException e) {
            throw failed("write", e);
        }
    }

    /** Like {@link #invalidate}, but an outage throws. */
    public void strictInvalidate(String key) {
        RBucket<String> bucket = bucket(key);
        try {
            bucket.delete();
            recovered();
        } catch (RuntimeException e) {
            throw failed("delete", e);
        }
    }

    /** Sets {@code key} only when absent; true when this call set it. An outage throws. */
    public boolean strictPutIfAbsent(String key, String value, Duration ttl) {
        requireNonNull(value, "value is null");
        requireNonNull(ttl, "ttl is null");
        RBucket<String> bucket = bucket(key);
        try {
            boolean set = bucket.setIfAbsent(value, ttl);
            recovered();
            return set;
        } catch (RuntimeException e) {
            throw failed("write", e);
        }
    }

    @Override
    public RedisCacheService namespace(String namespace) {
        requireNonNull(namespace, "namespace is null");
        if (namespace.isEmpty() || namespace.contains(":")) {
            throw new IllegalArgumentException("namespace must be non-empty and without ':': " + namespace);
        }
        return new RedisCacheService(shared, prefix + namespace + ":", false);
    }

    private RBucket<String> bucket(String key) {
        return shared.client.getBucket(prefix + requireNonNull(key, "key is null"), StringCodec.INSTANCE);
    }

    private void recovered() {
        if (shared.down.compareAndSet(true, false)) {
            LOG.warn("cache {} is reachable again", shared.display);
        }
    }

    private CacheUnavailableException failed(String operation, RuntimeException e) {
        shared.failures.incrementAndGet();
        if (shared.down.compareAndSet(false, true)) {
            LOG.warn("cache {} unreachable ({} failed: {}); running without the shared cache until it is back",
                    shared.display, operation, rootMessage(e));
        }
        return new CacheUnavailableException("cache " + shared.display + " unreachable: " + rootMessage(e), e);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("(?i)(password|auth)[^,;]*", "$1 ***");
    }

    /** Closes the connection; only the root view owns it, closing a namespaced view does nothing. */
    @Override
    public void close() {
        if (root) {
            shared.client.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
