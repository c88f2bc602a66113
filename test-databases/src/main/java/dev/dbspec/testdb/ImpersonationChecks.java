package dev.dbspec.testdb;

import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.firstLine;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.timed;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.Impersonation;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The live check of {@link Capability#USER_IMPERSONATION} ({@value #ID}), in the style of {@link LiveChecks}:
 * <ul>
 *   <li>a spec claiming it with {@link Impersonation.Kind#SESSION_ROLE}: inside a transaction, impersonating the login user
 *       ({@link EngineSpec#impersonate}) works and the engine's {@link Impersonation#currentUserSql()} answers it;
 *       impersonating a user that does not exist fails (and the session still runs as the login user); a name longer than
 *       {@link Impersonation#maxNameBytes()} is refused before the engine sees it; after
 *       {@link EngineSpec#endImpersonation}, in autocommit, the current user is the login user again;</li>
 *   <li>a spec claiming it with {@link Impersonation.Kind#CONNECTION_PROPERTIES} and a {@link Impersonation#currentUserSql()},
 *       given the URL under test ({@link #withTarget}): a fresh connection opened by {@link EngineSpec#connectAs} runs as
 *       another user, a login connection still as the login user, and names over {@link Impersonation#maxNameBytes()} or
 *       outside {@link Impersonation#namePattern()} are refused with SQLState 28000 before any connection; without the
 *       URL or the SQL it is skipped (the spec's properties are unit-tested);</li>
 *   <li>a spec not claiming it: {@link EngineSpec#impersonation()} is {@link Impersonation#NONE} and
 *       {@link EngineSpec#impersonate} on a live connection is refused as unsupported without running anything that
 *       changes the user.</li>
 * </ul>
 */
public final class ImpersonationChecks {
    /** The check's id. */
    public static final String ID = "user-impersonation";
    private static final String TITLE = "user impersonation (run as another user)";

    private final EngineSpec spec;
    private final LiveChecks.ConnectionSource source;
    private final String missingUser = "dbspec_no_such_user_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private LiveChecks.Target target;

    public ImpersonationChecks(EngineSpec spec, LiveChecks.ConnectionSource source) {
        this.spec = requireNonNull(spec, "spec is null");
        this.source = requireNonNull(source, "source is null");
    }

    /** The URL under test, for connection-property impersonation (a fresh connection as another user). */
    public ImpersonationChecks withTarget(LiveChecks.Target target) {
        this.target = requireNonNull(target, "target is null");
        return this;
    }

    /** Runs the check; never throws. */
    public CheckResult userImpersonation() {
        return timed(ID, TITLE, () -> spec.has(Capability.USER_IMPERSONATION) ? claimed() : notClaimed());
    }

    private Checks.Outcome claimed() throws SQLException {
        Impersonation impersonation = spec.impersonation();
        switch (impersonation.kind()) {
            case NONE -> {
                return fail("user_impersonation is claimed but impersonation() is NONE");
            }
            case CONNECTION_PROPERTIES -> {
                if (target == null || impersonation.currentUserSql().isEmpty()) {
                    return Checks.notCheckable("connection-property impersonation " + impersonation.connectionProperties().keySet()
                            + " needs the URL under test and currentUserSql(); checked by the spec's unit tests");
                }
                return connectionProperties(impersonation);
            }
            case SESSION_ROLE -> {
                // fall through to the live check
            }
        }
        if (impersonation.currentUserSql().isEmpty()) {
            return fail("session-role impersonation is claimed without currentUserSql() to prove it");
        }
        String currentUserSql = impersonation.currentUserSql().get();
        try (Connection connection = source.open()) {
            String login = currentUser(connection, currentUserSql);
            connection.setAutoCommit(false);
            try {
                spec.impersonate(connection, login);
                String assumed = currentUser(connection, currentUserSql);
                if (!login.equals(assumed)) {
                    return fail("impersonating the login user " + login + " left the session as " + assumed);
                }
            } finally {
                connection.rollback();
            }
            try {
                spec.impersonate(connection, missingUser);
                String now = currentUser(connection, currentUserSql);
                connection.rollback();
                return fail("impersonating a user that does not exist succeeded (the session runs as " + now + ")");
            } catch (SQLFeatureNotSupportedException e) {
                connection.rollback();
                return fail("impersonating a user that does not exist was refused as unsupported: " + firstLine(e.getMessage()));
            } catch (SQLException expected) {
                connection.rollback();
            }
            String afterFailure = currentUser(connection, currentUserSql);
            connection.rollback();
            if (!login.equals(afterFailure)) {
                return fail("after the failed impersonation the session runs as " + afterFailure + ", not " + login);
            }
            if (impersonation.maxNameBytes() > 0) {
                String tooLong = login + "x".repeat(Math.max(1, impersonation.maxNameBytes() + 1 - login.getBytes(StandardCharsets.UTF_8).length));
                try {
                    spec.impersonate(connection, tooLong);
                    connection.rollback();
                    return fail("a name of " + tooLong.getBytes(StandardCharsets.UTF_8).length + " bytes, over maxNameBytes "
                            + impersonation.maxNameBytes() + ", was accepted");
                } catch (SQLException expected) {
                    connection.rollback();
                    if (!"28000".equals(expected.getSQLState())) {
                        return fail("a name over maxNameBytes failed with SQLState " + expected.getSQLState() + ", not 28000: "
                                + firstLine(expected.getMessage()));
                    }
                }
            }
            connection.setAutoCommit(true);
            spec.endImpersonation(connection);
            String ended = currentUser(connection, currentUserSql);
            if (!login.equals(ended)) {
                return fail("after endImpersonation the session runs as " + ended + ", not the login user " + login);
            }
            return pass("as " + login + " and back; a user that does not exist (" + missingUser + ") refused");
        }
    }

    private Checks.Outcome connectionProperties(Impersonation impersonation) throws SQLException {
        String currentUserSql = impersonation.currentUserSql().orElseThrow();
        String login;
        try (Connection connection = source.open()) {
            login = currentUser(connection, currentUserSql);
        }
        String other = "dbspec_as_" + missingUser.substring(missingUser.length() - 10);
        try (Connection connection = spec.connectAs(target.jdbcUrl(), target.properties(), java.util.Optional.empty(), false, other)) {
            String as = currentUser(connection, currentUserSql);
            if (!other.equals(as)) {
                return fail("a connection opened as " + other + " runs as " + as);
            }
        }
        try (Connection connection = source.open()) {
            String again = currentUser(connection, currentUserSql);
            if (!login.equals(again)) {
                return fail("after a connection as " + other + ", a login connection runs as " + again + ", not " + login);
            }
        }
        List<String> refused = new java.util.ArrayList<>(List.of(other + "\n", other + "'; x"));
        if (impersonation.maxNameBytes() > 0) {
            refused.add("x".repeat(impersonation.maxNameBytes() + 1));
        }
        for (String name : refused) {
            try (Connection connection = spec.connectAs(target.jdbcUrl(), target.properties(), java.util.Optional.empty(), false, name)) {
                return fail("a connection as " + name.replace("\n", "\\n") + " was opened (runs as " + currentUser(connection, currentUserSql) + ")");
            } catch (SQLException expected) {
                if (!"28000".equals(expected.getSQLState())) {
                    return fail("a name the engine cannot hold failed with SQLState " + expected.getSQLState() + ", not 28000: "
                            + firstLine(expected.getMessage()));
                }
            }
        }
        return pass("a fresh connection as " + other + ", login connections as " + login + "; " + refused.size()
                + " names the engine cannot hold refused before connecting");
    }

    private Checks.Outcome notClaimed() throws SQLException {
        if (spec.impersonation().supported()) {
            return fail("user_impersonation is not claimed but impersonation() is " + spec.impersonation().kind());
        }
        try (Connection connection = source.open()) {
            try {
                spec.impersonate(connection, missingUser);
                return fail("not claimed, yet impersonate() accepted a user");
            } catch (SQLFeatureNotSupportedException e) {
                return pass("not claimed; impersonate() refused as unsupported (" + firstLine(e.getMessage()) + ")");
            }
        }
    }

    private static String currentUser(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("currentUserSql returned no row");
            }
            return rs.getString(1);
        }
    }
}
