package dev.dbspec.host.execution;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.RequestException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transaction of a request on a read-only database, opened the engine's way ({@link ReadOnlyMode}): autocommit
 * off, {@code Connection.setReadOnly(true)} where the engine enforces it, then the engine's begin statements
 * ({@code START TRANSACTION READ ONLY}...), before the user's SQL; the executor always ends it with a rollback. Fails
 * closed: a driver that refuses the flag or a begin statement that fails fails the request, nothing runs.
 */
public final class ReadOnlyTransaction {
    private ReadOnlyTransaction() {
    }

    /**
     * The engine's read-only mode for {@code database}.
     *
     * @throws RequestException INVALID when the plugin cannot say (nothing may run then)
     */
    public static ReadOnlyMode mode(Database database) {
        requireNonNull(database, "database is null");
        try {
            return requireNonNull(database.spec().readOnlyMode(database.registration().jdbcUrl()), "readOnlyMode is null");
        } catch (RuntimeException e) {
            throw new RequestException(RequestException.Kind.INVALID, "database '" + database.name() + "' is read-only and its engine "
                    + database.spec().id() + " cannot say how to make a request read-only: " + e.getMessage());
        }
    }

    /** Opens the read-only transaction on {@code connection}, whose autocommit is already off. */
    public static void begin(Connection connection, EngineSpec spec, ReadOnlyMode mode) throws SQLException {
        if (mode.setReadOnly()) {
            try {
                connection.setReadOnly(true);
            } catch (SQLException e) {
                throw new SQLException(spec.id() + ": cannot make the connection read-only: " + e.getMessage(), e.getSQLState(), e);
            }
        }
        for (String sql : mode.beginStatements()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new SQLException(spec.id() + ": cannot open the read-only transaction: " + e.getMessage(), e.getSQLState(), e);
            }
        }
    }
}
