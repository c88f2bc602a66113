package dev.dbspec.host.runtime;

import static java.util.Objects.requireNonNull;

import dev.dbspec.dialects.SqlLimits;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The server and worker configuration: one properties file, then environment overrides
 * ({@code DBSPEC_} + the key upper-cased with {@code .} and {@code -} as {@code _}, for example
 * {@code DBSPEC_CACHE} for {@code cache}), then command-line options. Every key has a default, so an
 * empty configuration runs with the embedded cache, the in-process executor and an H2 file store.
 *
 * <p>Keys: {@code port}, {@code cache} ({@code redis://host:port}), {@code broker}
 * ({@code amqp://user:password@host:port}), {@code data.dir}, {@code store} ({@code h2}, {@code file} or a
 * {@code jdbc:} URL), {@code store.user}, {@code store.password}, {@code files.dir}, {@code files.allow-any-path}, {@code pool.max-size}, {@code pool.max-wait-ms}, {@code query.default-limit},
 * {@code query.max-limit}, {@code query.max-rows}, {@code query.max-concurrent-per-user}, {@code query.timeout-seconds},
 * {@code sql.max-length}, {@code sql.max-tokens}, {@code sql.max-operators}, {@code sql.max-nesting},
 * {@code sql.parse-budget-ms}, {@code cache.result-ttl-seconds}, {@code metadata.ttl-seconds},
 * {@code cache.max-entry-bytes}, {@code tasks.queue}, {@code tasks.max-attempts},
 * {@code tasks.state-ttl-seconds}, {@code worker.slots}, {@code http.allowed-hosts}, {@code http.cors-origins},
 * {@code auth.jwt.jwks-url}, {@code auth.jwt.issuer}, {@code auth.jwt.audience}, {@code auth.jwt.role-claim},
 * {@code auth.jwt.user-claim}, {@code auth.jwt.clock-skew-seconds}, {@code bootstrap.admin-token}
 * ({@code DBSPEC_BOOTSTRAP_ADMIN_TOKEN}), {@code secret.key-file}. The key that encrypts the
 * store's secrets comes only from the environment ({@code DBSPEC_SECRET_KEY}), never from the file.
 */
public final class DbspecConfig {
    private final Map<String, String> values;

    private DbspecConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Defaults only. */
    public static DbspecConfig defaults() {
        return new DbspecConfig(Map.of());
    }

    /**
     * Reads {@code file} (if any), then applies {@code environment} overrides.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static DbspecConfig load(Optional<Path> file, Map<String, String> environment) {
        requireNonNull(file, "file is null");
        requireNonNull(environment, "environment is null");
        Map<String, String> values = new HashMap<>();
        if (file.isPresent()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configuration " + file.get() + ": " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(key -> values.put(key.trim(), properties.getProperty(key).trim()));
            if (values.containsKey(SECRET_KEY)) {
                throw new IllegalArgumentException("configuration " + file.get() + ": the secret key belongs in the environment ("
                        + environmentName(SECRET_KEY) + ") or the key file (" + SECRET_KEY_FILE + "), not in a configuration file");
            }
        }
        for (String key : KEYS) {
            String fromEnv = environment.get(environmentName(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv.trim());
            }
        }
        return new DbspecConfig(values);
    }

    private static final java.util.List<String> KEYS = java.util.List.of("port", "cache", "broker", "data.dir", "store", "store.user", "store.password", "files.dir", "files.allow-any-path",
            "pool.max-size", "pool.max-wait-ms", "query.default-limit", "query.max-limit", "query.max-rows",
            "query.max-concurrent-per-user", "query.timeout-seconds", "query.fetch-size", "sql.max-length", "sql.max-tokens", "sql.max-operators",
            "sql.max-nesting", "sql.parse-budget-ms", "upload.max-bytes",
            "cache.result-ttl-seconds", "cache.max-entry-bytes", "metadata.ttl-seconds", "tasks.queue", "tasks.max-attempts",
            "tasks.state-ttl-seconds", "worker.slots", "http.allowed-hosts", "http.cors-origins", "auth.jwt.jwks-url",
            "auth.jwt.issuer", "auth.jwt.audience", "auth.jwt.role-claim", "auth.jwt.user-claim", "auth.jwt.clock-skew-seconds",
            "bootstrap.admin-token", "secret.key", "secret.key-file");

    private static final String SECRET_KEY = "secret.key";
    private static final String SECRET_KEY_FILE = "secret.key-file";

    /** The environment variable overriding {@code key}. */
    public static String environmentName(String key) {
        return "DBSPEC_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy with {@code key} set to {@code value} (command-line options); null leaves it unchanged. */
    public DbspecConfig with(String key, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value.toString());
        return new DbspecConfig(copy);
    }

    public int port() {
        return integer("port", 8088);
    }

    public Optional<URI> cache() {
        return Optional.ofNullable(values.get("cache")).filter(v -> !v.isBlank() && !v.equals("embedded")).map(URI::create);
    }

    public Optional<URI> broker() {
        return Optional.ofNullable(values.get("broker")).filter(v -> !v.isBlank() && !v.equals("embedded")).map(URI::create);
    }

    /**
     * Where registrations persist: {@code h2} (the default: an H2 file in the data directory, shared by
     * a server and its workers), {@code file} (a JSON file in the data directory), or a {@code jdbc:} URL
     * of a shared database (for example PostgreSQL) with {@code store.user} and {@code store.password}.
     */
    public String store() {
        return values.getOrDefault("store", "h2").trim();
    }

    public Optional<String> storeUser() {
        return Optional.ofNullable(values.get("store.user")).filter(v -> !v.isBlank());
    }

    /** The store's password; shown nowhere. */
    public Optional<String> storePassword() {
        return Optional.ofNullable(values.get("store.password")).filter(v -> !v.isBlank());
    }

    /** Where registered databases may keep local files: {@code files.dir}, default {@code <data.dir>/files}. */
    public Path filesDirectory() {
        return Optional.ofNullable(values.get("files.dir")).filter(v -> !v.isBlank()).map(Path::of)
                .orElse(dataDir().resolve("files"));
    }

    /** Whether database files may lie anywhere ({@code files.allow-any-path}, default false). */
    public boolean allowAnyFilePath() {
        return Boolean.parseBoolean(values.getOrDefault("files.allow-any-path", "false"));
    }

    /**
     * The key that encrypts the store's secrets, from {@code DBSPEC_SECRET_KEY}: base64 of 32 random bytes
     * or a Tink JSON keyset ({@link dev.dbspec.host.secrets.SecretBox#fromKeyText}). Empty: the key file.
     */
    public Optional<String> secretKey() {
        return Optional.ofNullable(values.get(SECRET_KEY)).filter(v -> !v.isBlank());
    }

    /** The key file used when {@code DBSPEC_SECRET_KEY} is not set: {@code secret.key-file}, default {@code <data.dir>/secret.key}. */
    public Path secretKeyFile() {
        return Optional.ofNullable(values.get(SECRET_KEY_FILE)).filter(v -> !v.isBlank()).map(Path::of)
                .orElse(dataDir().resolve("secret.key"));
    }

    public Path dataDir() {
        return Path.of(values.getOrDefault("data.dir", System.getProperty("user.home") + "/.dbspec"));
    }

    public int poolMaxSize() {
        return integer("pool.max-size", 8);
    }

    public Duration poolMaxWait() {
        return Duration.ofMillis(integer("pool.max-wait-ms", 10_000));
    }

    public long defaultLimit() {
        return integer("query.default-limit", 1_000);
    }

    public long maxLimit() {
        return integer("query.max-limit", 1_000_000);
    }

    /**
     * The most rows any query returns, whatever limit it asks for ({@code query.max-rows}, default 100,000, as
     * Superset's {@code SQL_MAX_ROW}): synchronous, asynchronous and cached answers alike.
     */
    public long maxRows() {
        return positive("query.max-rows", 100_000);
    }

    /** How many queries one user may run at once, synchronous and asynchronous together ({@code query.max-concurrent-per-user}, default 4). */
    public int maxConcurrentPerUser() {
        return positive("query.max-concurrent-per-user", 4);
    }

    /**
     * Rows asked of the driver per round trip while a result streams ({@code query.fetch-size}, default 500): the rows
     * the host holds at once, and for drivers that stream in batches (pgjdbc) how many round trips a large result takes.
     */
    public int fetchSize() {
        return positive("query.fetch-size", 500);
    }

    public Duration queryTimeout() {
        return Duration.ofSeconds(integer("query.timeout-seconds", 300));
    }

    /**
     * Bounds on the SQL the server parses ({@code sql.max-length}, {@code sql.max-tokens}, {@code sql.max-operators},
     * {@code sql.max-nesting}, {@code sql.parse-budget-ms}); defaults {@link SqlLimits#DEFAULTS}.
     */
    public SqlLimits sqlLimits() {
        SqlLimits defaults = SqlLimits.DEFAULTS;
        return new SqlLimits(positive("sql.max-length", defaults.maxLength()), positive("sql.max-tokens", defaults.maxTokens()),
                positive("sql.max-operators", defaults.maxOperators()), positive("sql.max-nesting", defaults.maxNesting()),
                Duration.ofMillis(positive("sql.parse-budget-ms", (int) defaults.parseBudget().toMillis())));
    }

    public Duration resultTtl() {
        return Duration.ofSeconds(integer("cache.result-ttl-seconds", 300));
    }

    /** How long catalog, schema and table metadata is cached ({@code metadata.ttl-seconds}, default 300). */
    public Duration metadataTtl() {
        int seconds = integer("metadata.ttl-seconds", 300);
        if (seconds < 1) {
            throw new IllegalArgumentException("configuration metadata.ttl-seconds must be at least 1, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    public int maxEntryBytes() {
        return integer("cache.max-entry-bytes", 4 * 1024 * 1024);
    }

    /**
     * The largest CSV body {@code POST /api/databases/{name}/upload} accepts ({@code upload.max-bytes}, default 1 GiB);
     * a larger one is refused with 413 and its partial file deleted.
     */
    public long uploadMaxBytes() {
        String value = values.get("upload.max-bytes");
        long bytes;
        try {
            bytes = value == null ? 1L << 30 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration upload.max-bytes must be an integer, got '" + value + "'");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("configuration upload.max-bytes must be at least 1, got " + bytes);
        }
        return bytes;
    }

    /** Where uploaded files wait for their task ({@code <data.dir>/uploads}, mode 0700; each file 0600). */
    public Path uploadsDirectory() {
        return dataDir().resolve("uploads");
    }

    public String taskQueue() {
        return values.getOrDefault("tasks.queue", "dbspec.tasks");
    }

    public int maxAttempts() {
        return integer("tasks.max-attempts", 3);
    }

    public Duration taskStateTtl() {
        return Duration.ofSeconds(integer("tasks.state-ttl-seconds", 86_400));
    }

    public int workerSlots() {
        return integer("worker.slots", 2);
    }

    /**
     * Extra {@code Host} header values the REST API answers ({@code http.allowed-hosts}, comma-separated
     * {@code name} or {@code name:port}), beyond the bind address, {@code localhost}, {@code 127.0.0.1} and
     * {@code [::1]} with the server's port. Any other Host is refused (DNS rebinding).
     */
    public java.util.List<String> allowedHosts() {
        return list("http.allowed-hosts");
    }

    /** Browser origins allowed cross-origin ({@code http.cors-origins}, comma-separated {@code scheme://host[:port]}); none by default. */
    public java.util.List<String> corsOrigins() {
        return list("http.cors-origins");
    }

    /**
     * OIDC bearer tokens, when {@code auth.jwt.jwks-url} is set; then {@code auth.jwt.issuer} and
     * {@code auth.jwt.audience} are required.
     *
     * @throws IllegalArgumentException for an incomplete or unsafe setting
     */
    public Optional<dev.dbspec.host.security.JwtVerifier.Settings> jwt() {
        Optional<String> jwks = Optional.ofNullable(values.get("auth.jwt.jwks-url")).filter(v -> !v.isBlank());
        if (jwks.isEmpty()) {
            for (String key : java.util.List.of("auth.jwt.issuer", "auth.jwt.audience")) {
                if (values.containsKey(key) && !values.get(key).isBlank()) {
                    throw new IllegalArgumentException(key + " is set but auth.jwt.jwks-url is not");
                }
            }
            return Optional.empty();
        }
        URI url;
        try {
            url = new URI(jwks.get());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("auth.jwt.jwks-url is not a URL: " + e.getMessage(), e);
        }
        return Optional.of(new dev.dbspec.host.security.JwtVerifier.Settings(url, values.getOrDefault("auth.jwt.issuer", ""),
                values.getOrDefault("auth.jwt.audience", ""), values.getOrDefault("auth.jwt.role-claim", "roles"),
                values.getOrDefault("auth.jwt.user-claim", "sub"), Duration.ofSeconds(integer("auth.jwt.clock-skew-seconds", 60))));
    }

    /** The token of the admin created on a first start without users ({@code DBSPEC_BOOTSTRAP_ADMIN_TOKEN}); shown nowhere. */
    public Optional<String> bootstrapAdminToken() {
        return Optional.ofNullable(values.get("bootstrap.admin-token")).filter(v -> !v.isBlank());
    }

    private java.util.List<String> list(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private int positive(String key, int fallback) {
        int value = integer(key, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("configuration " + key + " must be a positive integer, got '" + values.get(key) + "'");
        }
        return value;
    }

    private int integer(String key, int fallback) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration " + key + " must be an integer, got '" + value + "'");
        }
    }
}
