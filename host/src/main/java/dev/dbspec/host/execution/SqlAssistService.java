package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.CacheService;
import dev.dbspec.api.Capability;
import dev.dbspec.api.CostEstimate;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.dialects.SqlPipeline;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.RequestException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Editor help for a registered database, through its engine spec: the names of the functions a user may call
 * ({@link EngineSpec#functionNames}, cached per registration for {@code metadata.ttl-seconds}) and validation of a
 * statement without running it ({@link EngineSpec#validate}) and the planner's estimate of it ({@link EngineSpec#estimate}). Both borrow a pooled connection, call the plugin with
 * its class loader, and end in a rollback (read-only registrations open their read-only transaction first), so
 * nothing they touch is kept.
 */
public final class SqlAssistService {
    /** The cache namespace of function names. */
    public static final String CACHE_NAMESPACE = "functions";
    private static final Logger LOG = LoggerFactory.getLogger(SqlAssistService.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Function names and whether they came from the cache.
     *
     * @param names  sorted, distinct
     * @param cached whether they were read from the cache rather than the database
     */
    public record Functions(List<String> names, boolean cached) {
        public Functions {
            names = List.copyOf(requireNonNull(names, "names is null"));
        }
    }

    /** Work on a borrowed connection, inside the plugin's class loader. */
    @FunctionalInterface
    private interface Work<T> {
        T run(EngineSpec spec, Connection connection) throws SQLException;
    }

    private final DatabaseRegistry databases;
    private final CacheService cache;
    private final Duration ttl;
    private final QuerySettings settings;
    private final Optional<String> runAs;

    /**
     * @param cache a cache of this service's own ({@link #CACHE_NAMESPACE})
     * @param ttl   how long function names are kept; zero keeps none
     */
    public SqlAssistService(DatabaseRegistry databases, CacheService cache, Duration ttl, QuerySettings settings) {
        this(databases, cache, ttl, settings, Optional.empty());
    }

    private SqlAssistService(DatabaseRegistry databases, CacheService cache, Duration ttl, QuerySettings settings, Optional<String> runAs) {
        this.runAs = requireNonNull(runAs, "runAs is null");
        this.databases = requireNonNull(databases, "databases is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.settings = requireNonNull(settings, "settings is null");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("metadata.ttl-seconds must not be negative");
        }
    }

    /**
     * This service working as database user {@code user} on databases registered with impersonation (empty: as the login
     * user): function names cached per user, and SQL to validate or estimate held to the impersonated statement forms
     * ({@link Impersonator#checkSql}).
     */
    public SqlAssistService as(Optional<String> user) {
        return new SqlAssistService(databases, cache, ttl, settings, user);
    }

    /**
     * The functions of database {@code name}, from the cache unless {@code refresh} (which reads the database and
     * replaces the cached names). A cache that cannot be reached is a miss.
     *
     * @throws RequestException NOT_FOUND for an unknown database
     * @throws QueryFailedException when the database cannot list them
     */
    public Functions functions(String name, boolean refresh) {
        Database database = databases.database(requireNonNull(name, "name is null"), Optional.empty());
        requireCapability(database, Capability.FUNCTION_NAMES, "list function names");
        Impersonator.requireFits(database, runAs);
        String key = database.registration().id() + runAs.map(user -> "\nrunAs " + user).orElse("");
        if (!refresh && !ttl.isZero()) {
            Optional<List<String>> hit = cached(key);
            if (hit.isPresent()) {
                return new Functions(hit.get(), true);
            }
        }
        Collection<String> read = onConnection(database, EngineSpec::functionNames);
        List<String> names = List.copyOf(new TreeSet<>(read == null ? List.of() : read));
        if (!ttl.isZero()) {
            try {
                cache.put(key, MAPPER.writeValueAsString(names), ttl);
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.debug("function names of {} not cached: {}", name, e.getMessage());
            }
        }
        return new Functions(names, false);
    }

    private Optional<List<String>> cached(String key) {
        try {
            Optional<String> text = cache.get(key);
            if (text.isPresent()) {
                return Optional.of(MAPPER.readValue(text.get(), new TypeReference<List<String>>() { }));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("function name cache miss: {}", e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Validates {@code sql} on database {@code name} without running it.
     *
     * @throws RequestException NOT_FOUND for an unknown database; INVALID for empty SQL; FORBIDDEN for SQL of an embedded
     *                          engine that reaches the host while database files are confined (as for queries)
     * @throws dev.dbspec.dialects.SqlTooComplexException beyond the server's SQL limits
     * @throws QueryFailedException when the connection fails
     */
    public SqlValidation validate(String name, String sql) {
        Database database = checked(name, sql);
        requireCapability(database, Capability.SQL_VALIDATION, "validate SQL without running it");
        SqlValidation result = onConnection(database, (spec, connection) -> spec.validate(connection, sql));
        return requireNonNull(result, database.spec().id() + ": validate returned null");
    }

    /**
     * The planner's estimate of {@code sql} on database {@code name}, one per statement, without running it; empty when
     * the engine does not estimate ({@link EngineSpec#estimate}). Guarded as {@link #validate} is.
     *
     * @throws RequestException NOT_FOUND for an unknown database; INVALID for empty SQL; FORBIDDEN for SQL of an embedded
     *                          engine that reaches the host while database files are confined (as for queries)
     * @throws dev.dbspec.dialects.SqlTooComplexException beyond the server's SQL limits
     * @throws QueryFailedException when the engine cannot plan or refuses to estimate the statement, or the connection fails
     */
    public List<CostEstimate> estimate(String name, String sql) {
        Database database = checked(name, sql);
        requireCapability(database, Capability.COST_ESTIMATION, "estimate costs");
        List<CostEstimate> result = onConnection(database, (spec, connection) -> spec.estimate(connection, sql));
        return List.copyOf(requireNonNull(result, database.spec().id() + ": estimate returned null"));
    }

    /** Refuses (422 {@code not_supported}) what the engine does not claim: an unclaimed feature is never served half-working. */
    private static void requireCapability(Database database, Capability capability, String what) {
        if (!database.spec().has(capability)) {
            throw new RequestException(RequestException.Kind.NOT_SUPPORTED, "the engine of database '" + database.name() + "' ("
                    + database.spec().id() + ") does not " + what);
        }
    }

    /** The database, once {@code sql} is known not to be empty nor to reach the host while database files are confined. */
    private Database checked(String name, String sql) {
        requireNonNull(sql, "sql is null");
        if (sql.isBlank()) {
            throw new RequestException(RequestException.Kind.INVALID, "sql is empty");
        }
        Database database = databases.database(requireNonNull(name, "name is null"), Optional.empty());
        Impersonator.requireFits(database, runAs);
        SqlPipeline pipeline = SqlPipeline.of(database.spec(), settings.sqlLimits());
        if (runAs.isPresent()) {
            Impersonator.checkSql(database, pipeline, sql);
        }
        if (databases.filePolicy().sandbox().isPresent()) {
            Optional<String> reach = pipeline.findHostAccess(sql, database.spec().hostAccess());
            if (reach.isPresent()) {
                throw new RequestException(RequestException.Kind.FORBIDDEN, database.spec().id() + ": " + reach.get()
                        + " reads or writes the host's files or runs code in the host; refused while database files are confined");
            }
        }
        return database;
    }

    /** Runs {@code work} on a pooled connection in a transaction that is always rolled back (in autocommit on a driver without transactions). */
    private <T> T onConnection(Database database, Work<T> work) {
        EngineSpec spec = database.spec();
        try (Connection connection = Impersonator.connect(databases, database, runAs)) {
            boolean transaction = QueryExecutor.beginTransaction(connection, database);
            try {
                if (database.registration().readOnly()) {
                    ReadOnlyTransaction.begin(connection, spec, ReadOnlyTransaction.mode(database));
                }
                Impersonator.assume(connection, database, runAs);
                return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> work.run(spec, connection));
            } finally {
                try {
                    if (transaction) {
                        connection.rollback();
                    }
                } catch (SQLException e) {
                    LOG.debug("rollback on {} failed: {}", database.name(), redact(e.getMessage()));
                }
                Impersonator.release(connection, database, runAs);
            }
        } catch (SQLException e) {
            throw QueryFailedException.of(spec, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(spec.id() + ": " + e.getMessage(), e);
        }
    }

    private static String redact(String message) {
        return message == null ? "" : EngineRegistry.redactUrl(message);
    }
}
