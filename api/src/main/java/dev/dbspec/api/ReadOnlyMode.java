package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an engine makes the requests of a read-only registration read-only itself, so that the host's statement
 * classifier is not the only guard: data, read by the host ({@link EngineSpec#readOnlyMode(String)}).
 *
 * <p>For a read-only registration the host
 * <ol>
 *   <li>opens every connection of the registration's pool (its own, never shared with another registration) with
 *       {@link #connectionProperties()} set over every other property;</li>
 *   <li>for each request, switches autocommit off, calls {@link java.sql.Connection#setReadOnly setReadOnly(true)}
 *       when {@link #setReadOnly()} (a driver that refuses fails the request), then runs
 *       {@link #beginStatements()} in order (a failure fails the request), then the user's SQL;</li>
 *   <li>always ends the request's transaction with a rollback, never a commit;</li>
 *   <li>refuses, before anything runs, SQL naming one of {@link #refusedFunctions()} (matched like
 *       {@link HostAccess#functions()}: whole words anywhere in the text, strings and comments included, Unicode
 *       escapes decoded), besides the statements no read-only request may run (transaction control, server-wide
 *       statements, anything but queries, {@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}, {@code USE} and
 *       {@code SET} of a session setting).</li>
 * </ol>
 * An engine account without write grants stays the real guarantee: a function or procedure can still act outside
 * the transaction in ways the engine does not stop (dynamic SQL, extensions, a connection to elsewhere).
 *
 * @param connectionProperties driver properties that open the database read-only (SQLite {@code open_mode=1},
 *                             DuckDB {@code duckdb.read_only=true}); empty for servers, whose read-only mode is a
 *                             transaction
 * @param setReadOnly          whether the host calls {@code Connection.setReadOnly(true)} on each request's
 *                             connection (pgjdbc then opens the transaction as {@code BEGIN READ ONLY}; HSQLDB and
 *                             Derby refuse writes on that connection)
 * @param beginStatements      SQL run at the start of each request, inside its transaction and before the user's SQL,
 *                             which makes the transaction read-only in a way the user's SQL cannot undo (PostgreSQL
 *                             takes a snapshot so that {@code SET TRANSACTION READ WRITE} fails; MySQL's
 *                             {@code START TRANSACTION READ ONLY})
 * @param refusedFunctions     names of functions with effects outside the transaction or on the session
 *                             ({@code lo_export}, {@code pg_terminate_backend}, {@code GET_LOCK}), upper-cased
 */
public record ReadOnlyMode(Map<String, String> connectionProperties, boolean setReadOnly, List<String> beginStatements,
                           Set<String> refusedFunctions) {
    /**
     * The default for an engine whose facts are not known: {@code Connection.setReadOnly(true)} on each request (a
     * driver that refuses it fails the request), nothing else.
     */
    public static final ReadOnlyMode JDBC_READ_ONLY = new ReadOnlyMode(Map.of(), true, List.of(), Set.of());

    /** Nothing at the engine: only the host's classifier and the rollback (for engines without a read-only mode). */
    public static final ReadOnlyMode CLASSIFIER_ONLY = new ReadOnlyMode(Map.of(), false, List.of(), Set.of());

    public ReadOnlyMode {
        connectionProperties = Map.copyOf(requireNonNull(connectionProperties, "connectionProperties is null"));
        beginStatements = List.copyOf(requireNonNull(beginStatements, "beginStatements is null"));
        refusedFunctions = requireNonNull(refusedFunctions, "refusedFunctions is null").stream()
                .map(name -> name.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** This mode with {@code properties} as its {@link #connectionProperties()}. */
    public ReadOnlyMode withConnectionProperties(Map<String, String> properties) {
        return new ReadOnlyMode(properties, setReadOnly, beginStatements, refusedFunctions);
    }

    /** This mode with {@link #setReadOnly()} set to {@code value}. */
    public ReadOnlyMode withSetReadOnly(boolean value) {
        return new ReadOnlyMode(connectionProperties, value, beginStatements, refusedFunctions);
    }

    /** This mode with {@code statements} as its {@link #beginStatements()}. */
    public ReadOnlyMode withBeginStatements(List<String> statements) {
        return new ReadOnlyMode(connectionProperties, setReadOnly, statements, refusedFunctions);
    }

    /** This mode with {@code functions} as its {@link #refusedFunctions()}. */
    public ReadOnlyMode withRefusedFunctions(Set<String> functions) {
        return new ReadOnlyMode(connectionProperties, setReadOnly, beginStatements, functions);
    }
}
