package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an engine runs a request as another user ({@link Capability#USER_IMPERSONATION}, Superset's
 * {@code user_impersonation}): data, read by the host ({@link EngineSpec#impersonation()}).
 *
 * <ul>
 *   <li>{@link Kind#SESSION_ROLE}: the host takes a pooled connection, switches autocommit off and runs
 *       {@link #assumeStatements()} (each {@code {name}} replaced by the user name quoted with the spec's
 *       {@link EngineSpec#identifierQuoting()}, never raw) inside the request's transaction, then checks with
 *       {@link #currentUserSql()} that the engine answers that name; after the transaction it runs
 *       {@link #resetStatements()} before the connection goes back to the pool, and evicts the connection when they
 *       fail. PostgreSQL: {@code SET LOCAL ROLE "name"} (dropped at commit or rollback), {@code RESET ROLE},
 *       {@code SELECT current_user}.</li>
 *   <li>{@link Kind#CONNECTION_PROPERTIES}: the host opens a fresh, unpooled connection with
 *       {@link #connectionProperties()} (each value's {@code {name}} replaced by the user name) set over the
 *       registration's properties after they were vetted, and {@link EngineSpec#impersonatedUrl} of the URL; it closes
 *       the connection after the request. Trino: {@code sessionUser}; Hive: {@code hive.server2.proxy.user} in the URL's
 *       session part ({@link EngineSpec#impersonatedUrl}, no property).</li>
 * </ul>
 * A name the engine cannot hold ({@link #checkName}) is refused before anything runs: PostgreSQL would silently
 * truncate a name of more than 63 bytes to another role's.
 *
 * @param kind                 how the user is assumed
 * @param assumeStatements     SQL run inside the request's transaction, {@code {name}} replaced by the quoted name
 * @param resetStatements      SQL run after the transaction ends, before the connection returns to the pool
 * @param currentUserSql       SQL answering one row with the user the session runs as now, when the engine has it
 * @param connectionProperties driver properties, values with {@code {name}} replaced by the (unquoted) user name
 * @param maxNameBytes         longest name in UTF-8 bytes the engine keeps unchanged; 0 when unbounded
 * @param namePattern          the names the engine or driver can hold (a property or URL value is not quoted)
 * @param privilegedRoleSql    SQL answering one row, true when the role the session now runs as is privileged (PostgreSQL:
 *                             superuser, or it bypasses row security, creates roles or replicates): such a role is never
 *                             assumed, whatever name maps to it (a dbspec user named {@code postgres} must not run as the
 *                             superuser); empty when the engine has no such notion
 */
public record Impersonation(Kind kind, List<String> assumeStatements, List<String> resetStatements, Optional<String> currentUserSql,
                            Map<String, String> connectionProperties, int maxNameBytes, Pattern namePattern,
                            Optional<String> privilegedRoleSql) {
    /** The placeholder replaced by the user name. */
    public static final String NAME = "{name}";

    /** No impersonation (the default): every request runs as the registration's login user. */
    public static final Impersonation NONE = new Impersonation(Kind.NONE, List.of(), List.of(), Optional.empty(), Map.of(), 0,
            Pattern.compile("(?!)"), Optional.empty());

    /** Any name without control characters (quoted identifiers hold anything else). */
    public static final Pattern ANY_PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");

    /** How a request runs as another user. */
    public enum Kind {
        /** Not supported. */
        NONE,
        /** Statements on a pooled connection assume the role and reset it. */
        SESSION_ROLE,
        /** Properties of a fresh, unpooled connection name the user. */
        CONNECTION_PROPERTIES
    }

    public Impersonation {
        requireNonNull(kind, "kind is null");
        assumeStatements = List.copyOf(requireNonNull(assumeStatements, "assumeStatements is null"));
        resetStatements = List.copyOf(requireNonNull(resetStatements, "resetStatements is null"));
        requireNonNull(currentUserSql, "currentUserSql is null");
        connectionProperties = Map.copyOf(requireNonNull(connectionProperties, "connectionProperties is null"));
        requireNonNull(namePattern, "namePattern is null");
        requireNonNull(privilegedRoleSql, "privilegedRoleSql is null");
        if (maxNameBytes < 0) {
            throw new IllegalArgumentException("maxNameBytes is negative");
        }
        if (kind == Kind.SESSION_ROLE && (assumeStatements.isEmpty() || resetStatements.isEmpty())) {
            throw new IllegalArgumentException("SESSION_ROLE needs statements to assume and to reset the role");
        }
        if (kind == Kind.SESSION_ROLE && assumeStatements.stream().noneMatch(sql -> sql.contains(NAME))) {
            throw new IllegalArgumentException("SESSION_ROLE assume statements must name the role as " + NAME);
        }
    }

    /**
     * Statements that assume a role, reset it, and read the current user; names quoted by the spec, at most
     * {@code maxNameBytes} UTF-8 bytes (0: unbounded), no control characters.
     */
    public static Impersonation sessionRole(List<String> assumeStatements, List<String> resetStatements, String currentUserSql,
                                            int maxNameBytes) {
        return new Impersonation(Kind.SESSION_ROLE, assumeStatements, resetStatements, Optional.of(currentUserSql), Map.of(),
                maxNameBytes, ANY_PRINTABLE, Optional.empty());
    }

    /** This impersonation, refusing to run as a role {@code privilegedRoleSql} says is privileged ({@link #privilegedRoleSql()}). */
    public Impersonation refusingPrivileged(String privilegedRoleSql) {
        requireNonNull(privilegedRoleSql, "privilegedRoleSql is null");
        return new Impersonation(kind, assumeStatements, resetStatements, currentUserSql, connectionProperties, maxNameBytes, namePattern,
                Optional.of(privilegedRoleSql));
    }

    /** Properties of a fresh connection naming the user; names must match {@code namePattern} whole. */
    public static Impersonation connectionProperties(Map<String, String> properties, Pattern namePattern, int maxNameBytes) {
        return new Impersonation(Kind.CONNECTION_PROPERTIES, List.of(), List.of(), Optional.empty(), properties, maxNameBytes,
                namePattern, Optional.empty());
    }

    /** Whether the engine can run a request as another user. */
    public boolean supported() {
        return kind != Kind.NONE;
    }

    /**
     * Refuses a name the engine cannot hold as given: empty, with a control character, not matching
     * {@link #namePattern()}, or longer than {@link #maxNameBytes()} (which the engine might truncate to another user's).
     *
     * @throws SQLException SQLState {@code 28000} (invalid authorization specification) naming the rule, or
     *                      {@code 0A000} when the engine cannot impersonate
     */
    public String checkName(String engineId, String name) throws SQLException {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(name, "name is null");
        if (!supported()) {
            throw new java.sql.SQLFeatureNotSupportedException(engineId + " cannot run a request as another user", "0A000");
        }
        if (name.isEmpty() || !ANY_PRINTABLE.matcher(name).matches() || !namePattern.matcher(name).matches()) {
            throw new SQLException(engineId + " cannot run as a user named like this (empty, control characters, or characters the "
                    + "engine cannot take here: " + namePattern.pattern() + ")", "28000");
        }
        if (maxNameBytes > 0 && name.getBytes(StandardCharsets.UTF_8).length > maxNameBytes) {
            throw new SQLException(engineId + " keeps user names of at most " + maxNameBytes + " bytes; a longer one would name another user",
                    "28000");
        }
        return name;
    }
}
