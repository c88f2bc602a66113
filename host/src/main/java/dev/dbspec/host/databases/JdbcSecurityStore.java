package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.security.AccessTokens;
import dev.dbspec.host.security.AuditAction;
import dev.dbspec.host.security.AuditEntry;
import dev.dbspec.host.security.AuditQuery;
import dev.dbspec.host.security.Grant;
import dev.dbspec.host.security.Role;
import dev.dbspec.host.security.SecurityStore;
import dev.dbspec.host.security.UserAccount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * Users, grants and the audit log in three tables of the JDBC metadata store ({@code dbspec_users},
 * {@code dbspec_grants}, {@code dbspec_audit}) beside {@link JdbcDatabaseStore}'s, reached through the
 * engine's plugin: the default H2 file of the data directory or a shared server such as PostgreSQL.
 * Every request looks its token up here, so a small pool keeps connections open; a token rotated or a
 * user removed by another process (the CLI) stops working at the next request.
 */
public final class JdbcSecurityStore implements SecurityStore {
    static final String USERS = "dbspec_users";
    static final String GRANTS = "dbspec_grants";
    static final String AUDIT = "dbspec_audit";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EngineSpec spec;
    private final String url;
    private final HikariDataSource pool;

    public JdbcSecurityStore(EngineRegistry engines, String jdbcUrl, Optional<String> user, Secret password) {
        this(engines, jdbcUrl, user, password, true);
    }

    /** @param vet whether the URL goes through the engine's allow-list (the operator's {@code store=} URL), or is the host's own */
    private JdbcSecurityStore(EngineRegistry engines, String jdbcUrl, Optional<String> user, Secret password, boolean vet) {
        requireNonNull(engines, "engines is null");
        this.url = requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.spec = engines.forUrl(jdbcUrl);
        if (vet) {
            spec.checkUrl(jdbcUrl);
        }
        Properties properties = new Properties();
        requireNonNull(user, "user is null").ifPresent(u -> properties.setProperty("user", u));
        Secret.require(password).reveal().ifPresent(p -> properties.setProperty("password", p));
        HikariConfig config = new HikariConfig();
        config.setDataSource(vet ? new PluginDataSource(spec, jdbcUrl, properties, Optional.empty(), false)
                : PluginDataSource.hostOwned(spec, jdbcUrl, properties));
        config.setPoolName("dbspec-security-store");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the security store " + describe() + ": " + e.getMessage(), e);
        }
        try {
            createTables();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The security tables in the data directory's H2 file, beside {@link JdbcDatabaseStore#h2File}'s. */
    public static JdbcSecurityStore h2File(EngineRegistry engines, java.nio.file.Path dir) {
        return new JdbcSecurityStore(engines, HostStoreUrl.h2File(dir), Optional.empty(), Secret.none(), false);
    }

    private void createTables() {
        createTable(USERS, "CREATE TABLE " + USERS + " (name VARCHAR(64) PRIMARY KEY, role VARCHAR(16) NOT NULL, "
                + "token_hash VARCHAR(64) NOT NULL UNIQUE, created_us BIGINT NOT NULL, token_issued_us BIGINT NOT NULL)");
        createTable(GRANTS, "CREATE TABLE " + GRANTS + " (database_name VARCHAR(64) NOT NULL, user_name VARCHAR(300) NOT NULL, "
                + "granted_by VARCHAR(300) NOT NULL, created_us BIGINT NOT NULL, PRIMARY KEY (database_name, user_name))");
        createTable(AUDIT, "CREATE TABLE " + AUDIT + " (id VARCHAR(36) PRIMARY KEY, at_us BIGINT NOT NULL, "
                + "user_name VARCHAR(300) NOT NULL, action VARCHAR(32) NOT NULL, database_name VARCHAR(64), "
                + "sql_text VARCHAR(" + AuditEntry.MAX_SQL_CHARS + "), sql_sha256 VARCHAR(64), row_count BIGINT, duration_ms BIGINT, "
                + "outcome VARCHAR(64) NOT NULL, details VARCHAR(8000) NOT NULL)",
                "CREATE INDEX dbspec_audit_at ON " + AUDIT + " (at_us)");
    }

    private void createTable(String table, String... ddl) {
        try (Connection connection = pool.getConnection()) {
            if (exists(connection, table)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                for (String sql : ddl) {
                    statement.execute(sql);
                }
            } catch (SQLException e) {
                if (!exists(connection, table)) { // another process may have created it meanwhile
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the security store " + describe() + ": " + e.getMessage(), e);
        }
    }

    private boolean exists(Connection connection, String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, spec.identifierQuoting().normalizeUnquoted(table), null)) {
            return rs.next();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction. */
    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + " in the security store " + describe() + ": " + e.getMessage(), e);
        }
    }

