package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.HostAccess;
import dev.dbspec.api.Impersonation;
import dev.dbspec.dialects.SqlParseException;
import dev.dbspec.dialects.SqlPipeline;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.RequestException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request on a database registered with impersonation as the requesting user's database user, the engine's way
 * ({@link Impersonation}); fails closed everywhere:
 * <ul>
 *   <li>a request on such a database names its user ({@code runAs}); one without is refused, never run as the login user,
 *       and a request naming a user on a database registered without impersonation is refused too;</li>
 *   <li>{@link Impersonation.Kind#SESSION_ROLE}: on the pooled connection, inside the request's transaction,
 *       {@link EngineSpec#impersonate} (PostgreSQL {@code SET LOCAL ROLE "user"}, checked with {@code current_user}); a
 *       failure is an {@link ImpersonationFailedException} and nothing runs, and so is a user named like the login user
 *       (which could assume itself, typically a superuser); after the transaction,
 *       {@link EngineSpec#endImpersonation} ({@code RESET ROLE}) in autocommit before the connection returns to the pool,
 *       which evicts it when that fails;</li>
 *   <li>{@link Impersonation.Kind#CONNECTION_PROPERTIES}: a fresh connection opened as the user
 *       ({@link DatabaseRegistry#openAs}), never pooled, closed after the request;</li>
 *   <li>the user's SQL may only take the statement forms of a read-only request ({@link SqlPipeline#readOnlyRefusal}:
 *       queries, {@code SHOW}, {@code EXPLAIN}..., no {@code SET ROLE}, {@code RESET}, {@code SET SESSION AUTHORIZATION},
 *       {@code DO}, transaction control) and name none of the engine's read-only refused functions nor {@code set_config}:
 *       the login user may assume any role, so a statement that sets the role would run as it.</li>
 * </ul>
 */
public final class Impersonator {
    private static final Logger LOG = LoggerFactory.getLogger(Impersonator.class);
    /** Functions that set the session's role or authorization from inside a query, on any engine. */
    private static final Set<String> ROLE_FUNCTIONS = Set.of("SET_CONFIG");
    /** The first words of statements that switch the role, refused even where the read-only allow-list is not applied. */
    private static final HostAccess ROLE_STATEMENTS = new HostAccess(java.util.List.of("SET ROLE", "SET LOCAL ROLE", "SET SESSION ROLE",
            "RESET", "SET SESSION AUTHORIZATION", "SET LOCAL SESSION AUTHORIZATION", "SET SESSION SESSION AUTHORIZATION", "DO"), ROLE_FUNCTIONS);

    private Impersonator() {
    }

    /**
     * Checks that {@code runAs} fits {@code database}: present exactly when it is registered with impersonation.
     *
     * @throws RequestException INVALID otherwise
     */
    public static void requireFits(Database database, Optional<String> runAs) {
        requireNonNull(runAs, "runAs is null");
        boolean impersonating = database.registration().impersonate();
        if (impersonating && runAs.isEmpty()) {
            throw new RequestException(RequestException.Kind.INVALID, "database '" + database.name()
                    + "' runs each request as the requesting user, and this request names none; it is not run as the login user");
        }
        if (!impersonating && runAs.isPresent()) {
            throw new RequestException(RequestException.Kind.INVALID, "database '" + database.name()
                    + "' is not registered with impersonation: 'runAs' is refused (its requests run as its login user)");
        }
    }

    /**
     * Refuses SQL that could leave the impersonated user: anything a read-only request may not run, {@code set_config},
     * and statements that set the role or the authorization.
     *
     * @throws RequestException FORBIDDEN naming the construct; INVALID for unreadable SQL
     */
    public static void checkSql(Database database, SqlPipeline pipeline, String sql) {
        Set<String> refused = new HashSet<>(ROLE_FUNCTIONS);
        try {
            refused.addAll(database.spec().readOnlyMode(database.registration().jdbcUrl()).refusedFunctions());
        } catch (RuntimeException e) {
            // the engine cannot say: the allow-list and the role functions still apply
        }
        Optional<String> refusal;
        try {
            refusal = pipeline.findHostAccess(sql, ROLE_STATEMENTS)
                    .map(found -> found + " is refused: it could change the user the request runs as");
            if (refusal.isEmpty()) {
                refusal = pipeline.readOnlyRefusal(sql, refused);
            }
        } catch (SqlParseException e) {
            throw new RequestException(RequestException.Kind.INVALID, e.getMessage());
        }
        if (refusal.isPresent()) {
            throw new RequestException(RequestException.Kind.FORBIDDEN, "database '" + database.name()
                    + "' runs requests as the requesting user, which allows only the statements of a read-only request: " + refusal.get());
        }
    }

    /**
     * A connection for a request run as {@code runAs} (empty: the login user, from the pool): the pooled one for session roles
     * (assumed by {@link #assume} once the transaction is open), or a fresh one opened as the user.
     */
    public static Connection connect(DatabaseRegistry databases, Database database, Optional<String> runAs) throws SQLException {
        requireFits(database, runAs);
        if (runAs.isEmpty()) {
            return borrow(database);
        }
        Impersonation impersonation = impersonation(database);
        return switch (impersonation.kind()) {
            case SESSION_ROLE -> borrow(database);
            case CONNECTION_PROPERTIES -> {
                try {
                    yield databases.openAs(database, runAs.get());
                } catch (SQLException e) {
                    throw failed(database, runAs.get(), e);
                }
            }
            case NONE -> throw new ImpersonationFailedException(runAs.get(), "engine " + database.spec().id() + " cannot run as another user");
        };
    }

    /**
     * A connection of the database's pool.
     *
     * @throws PoolBusyException when the pool timed out with every connection in use and no failure to open one behind it
     *                           (HikariCP then gives no cause): back-pressure, where a cause would be the database unreachable
     */
    static Connection borrow(Database database) throws SQLException {
        try {
            return database.pool().getConnection();
        } catch (java.sql.SQLTransientConnectionException e) {
            if (e.getCause() == null && database.pool() instanceof com.zaxxer.hikari.HikariDataSource) {
                throw new PoolBusyException(database.name(), String.valueOf(e.getMessage()));
            }
            throw e;
        }
    }

    /**
     * Assumes {@code runAs} on {@code connection}, whose request transaction is open (autocommit off), for session roles;
     * nothing otherwise.
     *
     * @throws ImpersonationFailedException when the engine refuses: the request must not run
     * @throws SQLException when the connection is lost (SQLState class 08)
     */
    public static void assume(Connection connection, Database database, Optional<String> runAs) throws SQLException {
        if (runAs.isEmpty() || impersonation(database).kind() != Impersonation.Kind.SESSION_ROLE) {
            return;
        }
        EngineSpec spec = database.spec();
        // The login may assume itself, and is often a superuser: a dbspec user whose database user has the login's name
        // (an analyst named postgres) would get every power the registration is there to withhold.
        String login = connection.getMetaData().getUserName();
        if (login != null && login.equals(runAs.get())) {
            throw new ImpersonationFailedException(runAs.get(), "it is the login user of database '" + database.name()
                    + "', which an impersonating registration never runs a request as");
        }
        try {
            DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                spec.impersonate(connection, runAs.get());
                return null;
            });
        } catch (SQLException e) {
            throw failed(database, runAs.get(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ImpersonationFailedException(runAs.get(), e.getClass().getSimpleName());
        }
    }

    /**
     * For work outside a query's transaction (metadata reads): with session roles, autocommit off and {@link #assume}, so
     * that {@link #release} ends both; nothing otherwise.
     */
    public static void begin(Connection connection, Database database, Optional<String> runAs) throws SQLException {
        if (runAs.isEmpty() || impersonation(database).kind() != Impersonation.Kind.SESSION_ROLE) {
            return;
        }
        connection.setAutoCommit(false);
        assume(connection, database, runAs);
    }

    /**
     * Before {@code connection} goes back to the pool: for session roles, the transaction rolled back (a no-op after the
     * request's commit or rollback), autocommit on, and {@link EngineSpec#endImpersonation}; when any of it fails the
     * connection is evicted from the pool instead. Never throws.
     */
    public static void release(Connection connection, Database database, Optional<String> runAs) {
        if (connection == null || runAs.isEmpty() || impersonation(database).kind() != Impersonation.Kind.SESSION_ROLE) {
            return;
        }
        EngineSpec spec = database.spec();
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                spec.endImpersonation(connection);
                return null;
            });
        } catch (Exception e) {
            LOG.warn("resetting the role on a connection of {} failed ({}); the connection is evicted", database.name(),
                    EngineRegistry.redactUrl(String.valueOf(e.getMessage())));
            evict(database, connection);
        }
    }

    /** Closes {@code connection} rather than letting it back into the pool (a plain close for unpooled ones). */
    static void evict(Database database, Connection connection) {
        if (database.pool() instanceof com.zaxxer.hikari.HikariDataSource pool) {
            pool.evictConnection(connection);
        }
    }

    private static Impersonation impersonation(Database database) {
        try {
            return requireNonNull(database.spec().impersonation(), "impersonation is null");
        } catch (RuntimeException e) {
            return Impersonation.NONE;
        }
    }

    /** A refusal by the engine, or a connection lost (class 08), which stays a connection failure. */
    private static SQLException failed(Database database, String user, SQLException e) {
        if (String.valueOf(e.getSQLState()).startsWith("08")) {
            return e;
        }
        throw new ImpersonationFailedException(user, database.spec().id() + ": " + EngineRegistry.redactUrl(String.valueOf(e.getMessage())));
    }
}
