package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbspec.api.ConnectionParameters;
import dev.dbspec.api.ConnectionUrl;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.InvalidParametersException;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.host.AmbiguousEngineException;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.UnknownEngineException;
import dev.dbspec.host.secrets.KnownSecrets;
import dev.dbspec.host.secrets.Redactor;
import dev.dbspec.tunnel.SshTunnel;
import dev.dbspec.tunnel.SshTunnelConfig;
import dev.dbspec.tunnel.SshTunnelException;
import dev.dbspec.tunnel.SshTunnels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered databases: register (engine resolved from the URL, URL and driver options vetted by
 * the spec), list, remove; one bounded HikariCP pool per database, opened on first use over the
 * plugin's driver and closed when the database is removed or the registry closed. Registrations persist
 * in a {@link DatabaseStore}; a name unknown here is looked up in the store again (another process,
 * such as the server for a worker, may have registered it).
 *
 * <p>A database registered with an SSH tunnel ({@link SshTunnelConfig}) gets the tunnel when its pool opens (a wrong
 * host key or credential refuses the first use, and no pool is made), connects through it, and loses it with the pool
 * (removal, registering again, {@link #close()}).
 */
public final class DatabaseRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRegistry.class);

    private final EngineRegistry engines;
    private final DatabaseStore store;
    private final PoolSettings poolSettings;
    private final LocalFilePolicy filePolicy;
    private final Map<String, DatabaseRegistration> registrations = new LinkedHashMap<>();
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    private final Map<String, SshTunnel> tunnels = new LinkedHashMap<>();
    private boolean closed;

    public DatabaseRegistry(EngineRegistry engines, DatabaseStore store, PoolSettings poolSettings, LocalFilePolicy filePolicy) {
        this.engines = requireNonNull(engines, "engines is null");
        this.store = requireNonNull(store, "store is null");
        this.poolSettings = requireNonNull(poolSettings, "poolSettings is null");
        this.filePolicy = requireNonNull(filePolicy, "filePolicy is null");
        for (DatabaseRegistration registration : store.load()) {
            registrations.put(registration.name(), registration);
            rememberSecrets(registration);
        }
    }

    /**
     * Registers a database.
     *
     * @throws RequestException INVALID for an unknown or ambiguous engine, an unsafe URL or option, a bad
     *                          name; CONFLICT when the name is taken
     */
    public synchronized DatabaseRegistration register(String name, String jdbcUrl, Optional<String> user, Secret secret,
                                                      Map<String, String> options, boolean readOnly) {
        return register(name, jdbcUrl, user, secret, options, readOnly, false);
    }

    /**
     * Registers a database, whose requests run as the requesting user's database user when {@code impersonate}.
     *
     * @throws RequestException INVALID as {@link #register(String, String, Optional, Secret, Map, boolean)}, and for
     *                          {@code impersonate} on an engine without {@link dev.dbspec.api.Capability#USER_IMPERSONATION}
     */
    public synchronized DatabaseRegistration register(String name, String jdbcUrl, Optional<String> user, Secret secret,
                                                      Map<String, String> options, boolean readOnly, boolean impersonate) {
        return register(name, jdbcUrl, user, secret, options, readOnly, impersonate, Optional.empty(), List.of());
    }

    /** As {@link #register(String, String, Optional, Secret, Map, boolean, boolean, Optional, List)} allowing no other catalog. */
    public synchronized DatabaseRegistration register(String name, String jdbcUrl, Optional<String> user, Secret secret,
                                                      Map<String, String> options, boolean readOnly, boolean impersonate,
                                                      Optional<SshTunnelConfig> sshTunnel) {
        return register(name, jdbcUrl, user, secret, options, readOnly, impersonate, sshTunnel, List.of());
    }

    /** As {@link #register(String, String, Optional, Secret, Map, boolean, boolean, Optional, List)} without an SSH tunnel. */
    public synchronized DatabaseRegistration register(String name, String jdbcUrl, Optional<String> user, Secret secret,
                                                      Map<String, String> options, boolean readOnly, boolean impersonate,
                                                      List<String> catalogs) {
        return register(name, jdbcUrl, user, secret, options, readOnly, impersonate, Optional.empty(), catalogs);
    }

    /**
     * Registers a database whose connections go through {@code sshTunnel} when present, allowing requests to name
     * {@code catalogs} beside its own ({@link DatabaseRegistration#catalogs()}).
     *
     * @throws RequestException INVALID as {@link #register(String, String, Optional, Secret, Map, boolean, boolean)}, for a
     *                          tunnel to an engine without a host and port in its URL (embedded engines) or a URL not following
     *                          the engine's template, and for a catalog name that is empty, longer than 128 characters or holds a
     *                          control character
     */
    public DatabaseRegistration register(String name, String jdbcUrl, Optional<String> user, Secret secret,
                                         Map<String, String> options, boolean readOnly, boolean impersonate,
                                         Optional<SshTunnelConfig> sshTunnel, List<String> catalogs) {
        return register(name, jdbcUrl, user, secret, options, readOnly, impersonate, sshTunnel, catalogs, false);
    }

    /**
     * As {@link #register(String, String, Optional, Secret, Map, boolean, boolean, Optional, List)}; with {@code verify}
     * first opens ONE connection (no pool, so no retries: one login attempt), within {@link #VERIFY_TIMEOUT}, and refuses
     * the registration when it fails.
     *
     * @throws ConnectionCheckException when {@code verify} and the test connection fails (nothing is registered)
     */
    public DatabaseRegistration register(String name, String jdbcUrl, Optional<String> user, Secret secret,
                                         Map<String, String> options, boolean readOnly, boolean impersonate,
                                         Optional<SshTunnelConfig> sshTunnel, List<String> catalogs, boolean verify) {
        requireNonNull(name, "name is null");
        requireNonNull(sshTunnel, "sshTunnel is null");
        requireNonNull(catalogs, "catalogs is null");
        for (String catalog : catalogs) {
            if (catalog == null || catalog.isEmpty() || catalog.length() > 128 || catalog.chars().anyMatch(Character::isISOControl)) {
                throw new RequestException(RequestException.Kind.INVALID, "'catalogs' holds catalog names (1 to 128 characters, no"
                        + " control characters) or \"" + DatabaseRegistration.ANY_CATALOG + "\" for every catalog the login user reaches");
            }
        }
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(options, "options is null");
        ensureOpen();
        // errors may quote the URL or an option: every secret of the candidate is masked in them
        // (not remembered for the logs: a refused request must not grow what every log line is checked against)
        Set<String> candidateSecrets = new java.util.HashSet<>(Redactor.secretValues(jdbcUrl, secret.reveal(), options, Set.of()));
        sshTunnel.ifPresent(tunnel -> candidateSecrets.addAll(tunnel.secretValues()));
        EngineSpec spec;
        DatabaseRegistration registration;
        try {
            spec = vet(jdbcUrl, options, user, secret);
            if (impersonate) {
                requireImpersonation(spec);
                requireNoImpersonationOption(spec, jdbcUrl, options, user, secret);
            }
            if (sshTunnel.isPresent()) {
                tunnelTarget(spec, jdbcUrl, options, user, secret);
            }
            registration = new DatabaseRegistration(UUID.randomUUID().toString(), name, jdbcUrl, user, secret, options,
                    readOnly, spec.id(), impersonate, sshTunnel, List.copyOf(new java.util.LinkedHashSet<>(catalogs)));
        } catch (RequestException e) {
            throw new RequestException(e.kind(), Redactor.redactText(e.getMessage(), Set.of(), candidateSecrets));
        } catch (IllegalArgumentException e) {
            throw new RequestException(RequestException.Kind.INVALID, Redactor.redactText(e.getMessage(), Set.of(), candidateSecrets));
        }
        if (verify) {
            // a taken name is refused before any login attempt; the connection is tried outside the lock (up to 5 s)
            synchronized (this) {
                reload();
                if (registrations.containsKey(name)) {
                    throw new RequestException(RequestException.Kind.CONFLICT, "database '" + name + "' is already registered");
                }
            }
            verifyConnection(registration, spec, candidateSecrets);
        }
        synchronized (this) {
            rememberSecrets(registration);
            reload();
            if (registrations.containsKey(name)) {
                throw new RequestException(RequestException.Kind.CONFLICT, "database '" + name + "' is already registered");
            }
            registrations.put(name, registration);
            persist();
        }
        LOG.info("registered database {} ({}, {}{})", name, spec.id(), registration.redactedUrl(specSecretOptions(registration)),
                sshTunnel.map(tunnel -> ", through SSH " + tunnel.user() + "@" + tunnel.host() + ":" + tunnel.port()).orElse(""));
        return registration;
    }

    /**
     * Registers a database from connection parameters ({@link EngineSpec#buildUrl}, Superset's {@code parameters}): the
     * engine's spec builds and vets the URL and the driver properties, whose {@code user} and {@code password} become
     * the registration's user and sealed secret and whose other entries its options; then as {@link #register}.
     *
     * @throws InvalidParametersException naming each refused field (messages masked of every secret given)
     * @throws RequestException           INVALID when the engine takes no parameters or the URL built resolves to another
     *                                    engine; CONFLICT when the name is taken
     * @throws dev.dbspec.host.UnknownEngineException for an unknown engine
     */
    public DatabaseRegistration registerParameters(String name, String engine, Map<String, ?> parameters, boolean readOnly, boolean impersonate) {
        return registerParameters(name, engine, parameters, readOnly, impersonate, Optional.empty(), List.of());
    }

    /** As {@link #registerParameters(String, String, Map, boolean, boolean)}, through {@code sshTunnel} when present. */
    public DatabaseRegistration registerParameters(String name, String engine, Map<String, ?> parameters, boolean readOnly, boolean impersonate,
                                                   Optional<SshTunnelConfig> sshTunnel) {
        return registerParameters(name, engine, parameters, readOnly, impersonate, sshTunnel, List.of());
    }

    /** {@link #registerParameters(String, String, Map, boolean, boolean)} allowing {@code catalogs} beside its own. */
    public DatabaseRegistration registerParameters(String name, String engine, Map<String, ?> parameters, boolean readOnly, boolean impersonate,
                                                   List<String> catalogs) {
        return registerParameters(name, engine, parameters, readOnly, impersonate, Optional.empty(), catalogs);
    }

    /** {@link #registerParameters(String, String, Map, boolean, boolean)} through {@code sshTunnel}, allowing {@code catalogs}. */
    public DatabaseRegistration registerParameters(String name, String engine, Map<String, ?> parameters, boolean readOnly, boolean impersonate,
                                                   Optional<SshTunnelConfig> sshTunnel, List<String> catalogs) {
        return registerParameters(name, engine, parameters, readOnly, impersonate, sshTunnel, catalogs, false);
    }

    /** As {@link #registerParameters(String, String, Map, boolean, boolean, Optional, List)}, testing the connection when {@code verify}. */
    public DatabaseRegistration registerParameters(String name, String engine, Map<String, ?> parameters, boolean readOnly, boolean impersonate,
                                                   Optional<SshTunnelConfig> sshTunnel, List<String> catalogs, boolean verify) {
        requireNonNull(name, "name is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(parameters, "parameters is null");
        EngineSpec spec = engines.resolve(engine);
        ConnectionUrl built;
        try {
            built = DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> spec.buildUrl(parameters));
        } catch (InvalidParametersException e) {
            Set<String> secrets = parameterSecrets(spec, parameters);
            Map<String, String> masked = new java.util.TreeMap<>();
            e.fieldErrors().forEach((field, message) -> masked.put(field, Redactor.redactText(message, Set.of(), secrets)));
            throw new InvalidParametersException(e.engineId(), masked);
        } catch (RuntimeException e) {
            throw new RequestException(RequestException.Kind.INVALID, spec.id() + ": the parameters cannot be turned into a URL ("
                    + e.getClass().getSimpleName() + ")");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        EngineSpec served;
        try {
            served = engines.forUrl(built.url());
        } catch (UnknownEngineException | AmbiguousEngineException e) {
            throw new RequestException(RequestException.Kind.INVALID, spec.id() + ": the URL built from the parameters resolves to no single engine");
        }
        if (!served.id().equals(spec.id())) {
            throw new RequestException(RequestException.Kind.INVALID, spec.id() + ": the URL built from the parameters is served by " + served.id());
        }
        Map<String, String> options = new LinkedHashMap<>(built.properties());
        Optional<String> user = Optional.ofNullable(options.remove("user"));
        Secret secret = Secret.of(options.remove("password"));
        return register(name, built.url(), user, secret, options, readOnly, impersonate, sshTunnel, catalogs, verify);
    }

    /** How long a registration's test connection may take (connect and login) before it is refused as {@code timeout}. */
    public static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Opens and closes one connection to {@code registration} the way its pool would (through its tunnel, read-only when
     * it is), but without a pool: HikariCP would retry a refused login until its connection timeout, and each retry is a
     * failed login on the server (account lockouts, fail2ban). A connection still pending after {@link #VERIFY_TIMEOUT}
     * is refused as {@code timeout} and closed when it completes.
     *
     * @throws ConnectionCheckException with the engine's {@link EngineSpec#classifyError} category, masked of {@code secrets}
     */
    private void verifyConnection(DatabaseRegistration registration, EngineSpec spec, Set<String> secrets) {
        Properties properties = connectionProperties(registration.options(), registration.user(), registration.secret());
        Optional<SshTunnel> tunnel = registration.sshTunnel().map(config -> openTunnel(registration, spec, config, properties));
        PluginDataSource source = new PluginDataSource(spec, registration.jdbcUrl(), properties, filePolicy.sandbox(), registration.readOnly(), tunnel);
        source.setLoginTimeout((int) VERIFY_TIMEOUT.toSeconds());
        java.util.concurrent.CompletableFuture<java.sql.Connection> attempt = new java.util.concurrent.CompletableFuture<>();
        Thread connector = new Thread(() -> {
            try {
                java.sql.Connection connection = DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), source::getConnection);
                if (!attempt.complete(connection)) {
                    connection.close(); // too late: the registration was already refused
                }
            } catch (Throwable e) {
                attempt.completeExceptionally(e);
            }
        }, "dbspec-verify-" + registration.name());
        connector.setDaemon(true);
        connector.start();
        try (java.sql.Connection connection = attempt.get(VERIFY_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            LOG.debug("database {}: test connection opened ({})", registration.name(), connection.getClass().getSimpleName());
        } catch (java.util.concurrent.TimeoutException e) {
            attempt.cancel(false);
            throw refused(registration, ConnectionCheckException.Category.TIMEOUT,
                    "no connection within " + VERIFY_TIMEOUT.toSeconds() + " s", secrets);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            ConnectionCheckException.Category category = categoryOf(spec, cause);
            String detail = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            if (category == ConnectionCheckException.Category.DRIVER_MISSING) {
                detail += "; install the driver with `" + dev.dbspec.host.drivers.DriverInstaller.installCommand(spec.id())
                        + "` on the server and restart it";
            }
            throw refused(registration, category, detail, secrets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(registration, ConnectionCheckException.Category.TIMEOUT, "interrupted", secrets);
        } catch (java.sql.SQLException e) {
            LOG.debug("database {}: closing the test connection failed", registration.name());
        } finally {
            tunnel.ifPresent(SshTunnel::close);
        }
    }

    private static ConnectionCheckException refused(DatabaseRegistration registration, ConnectionCheckException.Category category,
                                                    String detail, Set<String> secrets) {
        String message = Redactor.redactText("database '" + registration.name() + "': the test connection failed ("
                + category.code() + "): " + detail, Set.of(), secrets);
        LOG.info("{}", message);
        return new ConnectionCheckException(category, message);
    }

    /** The category of a failed test connection: TLS and driver failures by their type, the rest by the engine's rules. */
    static ConnectionCheckException.Category categoryOf(EngineSpec spec, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException) {
                return ConnectionCheckException.Category.TLS;
            }
            if (cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError) {
                return ConnectionCheckException.Category.DRIVER_MISSING;
            }
        }
        if (error instanceof java.sql.SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && state.startsWith("08") && sql.getMessage() != null && sql.getMessage().toLowerCase(java.util.Locale.ROOT).contains("no suitable driver")) {
                return ConnectionCheckException.Category.DRIVER_MISSING;
            }
            return switch (spec.classifyError(sql)) {
                case BAD_CREDENTIALS -> ConnectionCheckException.Category.BAD_CREDENTIALS;
                case UNKNOWN_DATABASE -> ConnectionCheckException.Category.UNKNOWN_DATABASE;
                case UNREACHABLE_HOST -> ConnectionCheckException.Category.UNREACHABLE_HOST;
                case TIMEOUT -> ConnectionCheckException.Category.TIMEOUT;
                default -> ConnectionCheckException.Category.OTHER;
            };
        }
        return ConnectionCheckException.Category.OTHER;
    }

    /**
     * The host and port a tunnel for {@code jdbcUrl} forwards to.
     *
     * @throws RequestException INVALID for an engine that cannot be tunnelled (no host and port parameters: embedded and
     *                          file engines) or a URL not following its template
     */
    private static SshTunnels.Target tunnelTarget(EngineSpec spec, String jdbcUrl, Map<String, String> options, Optional<String> user,
                                                  Secret secret) {
        try {
            return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(),
                    () -> SshTunnels.target(spec, jdbcUrl, connectionProperties(options, user, secret)));
        } catch (IllegalArgumentException e) {
            throw new RequestException(RequestException.Kind.INVALID, "sshTunnel: " + e.getMessage());
        } catch (Exception e) {
            throw new RequestException(RequestException.Kind.INVALID, "sshTunnel: " + spec.id() + ": the URL's host and port cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The values of the secret parameters and options in {@code parameters}, to mask them in messages. */
    private static Set<String> parameterSecrets(EngineSpec spec, Map<String, ?> parameters) {
        Set<String> secrets = new java.util.HashSet<>();
        if (parameters.get(ConnectionParameters.PASSWORD) instanceof String password && !password.isEmpty()) {
            secrets.add(password);
        }
        if (parameters.get(ConnectionParameters.OPTIONS) instanceof Map<?, ?> options) {
            options.forEach((name, value) -> {
                if (value != null && (spec.connectionOptions().isSecret(String.valueOf(name)) || Redactor.isSecretName(String.valueOf(name)))) {
                    secrets.add(String.valueOf(value));
                }
            });
        }
        return secrets;
    }

    /**
     * The connection parameters of {@code registration} with every secret masked ({@link ConnectionParameters#mask}, and
     * the options the host's own name pattern counts as secret), as its engine reads them from the URL and the
     * properties ({@link EngineSpec#parametersFromUrl}); empty when the engine has none or the URL does not follow its
     * template, and (a last guard) when the masked text would still hold one of the registration's secret values.
     */
    public Optional<Map<String, Object>> maskedParameters(DatabaseRegistration registration) {
        requireNonNull(registration, "registration is null");
        EngineSpec spec;
        try {
            spec = engines.resolve(registration.engineId());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Properties properties = connectionProperties(registration.options(), registration.user(), registration.secret());
        Optional<Map<String, Object>> masked;
        try {
            masked = DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                Optional<ConnectionParameters> schema = spec.connectionParameters();
                return schema.flatMap(parameters -> parameters.parse(registration.jdbcUrl(), properties).map(parameters::mask));
            });
        } catch (Exception e) {
            return Optional.empty();
        }
        if (masked.isEmpty()) {
            return masked;
        }
        Map<String, Object> shown = new LinkedHashMap<>(masked.get());
        Set<String> specSecrets = specSecretOptions(registration);
        if (shown.get(ConnectionParameters.OPTIONS) instanceof Map<?, ?> options) {
            Map<String, Object> shownOptions = new LinkedHashMap<>();
            options.forEach((name, value) -> shownOptions.put(String.valueOf(name),
                    Redactor.isSecretName(String.valueOf(name), specSecrets) ? ConnectionParameters.MASK : value));
            shown.put(ConnectionParameters.OPTIONS, shownOptions);
        }
        String text = shown.toString();
        for (String secret : registration.secretValues(specSecrets)) {
            if (secret.length() >= Redactor.MIN_KNOWN_VALUE_LENGTH && text.contains(secret)) {
                return Optional.empty();
            }
        }
        return Optional.of(shown);
    }

    /**
     * The engine serving {@code jdbcUrl}, after the spec vetted what its driver will read from the URL,
     * the options, the user and the password (its allow-list, in the driver's own terms) and where local
     * files resolve (symbolic links included).
     */
    private EngineSpec vet(String jdbcUrl, Map<String, String> options, Optional<String> user, Secret secret) {
        EngineSpec spec;
        try {
            spec = engines.forUrl(jdbcUrl);
        } catch (UnknownEngineException | AmbiguousEngineException e) {
            throw new RequestException(RequestException.Kind.INVALID, EngineRegistry.redactUrl(e.getMessage()));
        }
        for (String option : options.keySet()) {
            if (option.equalsIgnoreCase("user") || option.equalsIgnoreCase("password")) {
                throw new RequestException(RequestException.Kind.INVALID, "give '" + option + "' as the user or secret, not as an option");
            }
        }
        try {
            DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                spec.vetConnection(jdbcUrl, connectionProperties(options, user, secret), filePolicy.sandbox());
                return null;
            });
        } catch (UnsafeUrlException e) {
            throw new RequestException(RequestException.Kind.INVALID, e.getMessage());
        } catch (RequestException e) {
            throw e;
        } catch (Exception e) {
            throw new RequestException(RequestException.Kind.INVALID, spec.id() + ": the URL cannot be vetted ("
                    + e.getClass().getSimpleName() + ")");
        }
        return spec;
    }

    /**
     * Refuses impersonation on an engine that does not claim it or says no way to do it.
     *
     * @throws RequestException INVALID
     */
    public static void requireImpersonation(EngineSpec spec) {
        boolean supported;
        try {
            supported = spec.has(dev.dbspec.api.Capability.USER_IMPERSONATION) && spec.impersonation().supported();
        } catch (RuntimeException e) {
            supported = false;
        }
        if (!supported) {
            throw new RequestException(RequestException.Kind.INVALID, "engine " + spec.id()
                    + " cannot run requests as the requesting user (no user_impersonation capability); register it without 'impersonate'");
        }
    }

    /**
     * Refuses a registration that sets itself one of the properties impersonation sets (Trino's {@code sessionUser}): the
     * driver would refuse the connection or pick one of the two.
     */
    private static void requireNoImpersonationOption(EngineSpec spec, String jdbcUrl, Map<String, String> options, Optional<String> user,
                                                     Secret secret) {
        Set<String> set = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(spec.impersonation().connectionProperties().keySet());
        if (set.isEmpty()) {
            return;
        }
        Map<String, String> read;
        try {
            read = DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(),
                    () -> spec.driverOptions(jdbcUrl, connectionProperties(options, user, secret)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RequestException(RequestException.Kind.INVALID, spec.id() + ": the URL cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        for (String option : read.keySet()) {
            if (set.contains(option)) {
                throw new RequestException(RequestException.Kind.INVALID, "'" + option + "' is set by impersonation for each request;"
                        + " remove it from the URL and options of a database registered with 'impersonate'");
            }
        }
    }

    /** The driver properties of a registration: its options, the user and the password. */
    /** The driver properties a connection to {@code registration} uses: its options, user and password (a secret: never log them). */
    public static Properties connectionProperties(DatabaseRegistration registration) {
        requireNonNull(registration, "registration is null");
        return connectionProperties(registration.options(), registration.user(), registration.secret());
    }

    private static Properties connectionProperties(Map<String, String> options, Optional<String> user, Secret secret) {
        Properties properties = new Properties();
        options.forEach(properties::setProperty);
        user.ifPresent(name -> properties.setProperty("user", name));
        secret.reveal().ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }

    /** Every registration, sorted by name (re-read from the store). */
    public synchronized List<DatabaseRegistration> list() {
        ensureOpen();
        reload();
        List<DatabaseRegistration> all = new ArrayList<>(registrations.values());
        all.sort(Comparator.comparing(DatabaseRegistration::name));
        return all;
    }

    /** The registration named {@code name}, looked up in the store again when unknown here. */
    public synchronized Optional<DatabaseRegistration> registration(String name) {
        ensureOpen();
        if (!registrations.containsKey(name)) {
            reload();
        }
        return Optional.ofNullable(registrations.get(name));
    }

    /**
     * The database named {@code name} with its pool (opened now if needed).
     *
     * @param expectedId when present, the registration id the caller saw: a different one here means the
     *                   database was registered again elsewhere, so the store is read again
     * @throws RequestException NOT_FOUND when no such database is registered
     */
    public synchronized Database database(String name, Optional<String> expectedId) {
        ensureOpen();
        DatabaseRegistration registration = registrations.get(name);
        if (registration == null || expectedId.filter(id -> !id.equals(registration.id())).isPresent()) {
            reload();
        }
        DatabaseRegistration current = registrations.get(name);
        if (current == null || expectedId.filter(id -> !id.equals(current.id())).isPresent()) {
            throw new RequestException(RequestException.Kind.NOT_FOUND, "no database named '" + name + "'");
        }
        EngineSpec spec;
        try {
            spec = vet(current.jdbcUrl(), current.options(), current.user(), current.secret());
        } catch (RequestException e) {
            throw new RequestException(RequestException.Kind.INVALID, "database '" + name + "' cannot be used: "
                    + Redactor.redactText(e.getMessage(), specSecretOptions(current), current.secretValues(specSecretOptions(current))));
        }
        if (filePolicy.sandbox().map(directory -> !spec.fileSandboxProperties(directory).isEmpty()).orElse(false)) {
            filePolicy.requireNoEscapingLinks(); // the engine confines SQL's file access by name and follows links
        }
        HikariDataSource pool = pools.computeIfAbsent(name, key -> openPool(current, spec));
        return new Database(current, spec, pool);
    }

    /**
     * A fresh connection to {@code database} as {@code user}, for engines that impersonate through connection properties
     * ({@link EngineSpec#connectAs}): the registration's URL and properties vetted as for the pool, the user's properties
     * set last; never pooled, the caller closes it.
     *
     * @throws SQLException SQLState {@code 28000} for a name the engine cannot hold, or the driver's error
     */
    public java.sql.Connection openAs(Database database, String user) throws java.sql.SQLException {
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        DatabaseRegistration registration = database.registration();
        EngineSpec spec = database.spec();
        ConnectionUrl reached = throughTunnel(database, registration.jdbcUrl(),
                connectionProperties(registration.options(), registration.user(), registration.secret()));
        String connectUrl = reached.url();
        Properties connectProperties = reached.toProperties();
        try {
            return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(),
                    () -> spec.connectAs(connectUrl, connectProperties, filePolicy.sandbox(), registration.readOnly(), user));
        } catch (java.sql.SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.sql.SQLException(e.getMessage(), e);
        }
    }

    /**
     * A fresh connection to another catalog of {@code database}'s server, for engines that reach catalogs by URL
     * ({@link EngineSpec#catalogUrl}: PostgreSQL databases) and claim {@link dev.dbspec.api.Capability#DYNAMIC_CATALOG}: the
     * registration's credentials and options, the URL vetted and opened as the pool's (read-only the engine's way for a
     * read-only registration). Empty when the engine switches catalogs in place. Never pooled: the caller closes it.
     *
     * @throws RequestException INVALID for a catalog name the URL cannot carry
     * @throws java.sql.SQLException the driver's error (an unknown database: SQLState 3D000)
     */
    public Optional<java.sql.Connection> openInCatalog(Database database, String catalog) throws java.sql.SQLException {
        requireNonNull(database, "database is null");
        requireNonNull(catalog, "catalog is null");
        requireCatalog(database, Optional.of(catalog));
        DatabaseRegistration registration = database.registration();
        EngineSpec spec = database.spec();
        if (!spec.has(dev.dbspec.api.Capability.DYNAMIC_CATALOG)) {
            return Optional.empty();
        }
        Properties properties = connectionProperties(registration.options(), registration.user(), registration.secret());
        try {
            return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                Optional<String> url = spec.catalogUrl(registration.jdbcUrl(), catalog);
                if (url.isEmpty()) {
                    return Optional.<java.sql.Connection>empty();
                }
                // Through the database's SSH tunnel when it has one, like every connection beside the pool.
                ConnectionUrl reached = throughTunnel(database, url.get(), properties);
                return Optional.of(registration.readOnly()
                        ? dev.dbspec.host.Connections.openReadOnly(spec, reached.url(), reached.toProperties(), filePolicy.sandbox())
                        : dev.dbspec.host.Connections.open(spec, reached.url(), reached.toProperties(), filePolicy.sandbox()));
            });
        } catch (UnsafeUrlException e) {
            throw new RequestException(RequestException.Kind.INVALID, e.getMessage());
        } catch (java.sql.SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.sql.SQLException(e.getMessage(), e);
        }
    }

    /**
     * {@code url} (the registration's URL or one derived from it, such as another catalog's) and {@code properties} as a
     * connection outside the pool must use them: unchanged without an SSH tunnel, otherwise through the database's tunnel
     * (opened again if its session dropped). Every connection to a tunnelled database made beside its pool goes through here.
     *
     * @throws java.sql.SQLException SQLState {@code 08001} when the tunnel cannot be opened, {@code 08003} when the pool (and
     *                               with it the tunnel) is closed
     */
    public ConnectionUrl throughTunnel(Database database, String url, Properties properties) throws java.sql.SQLException {
        requireNonNull(database, "database is null");
        requireNonNull(url, "url is null");
        requireNonNull(properties, "properties is null");
        DatabaseRegistration registration = database.registration();
        Map<String, String> given = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> given.put(name, properties.getProperty(name)));
        if (registration.sshTunnel().isEmpty()) {
            return new ConnectionUrl(url, given);
        }
        SshTunnel tunnel;
        synchronized (this) {
            tunnel = tunnels.get(registration.name());
        }
        if (tunnel == null) {
            throw new java.sql.SQLException("database '" + registration.name() + "' has no open SSH tunnel", "08003");
        }
        int port;
        try {
            port = tunnel.ensureOpen();
        } catch (SshTunnelException e) {
            throw new java.sql.SQLException(e.getMessage(), "08001", e);
        } catch (IllegalStateException e) {
            throw new java.sql.SQLException("the SSH tunnel of database '" + registration.name() + "' is closed", "08003", e);
        }
        return PluginDataSource.tunnelUrl(database.spec(), url, properties, port);
    }

    /**
     * Checks that a request on {@code database} may name {@code catalog}: the catalog its URL connects to (the engine's
     * {@code database} connection parameter read from the URL), or one its registration allows
     * ({@link DatabaseRegistration#catalogs()}). On PostgreSQL another database is otherwise out of the SQL's reach, so a
     * grant to one registration does not open every database of the server. On MySQL and MariaDB the list governs the
     * request's catalog and the metadata's and is no boundary: the SQL may name {@code db.table} itself and a schema names a
     * database there, so the login user's grants are the boundary.
     *
     * @throws RequestException FORBIDDEN naming the catalog and how to allow it
     */
    public void requireCatalog(Database database, Optional<String> catalog) {
        requireNonNull(database, "database is null");
        requireNonNull(catalog, "catalog is null");
        if (catalog.isEmpty() || database.registration().allowsCatalog(catalog.get()) || ownCatalog(database).equals(catalog)) {
            return;
        }
        throw new RequestException(RequestException.Kind.FORBIDDEN, "database '" + database.name() + "' does not allow catalog '"
                + catalog.get() + "': an admin lists the catalogs a registration may reach beside its own in 'catalogs'");
    }

    /** The catalog the registration's URL connects to, as its engine's connection parameters read it (empty when unknown). */
    private static Optional<String> ownCatalog(Database database) {
        DatabaseRegistration registration = database.registration();
        try {
            return database.spec().connectionParameters()
                    .flatMap(parameters -> parameters.parse(registration.jdbcUrl(), new Properties()))
                    .map(parameters -> parameters.get("database"))
                    .filter(String.class::isInstance)
                    .map(String.class::cast);
        } catch (RuntimeException e) {
            return Optional.empty(); // a URL the parameters cannot read: only the listed catalogs
        }
    }

    /** Removes the database and closes its pool; false when unknown. */
    public synchronized boolean remove(String name) {
        ensureOpen();
        reload();
        DatabaseRegistration removed = registrations.remove(name);
        closePool(name);
        if (removed == null) {
            return false;
        }
        persist();
        LOG.info("removed database {}", name);
        return true;
    }

    /** Names of databases whose pool is open, for health reports and tests. */
    public synchronized List<String> openPools() {
        return List.copyOf(pools.keySet());
    }

    /** Where database files may lie, and whether SQL's own file access is confined there. */
    public LocalFilePolicy filePolicy() {
        return filePolicy;
    }

    public String storeDescription() {
        return store.describe();
    }

    private HikariDataSource openPool(DatabaseRegistration registration, EngineSpec spec) {
        Properties properties = connectionProperties(registration.options(), registration.user(), registration.secret());
        Optional<SshTunnel> tunnel = registration.sshTunnel().map(config -> openTunnel(registration, spec, config, properties));
        try {
            HikariDataSource pool = newPool(registration, spec, properties, tunnel);
            tunnel.ifPresent(open -> {
                tunnels.put(registration.name(), open);
                // connections made through the lost forward are dead: evicted, so the next borrow opens the tunnel again
                open.onDrop(() -> {
                    var bean = pool.getHikariPoolMXBean();
                    if (bean != null) {
                        bean.softEvictConnections();
                    }
                });
            });
            return pool;
        } catch (RuntimeException e) {
            tunnel.ifPresent(SshTunnel::close);
            throw e;
        }
    }

    /**
     * Opens the SSH tunnel of {@code registration} to its URL's host and port.
     *
     * @throws SshTunnelException naming the database, when the server is unreachable, presents another host key than the
     *                            pinned one, or refuses the credential
     */
    private SshTunnel openTunnel(DatabaseRegistration registration, EngineSpec spec, SshTunnelConfig config, Properties properties) {
        SshTunnels.Target target = tunnelTarget(spec, registration.jdbcUrl(), registration.options(), registration.user(), registration.secret());
        Duration timeout = poolSettings.maximumWait().compareTo(TUNNEL_TIMEOUT) > 0 ? poolSettings.maximumWait() : TUNNEL_TIMEOUT;
        try {
            return SshTunnel.open(config, target.host(), target.port(), timeout);
        } catch (SshTunnelException e) {
            LOG.warn("database {}: SSH tunnel refused: {}", registration.name(), e.getMessage());
            throw new SshTunnelException(e.reason(), "database '" + registration.name() + "': " + e.getMessage());
        }
    }

    private static final Duration TUNNEL_TIMEOUT = Duration.ofSeconds(10);

    private HikariDataSource newPool(DatabaseRegistration registration, EngineSpec spec, Properties properties, Optional<SshTunnel> tunnel) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(new PluginDataSource(spec, registration.jdbcUrl(), properties, filePolicy.sandbox(), registration.readOnly(), tunnel));
        config.setPoolName("dbspec-" + registration.name());
        config.setMaximumPoolSize(poolSettings.maximumSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(poolSettings.maximumWait().toMillis());
        config.setValidationTimeout(Math.min(5_000, Math.max(250, poolSettings.maximumWait().toMillis())));
        config.setInitializationFailTimeout(-1);
        config.setIdleTimeout(120_000);
        config.setMaxLifetime(1_800_000);
        if (registration.readOnly()) {
            // HikariCP sets the pool's read-only flag on every connection it opens and takes back: a connection the
            // engine opened read-only keeps it (sqlite-jdbc and DuckDB refuse to change it), one whose driver enforces
            // the flag gets it from the start.
            ReadOnlyMode mode;
            try {
                mode = spec.readOnlyMode(registration.jdbcUrl());
            } catch (RuntimeException e) {
                throw new RequestException(RequestException.Kind.INVALID, "database '" + registration.name() + "' is read-only and its engine "
                        + spec.id() + " cannot say how to open it read-only: " + e.getMessage());
            }
            config.setReadOnly(mode.setReadOnly() || !mode.connectionProperties().isEmpty());
        }
        return new HikariDataSource(config);
    }

    private void closePool(String name) {
        HikariDataSource pool = pools.remove(name);
        if (pool != null) {
            pool.close();
        }
        SshTunnel tunnel = tunnels.remove(name);
        if (tunnel != null) {
            tunnel.close();
        }
    }

    /** Names of databases whose SSH tunnel is open, for health reports and tests. */
    public synchronized List<String> openTunnels() {
        return tunnels.entrySet().stream().filter(entry -> entry.getValue().isOpen()).map(Map.Entry::getKey).toList();
    }

    /** The local port of {@code name}'s SSH tunnel, while it has one (for tests and health reports). */
    public synchronized java.util.OptionalInt tunnelPort(String name) {
        SshTunnel tunnel = tunnels.get(name);
        return tunnel == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(tunnel.localPort());
    }

    /** Re-reads the store; pools of databases gone or registered again are closed. */
    private void reload() {
        Map<String, DatabaseRegistration> fresh = new LinkedHashMap<>();
        for (DatabaseRegistration registration : store.load()) {
            fresh.put(registration.name(), registration);
            rememberSecrets(registration);
        }
        for (String name : List.copyOf(pools.keySet())) {
            DatabaseRegistration now = fresh.get(name);
            DatabaseRegistration before = registrations.get(name);
            if (now == null || before == null || !now.id().equals(before.id())) {
                closePool(name);
            }
        }
        registrations.clear();
        registrations.putAll(fresh);
    }

    /**
     * The options the engine spec of {@code registration} marks secret beyond the default name pattern.
     * ({@link dev.dbspec.api.ConnectionOptions#secretNames()}).
     */
    Set<String> specSecretOptions(DatabaseRegistration registration) {
        try {
            return engines.resolve(registration.engineId()).connectionOptions().secretNames();
        } catch (RuntimeException e) {
            return Set.of(); // an engine no longer installed: the default name pattern still applies
        }
    }

    /** Lets the logs mask this registration's secrets wherever a library or driver echoes them. */
    private void rememberSecrets(DatabaseRegistration registration) {
        KnownSecrets.remember(registration.secretValues(specSecretOptions(registration)));
    }

    private void persist() {
        store.save(List.copyOf(registrations.values()));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("database registry is closed");
        }
    }

    /** Closes every pool. */
    @Override
    public synchronized void close() {
        closed = true;
        for (String name : List.copyOf(pools.keySet())) {
            closePool(name);
        }
    }
}
