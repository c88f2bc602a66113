package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.Connections;
import dev.dbspec.host.EngineRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Registrations in a table of a JDBC database reached through its engine's plugin: an embedded H2 file
 * ({@link #h2File}) or a shared server such as PostgreSQL. One table, {@code dbspec_databases}, replaced
 * in one transaction on every save, so readers never see half a list.
 */
public final class JdbcDatabaseStore implements DatabaseStore {
    static final String TABLE = "dbspec_databases";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EngineSpec spec;
    private final String url;
    private final Properties properties;
    private final boolean vetted;

    public JdbcDatabaseStore(EngineRegistry engines, String jdbcUrl, Optional<String> user, Secret password) {
        this(engines, jdbcUrl, user, password, true);
    }

    /** @param vet whether the URL goes through the engine's allow-list (the operator's {@code store=} URL), or is the host's own */
    private JdbcDatabaseStore(EngineRegistry engines, String jdbcUrl, Optional<String> user, Secret password, boolean vet) {
        requireNonNull(engines, "engines is null");
        this.url = requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.spec = engines.forUrl(jdbcUrl);
        this.vetted = vet;
        if (vet) {
            spec.checkUrl(jdbcUrl);
        }
        this.properties = new Properties();
        requireNonNull(user, "user is null").ifPresent(u -> properties.setProperty("user", u));
        Secret.require(password).reveal().ifPresent(p -> properties.setProperty("password", p));
        createTable();
    }

    /**
     * The default store: an H2 database file {@code <dir>/metadata.mv.db}, opened in H2's automatic
     * mixed mode so that a server and its workers (separate processes) can share it.
     */
    public static JdbcDatabaseStore h2File(EngineRegistry engines, java.nio.file.Path dir) {
        return new JdbcDatabaseStore(engines, HostStoreUrl.h2File(dir), Optional.empty(), Secret.none(), false);
    }

    private void createTable() {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = connection.getMetaData().getTables(null, null, spec.identifierQuoting().normalizeUnquoted(TABLE), null)) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE TABLE " + TABLE + " (id VARCHAR(64) PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE, "
                    + "engine VARCHAR(64) NOT NULL, url VARCHAR(4000) NOT NULL, db_user VARCHAR(256), secret VARCHAR(4000), "
                    + "options VARCHAR(8000) NOT NULL, read_only BOOLEAN NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the database store " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<DatabaseRegistration> load() {
        List<DatabaseRegistration> registrations = new ArrayList<>();
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, name, engine, url, db_user, secret, options, read_only FROM "
                     + TABLE + " ORDER BY name")) {
            while (rs.next()) {
                Map<String, String> options = MAPPER.readValue(rs.getString("options"), new TypeReference<>() {
                });
                registrations.add(new DatabaseRegistration(rs.getString("id"), rs.getString("name"), rs.getString("url"),
                        Optional.ofNullable(rs.getString("db_user")), Secret.of(rs.getString("secret")), options,
                        rs.getBoolean("read_only"), rs.getString("engine")));
            }
            return registrations;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the database store " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(List<DatabaseRegistration> registrations) {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try (Statement delete = connection.createStatement();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                         + " (id, name, engine, url, db_user, secret, options, read_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                delete.execute("DELETE FROM " + TABLE);
                for (DatabaseRegistration registration : registrations) {
                    insert.setString(1, registration.id());
                    insert.setString(2, registration.name());
                    insert.setString(3, registration.engineId());
                    insert.setString(4, registration.jdbcUrl());
                    insert.setString(5, registration.user().orElse(null));
                    insert.setString(6, registration.secret().reveal().orElse(null));
                    insert.setString(7, MAPPER.writeValueAsString(registration.options()));
                    insert.setBoolean(8, registration.readOnly());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot write the database store " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return spec.id() + " " + EngineRegistry.redactUrl(url);
    }

    private Connection open() throws SQLException {
        return vetted ? Connections.open(spec, url, properties) : HostStoreUrl.open(spec, url, properties);
    }
}
