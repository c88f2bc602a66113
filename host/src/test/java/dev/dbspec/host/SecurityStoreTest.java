package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.host.databases.JdbcSecurityStore;
import dev.dbspec.host.databases.JsonFileSecurityStore;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.security.AccessTokens;
import dev.dbspec.host.security.AuditAction;
import dev.dbspec.host.security.AuditEntry;
import dev.dbspec.host.security.AuditQuery;
import dev.dbspec.host.security.Grant;
import dev.dbspec.host.security.Role;
import dev.dbspec.host.security.SecurityStore;
import dev.dbspec.host.security.UserAccount;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Users, grants and the audit log in each kind of metadata store: the H2 file, JSON files, the live PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityStoreTest {
    @TempDir
    static Path plugins;

    private DbspecHost host;

    @BeforeAll
    void start() {
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @Test
    void h2File(@TempDir Path data) {
        try (SecurityStore store = JdbcSecurityStore.h2File(host.registry(), data)) {
            exercise(store);
        }
        try (SecurityStore reopened = JdbcSecurityStore.h2File(host.registry(), data)) {
            assertThat(reopened.users()).extracting(UserAccount::name).containsExactly("ana", "root");
        }
    }

    @Test
    void jsonFiles(@TempDir Path data) {
        try (SecurityStore store = new JsonFileSecurityStore(data)) {
            exercise(store);
        }
        assertThat(new JsonFileSecurityStore(data).users()).extracting(UserAccount::name).containsExactly("ana", "root");
    }

    @Test
    void postgresql() throws Exception {
        TestDatabase database = TestDatabases.require("postgresql");
        String schema = "dbspec_auth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(database, "CREATE SCHEMA " + schema);
        try {
            String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            try (SecurityStore store = new JdbcSecurityStore(host.registry(), url, database.user(),
                    database.password().map(Secret::of).orElse(Secret.none()))) {
                exercise(store);
                assertThat(store.describe()).startsWith("postgresql jdbc:postgresql:");
            }
        } finally {
            execute(database, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void aDangerousStoreUrlIsRefused() {
        assertThatThrownBy(() -> new JdbcSecurityStore(host.registry(), "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'x.sql'",
                Optional.empty(), Secret.none())).hasMessageContaining("INIT");
    }

    @Test
    void tokensAreRandomPrefixedAndStrongOnesOnlyComeFromOutside() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = AccessTokens.generate();
            assertThat(token).matches("dbs_[A-Za-z0-9_-]{43}");
            assertThat(seen.add(token)).isTrue();
        }
        assertThat(AccessTokens.hash("dbs_x")).hasSize(64).isEqualTo(AccessTokens.hash("dbs_x")).isNotEqualTo(AccessTokens.hash("dbs_y"));
        assertThat(AccessTokens.sameHash(AccessTokens.hash("a"), AccessTokens.hash("a"))).isTrue();
        assertThat(AccessTokens.sameHash(AccessTokens.hash("a"), AccessTokens.hash("b"))).isFalse();
        assertThat(AccessTokens.sameHash(null, AccessTokens.hash("b"))).isFalse();
        AccessTokens.checkStrength("0f3a9c1e7b2d4f6a8c0e1b3d5f7a9c2e", "t"); // openssl rand -hex 16
        AccessTokens.checkStrength("q8Zr4kP1vXw9sL2mN7bT3yH6cJ5dF0gA1eR8uI4oQ2k=", "t"); // openssl rand -base64 32
        AccessTokens.checkStrength(AccessTokens.generate(), "t");
        for (String weak : List.of("x".repeat(31), "a".repeat(64), "0123".repeat(8), "tab\tseparated-token-of-32-chars-xx", "é".repeat(40))) {
            assertThatThrownBy(() -> AccessTokens.checkStrength(weak, "the token")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the token").satisfies(e -> assertThat(e.getMessage()).doesNotContain(weak));
        }
    }

    private void exercise(SecurityStore store) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UserAccount root = new UserAccount("root", Role.ADMIN, now, now);
        UserAccount ana = new UserAccount("ana", Role.ANALYST, now, now);
        String rootHash = AccessTokens.hash("dbs_root");
        assertThat(store.users()).isEmpty();
        assertThat(store.addFirstUser(root, rootHash)).isTrue();
        assertThat(store.addFirstUser(ana, AccessTokens.hash("dbs_other"))).as("only while there is no user").isFalse();
        assertThat(store.addUser(ana, AccessTokens.hash("dbs_ana"))).isTrue();
        assertThat(store.addUser(new UserAccount("ana", Role.VIEWER, now, now), AccessTokens.hash("dbs_ana2"))).isFalse();
        assertThat(store.users()).containsExactly(ana, root);
        assertThat(store.user("ana")).contains(ana);
        assertThat(store.userByTokenHash(rootHash)).contains(root);
        assertThat(store.userByTokenHash(AccessTokens.hash("dbs_nobody"))).isEmpty();

        Instant later = now.plusSeconds(5);
        assertThat(store.replaceToken("ana", AccessTokens.hash("dbs_ana_new"), later)).isTrue();
        assertThat(store.userByTokenHash(AccessTokens.hash("dbs_ana"))).isEmpty();
        assertThat(store.userByTokenHash(AccessTokens.hash("dbs_ana_new")).orElseThrow().tokenIssued()).isEqualTo(later);
        assertThat(store.replaceToken("nobody", AccessTokens.hash("x"), later)).isFalse();

        assertThat(store.addGrant(new Grant("sales", "ana", "root", now))).isTrue();
        assertThat(store.addGrant(new Grant("sales", "ana", "root", now))).isFalse();
        assertThat(store.addGrant(new Grant("hr", "ana", "root", now))).isTrue();
        assertThat(store.addGrant(new Grant("sales", "jwt:carol@example.com", "root", now))).isTrue();
        assertThat(store.grants("sales")).extracting(Grant::user).containsExactly("ana", "jwt:carol@example.com");
        assertThat(store.grantsTo("ana")).extracting(Grant::database).containsExactly("hr", "sales");
        assertThat(store.isGranted("sales", "ana")).isTrue();
        assertThat(store.isGranted("sales", "root")).isFalse();
        assertThat(store.removeGrant("hr", "ana")).isTrue();
        assertThat(store.removeGrant("hr", "ana")).isFalse();
        store.removeGrants("sales");
        assertThat(store.grants("sales")).isEmpty();
        assertThat(store.addGrant(new Grant("sales", "ana", "root", now))).isTrue();

        String longSql = "SELECT '" + "x".repeat(AuditEntry.MAX_SQL_CHARS + 10) + "'";
        store.append(AuditEntry.of("root", AuditAction.DATABASE_REGISTER, Optional.of("sales"), "ok", Map.of("engine", "h2")));
        store.append(AuditEntry.ofSql("ana", AuditAction.QUERY, "sales", longSql, OptionalLong.of(3), OptionalLong.of(12), "ok", Map.of()));
        store.append(AuditEntry.of("anonymous", AuditAction.AUTH_FAILED, Optional.empty(), "invalid_token", Map.of("reason", "unknown")));
        List<AuditEntry> all = store.read(AuditQuery.latest(10));
        assertThat(all).extracting(AuditEntry::action).containsExactly(AuditAction.AUTH_FAILED, AuditAction.QUERY, AuditAction.DATABASE_REGISTER);
        AuditEntry query = all.get(1);
        assertThat(query.sql().orElseThrow()).hasSize(AuditEntry.MAX_SQL_CHARS);
        assertThat(query.sqlSha256()).contains(AuditEntry.sha256(longSql));
        assertThat(query.rows()).hasValue(3);
        assertThat(query.durationMs()).hasValue(12);
        assertThat(all.get(2).details()).containsEntry("engine", "h2");
        assertThat(store.read(AuditQuery.latest(1))).extracting(AuditEntry::action).containsExactly(AuditAction.AUTH_FAILED);
        assertThat(store.read(new AuditQuery(10, Optional.of("ana"), Optional.empty(), Optional.empty()))).hasSize(1);
        assertThat(store.read(new AuditQuery(10, Optional.empty(), Optional.of("sales"), Optional.of(AuditAction.DATABASE_REGISTER)))).hasSize(1);

        assertThat(store.removeUser("ana")).isTrue();
        assertThat(store.grantsTo("ana")).as("a user's grants go with them").isEmpty();
        assertThat(store.removeUser("ana")).isFalse();
        assertThat(store.addUser(ana, AccessTokens.hash("dbs_ana3"))).isTrue();
        assertThat(store.isGranted("sales", "ana")).as("a new user of the same name inherits nothing").isFalse();
    }

    private void execute(TestDatabase database, String sql) throws Exception {
        Properties properties = new Properties();
        database.user().ifPresent(user -> properties.setProperty("user", user));
        database.password().ifPresent(password -> properties.setProperty("password", password));
        try (Connection connection = Connections.open(host.registry().resolve("postgresql"), database.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