    // ---- users

    private static final String USER_COLUMNS = "name, role, created_us, token_issued_us";

    private static UserAccount user(ResultSet rs) throws SQLException {
        return new UserAccount(rs.getString("name"), Role.parse(rs.getString("role")), AuditEntry.fromMicros(rs.getLong("created_us")),
                AuditEntry.fromMicros(rs.getLong("token_issued_us")));
    }

    @Override
    public List<UserAccount> users() {
        return inTransaction("read the users", connection -> {
            List<UserAccount> users = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT " + USER_COLUMNS + " FROM " + USERS + " ORDER BY name")) {
                while (rs.next()) {
                    users.add(user(rs));
                }
            }
            return users;
        });
    }

    @Override
    public Optional<UserAccount> user(String name) {
        return inTransaction("read a user", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + USER_COLUMNS + " FROM " + USERS + " WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean addUser(UserAccount user, String tokenHash) {
        return inTransaction("add a user", connection -> {
            if (userExists(connection, user.name())) {
                return false;
            }
            insertUser(connection, user, tokenHash);
            return true;
        });
    }

    @Override
    public boolean addFirstUser(UserAccount user, String tokenHash) {
        return inTransaction("add the first user", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + USERS)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
            insertUser(connection, user, tokenHash);
            return true;
        });
    }

    private static boolean userExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + USERS + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertUser(Connection connection, UserAccount user, String tokenHash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + USERS
                + " (name, role, token_hash, created_us, token_issued_us) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, user.name());
            insert.setString(2, user.role().id());
            insert.setString(3, requireNonNull(tokenHash, "tokenHash is null"));
            insert.setLong(4, micros(user.created()));
            insert.setLong(5, micros(user.tokenIssued()));
            insert.executeUpdate();
        }
    }

    @Override
    public boolean removeUser(String name) {
        return inTransaction("remove a user", connection -> {
            int removed;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + USERS + " WHERE name = ?")) {
                delete.setString(1, name);
                removed = delete.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + GRANTS + " WHERE user_name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            return removed > 0;
        });
    }

    @Override
    public boolean replaceToken(String name, String tokenHash, Instant issued) {
        return inTransaction("replace a token", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + USERS
                    + " SET token_hash = ?, token_issued_us = ? WHERE name = ?")) {
                update.setString(1, requireNonNull(tokenHash, "tokenHash is null"));
                update.setLong(2, micros(issued));
                update.setString(3, name);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<UserAccount> userByTokenHash(String tokenHash) {
        return inTransaction("look a token up", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + USER_COLUMNS + ", token_hash FROM " + USERS
                    + " WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                try (ResultSet rs = select.executeQuery()) {
                    // The index finds the row; the comparison that decides is constant-time.
                    return rs.next() && AccessTokens.sameHash(rs.getString("token_hash"), tokenHash) ? Optional.of(user(rs)) : Optional.empty();
                }
            }
        });
    }

    // ---- grants

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getString("database_name"), rs.getString("user_name"), rs.getString("granted_by"),
                AuditEntry.fromMicros(rs.getLong("created_us")));
    }

    private List<Grant> selectGrants(String column, String value, String order) {
        return inTransaction("read grants", connection -> {
            List<Grant> grants = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT database_name, user_name, granted_by, created_us FROM "
                    + GRANTS + " WHERE " + column + " = ? ORDER BY " + order)) {
                select.setString(1, value);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        grants.add(grant(rs));
                    }
                }
            }
            return grants;
        });
    }

    @Override
    public List<Grant> grants(String database) {
        return selectGrants("database_name", database, "user_name");
    }

    @Override
    public List<Grant> grantsTo(String user) {
        return selectGrants("user_name", user, "database_name");
    }

    @Override
    public boolean isGranted(String database, String user) {
        return inTransaction("read a grant", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + GRANTS
                    + " WHERE database_name = ? AND user_name = ?")) {
                select.setString(1, database);
                select.setString(2, user);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public boolean addGrant(Grant grant) {
        return inTransaction("add a grant", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + GRANTS
                    + " WHERE database_name = ? AND user_name = ?")) {
                select.setString(1, grant.database());
                select.setString(2, grant.user());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + GRANTS
                    + " (database_name, user_name, granted_by, created_us) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, grant.database());
                insert.setString(2, grant.user());
                insert.setString(3, grant.grantedBy());
                insert.setLong(4, micros(grant.at()));
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public boolean removeGrant(String database, String user) {
        return inTransaction("remove a grant", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + GRANTS
                    + " WHERE database_name = ? AND user_name = ?")) {
                delete.setString(1, database);
                delete.setString(2, user);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void removeGrants(String database) {
        inTransaction("remove grants", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + GRANTS + " WHERE database_name = ?")) {
                delete.setString(1, database);
                return delete.executeUpdate();
            }
        });
    }

    // ---- audit

    @Override
    public void append(AuditEntry entry) {
        inTransaction("append to the audit log", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + AUDIT + " (id, at_us, user_name, action, "
                    + "database_name, sql_text, sql_sha256, row_count, duration_ms, outcome, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.id());
                insert.setLong(2, entry.atMicros());
                insert.setString(3, entry.user());
                insert.setString(4, entry.action().id());
                insert.setString(5, entry.database().orElse(null));
                insert.setString(6, entry.sql().orElse(null));
                insert.setString(7, entry.sqlSha256().orElse(null));
                setLong(insert, 8, entry.rows());
                setLong(insert, 9, entry.durationMs());
                insert.setString(10, entry.outcome());
                insert.setString(11, json(entry.details()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEntry> read(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, at_us, user_name, action, database_name, sql_text, sql_sha256, row_count, "
                + "duration_ms, outcome, details FROM " + AUDIT + " WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        query.user().ifPresent(user -> {
            sql.append(" AND user_name = ?");
            parameters.add(user);
        });
        query.database().ifPresent(database -> {
            sql.append(" AND database_name = ?");
            parameters.add(database);
        });
        query.action().ifPresent(action -> {
            sql.append(" AND action = ?");
            parameters.add(action.id());
        });
        sql.append(" ORDER BY at_us DESC, id DESC");
        return inTransaction("read the audit log", connection -> {
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setString(i + 1, parameters.get(i));
                }
                select.setMaxRows(query.limit());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next() && entries.size() < query.limit()) {
                        entries.add(new AuditEntry(rs.getString("id"), AuditEntry.fromMicros(rs.getLong("at_us")), rs.getString("user_name"),
                                AuditAction.fromId(rs.getString("action")).orElseThrow(() -> new SQLException("unknown audit action")),
                                Optional.ofNullable(rs.getString("database_name")), Optional.ofNullable(rs.getString("sql_text")),
                                Optional.ofNullable(rs.getString("sql_sha256")), optionalLong(rs, "row_count"),
                                optionalLong(rs, "duration_ms"), rs.getString("outcome"), details(rs.getString("details"))));
                    }
                }
            }
            return entries;
        });
    }

    private static void setLong(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.getAsLong());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static String json(Map<String, String> details) {
        try {
            return MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> details(String json) throws SQLException {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable audit details: " + e.getOriginalMessage(), e);
        }
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    @Override
    public String describe() {
        return spec.id() + " " + EngineRegistry.redactUrl(url);
    }

    @Override
    public void close() {
        pool.close();
    }
}
