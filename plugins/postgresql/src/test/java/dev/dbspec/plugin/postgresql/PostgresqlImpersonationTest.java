package dev.dbspec.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.Impersonation;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.ImpersonationChecks;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Session-role impersonation on the live database: {@code SET LOCAL ROLE} with the name quoted (a name holding a quote and
 * a semicolon is one role), dropped at rollback, a role that does not exist or a name PostgreSQL would truncate refused;
 * the kit's {@link ImpersonationChecks} passes for the spec, passes for a spec that does not claim it, and fails for one
 * that claims it but does not switch the user.
 */
class PostgresqlImpersonationTest {
    private final PostgresqlEngineSpec spec = new PostgresqlEngineSpec();

    @Test
    void kitCheckPasses() {
        TestDatabase pg = TestDatabases.require("postgresql");
        CheckResult result = new ImpersonationChecks(spec, () -> open(pg)).userImpersonation();
        assertThat(result.id()).isEqualTo("user-impersonation");
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
    }

    @Test
    void rolesAreQuotedAndScopedToTheTransaction() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String odd = "imp\"; RESET ROLE; --" + suffix;
        String quoted = "\"" + odd.replace("\"", "\"\"") + "\"";
        try (Connection setup = open(pg); Statement statement = setup.createStatement()) {
            statement.execute("CREATE ROLE " + quoted + " NOLOGIN");
            try (Connection connection = open(pg)) {
                String login = currentUser(connection);
                connection.setAutoCommit(false);
                spec.impersonate(connection, odd);
                assertThat(currentUser(connection)).isEqualTo(odd);
                connection.rollback();
                assertThat(currentUser(connection)).as("SET LOCAL ends with the transaction").isEqualTo(login);
                connection.rollback();
                assertThatThrownBy(() -> spec.impersonate(connection, "imp_none_" + suffix)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("imp_none_" + suffix);
                connection.rollback();
                // 64 bytes: PostgreSQL would truncate it to 63, which could be another role's name.
                assertThatThrownBy(() -> spec.impersonate(connection, "r".repeat(64)))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
                assertThatThrownBy(() -> spec.impersonate(connection, "a\u0000b")).isInstanceOf(SQLException.class);
                connection.rollback();
                connection.setAutoCommit(true);
                spec.endImpersonation(connection);
                assertThat(currentUser(connection)).isEqualTo(login);
            } finally {
                statement.execute("DROP ROLE " + quoted);
            }
        }
    }

    /** A dbspec user named like a privileged role (superuser, BYPASSRLS, CREATEROLE, REPLICATION) never runs as it. */
    @Test
    void privilegedRolesAreNeverAssumed() throws Exception {
        TestDatabase pg = TestDatabases.require("postgresql");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<String> roles = List.of("imp_su_" + suffix, "imp_rls_" + suffix, "imp_cr_" + suffix, "imp_repl_" + suffix);
        List<String> attributes = List.of("SUPERUSER", "BYPASSRLS", "CREATEROLE", "REPLICATION");
        try (Connection setup = open(pg); Statement statement = setup.createStatement()) {
            for (int i = 0; i < roles.size(); i++) {
                statement.execute("CREATE ROLE " + roles.get(i) + " NOLOGIN " + attributes.get(i));
            }
            statement.execute("CREATE ROLE imp_plain_" + suffix + " NOLOGIN");
            try (Connection connection = open(pg)) {
                String login = currentUser(connection);
                connection.setAutoCommit(false);
                for (String role : roles) {
                    assertThatThrownBy(() -> spec.impersonate(connection, role)).as(role)
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
                            .hasMessageContaining("privileged");
                    connection.rollback();
                    assertThat(currentUser(connection)).isEqualTo(login);
                }
                spec.impersonate(connection, "imp_plain_" + suffix);
                assertThat(currentUser(connection)).isEqualTo("imp_plain_" + suffix);
                connection.rollback();
            } finally {
                for (String role : roles) {
                    statement.execute("DROP ROLE " + role);
                }
                statement.execute("DROP ROLE imp_plain_" + suffix);
            }
        }
    }

    @Test
    void kitCheckOfASpecThatDoesNotClaimIt() {
        TestDatabase pg = TestDatabases.require("postgresql");
        CheckResult result = new ImpersonationChecks(new Bare(Impersonation.NONE, Set.of()), () -> open(pg)).userImpersonation();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(result.detail()).contains("refused");
        CheckResult inconsistent = new ImpersonationChecks(new Bare(PostgresqlEngineSpec.SESSION_ROLE, Set.of()), () -> open(pg))
                .userImpersonation();
        assertThat(inconsistent.status()).as(inconsistent.detail()).isEqualTo(CheckResult.Status.FAILED);
    }

    /** A claim whose impersonate() does nothing: the kit must see that a role that does not exist was "assumed". */
    @Test
    void kitCheckFailsAClaimThatDoesNotSwitch() {
        TestDatabase pg = TestDatabases.require("postgresql");
        EngineSpec lying = new Bare(PostgresqlEngineSpec.SESSION_ROLE, Set.of(Capability.USER_IMPERSONATION)) {
            @Override
            public void impersonate(Connection connection, String user) {
                // claims session roles, switches nothing
            }
        };
        CheckResult result = new ImpersonationChecks(lying, () -> open(pg)).userImpersonation();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(result.detail()).contains("does not exist succeeded");
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection open(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user().orElse(null), database.password().orElse(null));
    }

    /** A minimal spec with the given impersonation and capabilities. */
    private static class Bare implements EngineSpec {
        private final Impersonation impersonation;
        private final Set<Capability> capabilities;

        Bare(Impersonation impersonation, Set<Capability> capabilities) {
            this.impersonation = impersonation;
            this.capabilities = capabilities;
        }

        @Override
        public String id() {
            return "bare";
        }

        @Override
        public String displayName() {
            return "Bare";
        }

        @Override
        public List<String> urlPrefixes() {
            return List.of("jdbc:postgresql:");
        }

        @Override
        public String urlTemplate() {
            return "jdbc:postgresql://{host}/{database}";
        }

        @Override
        public String driverClassName() {
            return "org.postgresql.Driver";
        }

        @Override
        public java.util.Map<dev.dbspec.api.TimeGrain, String> timeGrainExpressions() {
            return java.util.Map.of();
        }

        @Override
        public Impersonation impersonation() {
            return impersonation;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public dev.dbspec.api.IdentifierQuoting identifierQuoting() {
            return dev.dbspec.api.IdentifierQuoting.DOUBLE_QUOTES_LOWER;
        }
    }
}
