package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.Connections;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.secrets.KnownSecrets;
import dev.dbspec.host.secrets.PrivateFiles;
import dev.dbspec.host.secrets.SecretBox;
import dev.dbspec.host.secrets.StoreKey;
import dev.dbspec.host.secrets.UndecryptableSecretException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registrations in a table of a JDBC database reached through its engine's plugin: an embedded H2 file
 * ({@link #h2File}) or a shared server such as PostgreSQL. One table, {@code dbspec_databases}, replaced
 * in one transaction on every save, so readers never see half a list.
 *
 * <p>Secrets are encrypted ({@link SealedRegistration}): the {@code sealed} column holds the URL,
 * password and options; {@code url} only the URL's outline, {@code secret} stays null and
 * {@code options} empty. A second table, {@code dbspec_key_check}, holds sealed text that tells whether
 * a key is the store's; every write locks and checks it first, so a process still holding a key that
 * {@code dbspec secrets rotate-key} replaced cannot write with it. A table written by an earlier version
 * (secrets in clear, no key check) is encrypted when the store is opened; an H2 file store is then
 * compacted, so the clear text does not survive in the file's old pages.
 */
public final class JdbcDatabaseStore implements DatabaseStore {
    static final String TABLE = "dbspec_databases";
    static final String KEY_CHECK_TABLE = "dbspec_key_check";
    private static final String KEY_CHECK_PURPOSE = "registrations";
    private static final String H2_BASE_NAME = "metadata";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatabaseStore.class);

    private final EngineSpec spec;
    private final String url;
    private final Properties properties;
    /** Whether the URL went through the engine's allow-list: an operator's {@code store=} URL, not the host's own file. */
    private final boolean vetted;
    /** The directory of an H2 file store: its files are kept at mode 0600 and compacted after a rewrite. */
    private final Optional<Path> h2Directory;
    private volatile SecretBox box;

    /**
     * A store in the database at {@code jdbcUrl}, encrypting with {@code box}.
     *
     * @throws UndecryptableSecretException when {@code box} is not the key the store was written with
     */
    public JdbcDatabaseStore(EngineRegistry engines, String jdbcUrl, Optional<String> user, Secret password, SecretBox box) {
        this(engines, jdbcUrl, user, password, box, Optional.empty());
    }

    private JdbcDatabaseStore(EngineRegistry engines, String jdbcUrl, Optional<String> user, Secret password, SecretBox box,
                              Optional<Path> h2Directory) {
        requireNonNull(engines, "engines is null");
        this.url = requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.box = requireNonNull(box, "box is null");
        this.h2Directory = h2Directory;
        this.spec = engines.forUrl(jdbcUrl);
        this.vetted = h2Directory.isEmpty();
        if (vetted) {
            spec.checkUrl(jdbcUrl);
        }
        this.properties = new Properties();
        requireNonNull(user, "user is null").ifPresent(u -> properties.setProperty("user", u));
        Secret.require(password).reveal().ifPresent(p -> {
            properties.setProperty("password", p);
            KnownSecrets.remember(List.of(p));
        });
        createTables();
        prepare();
        restrictFiles();
    }

    /**
     * The default store: an H2 database file {@code <dir>/metadata.mv.db}, opened in H2's automatic
     * mixed mode so that a server and its workers (separate processes) can share it. The directory is
     * created with mode 0700 and the files get mode 0600.
     */
    public static JdbcDatabaseStore h2File(EngineRegistry engines, Path dir, SecretBox box) {
        return h2File(engines, dir, box, true);
    }

    /**
     * The H2 file store opened by this process alone (no mixed mode): fails while a server or worker
     * has it open. For maintenance such as {@code dbspec secrets rotate-key}.
     */
    public static JdbcDatabaseStore h2FileExclusive(EngineRegistry engines, Path dir, SecretBox box) {
        return h2File(engines, dir, box, false);
    }

    /** {@link #h2File(EngineRegistry, Path, SecretBox)} with the key from the key file {@code <dir>/secret.key} (created if absent). */
    public static JdbcDatabaseStore h2File(EngineRegistry engines, Path dir) {
        return h2File(engines, dir, StoreKey.resolve(Optional.empty(), dir.resolve("secret.key")).box());
    }

    private static JdbcDatabaseStore h2File(EngineRegistry engines, Path dir, SecretBox box, boolean shared) {
        Path absolute;
        try {
            absolute = PrivateFiles.createDirectories(dir);
            Path dataFile = absolute.resolve(H2_BASE_NAME + ".mv.db");
            if (!Files.exists(dataFile)) {
                // H2 fills an empty file in place, so the database is never readable by others, not even at creation
                PrivateFiles.createNew(dataFile, new byte[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database store in " + dir + ": " + e.getMessage(), e);
        }
        String path = absolute.resolve(H2_BASE_NAME).toString();
        return new JdbcDatabaseStore(engines, shared ? HostStoreUrl.h2File(absolute) : "jdbc:h2:" + HostStoreUrl.FILE_SYSTEM + path, Optional.empty(),
                Secret.none(), box, Optional.of(absolute));
    }

    private void createTables() {
        try (Connection connection = open()) {
            if (!tableExists(connection, TABLE)) {
                execute(connection, "CREATE TABLE " + TABLE + " (id VARCHAR(64) PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE, "
                        + "engine VARCHAR(64) NOT NULL, url VARCHAR(4000) NOT NULL, db_user VARCHAR(256), secret VARCHAR(4000), "
                        + "options VARCHAR(8000) NOT NULL, read_only BOOLEAN NOT NULL, sealed VARCHAR(16000))", TABLE);
            } else if (!columnExists(connection, TABLE, "sealed")) {
                // a table of an earlier version: the registrations are encrypted by prepare()
                execute(connection, "ALTER TABLE " + TABLE + " ADD COLUMN sealed VARCHAR(16000)", TABLE);
            }
            if (!tableExists(connection, KEY_CHECK_TABLE)) {
                execute(connection, "CREATE TABLE " + KEY_CHECK_TABLE + " (purpose VARCHAR(64) PRIMARY KEY, sealed VARCHAR(1000) NOT NULL)",
                        KEY_CHECK_TABLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the database store " + describe() + ": " + EngineRegistry.redactUrl(e.getMessage()), e);
        }
    }

    /** Runs DDL; when another process did the same meanwhile (the table or column exists now), that is fine. */
    private void execute(Connection connection, String ddl, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            boolean done = ddl.startsWith("ALTER") ? columnExists(connection, table, "sealed") : tableExists(connection, table);
            if (!done) {
                throw e;
            }
        }
    }

    private boolean tableExists(Connection connection, String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, spec.identifierQuoting().normalizeUnquoted(table), null)) {
            return rs.next();
        }
    }

    private boolean columnExists(Connection connection, String table, String column) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getColumns(null, null, spec.identifierQuoting().normalizeUnquoted(table),
                spec.identifierQuoting().normalizeUnquoted(column))) {
            return rs.next();
        }
    }

    /**
     * Checks the key against the key check, or, for a store without one (new, or written by an earlier
     * version), encrypts every registration and writes the key check, in one transaction. Two processes
     * doing it at once: the second fails on the key check's primary key and checks again.
     */
    private void prepare() {
        for (int attempt = 0; ; attempt++) {
            int migrated;
            try (Connection connection = open()) {
                connection.setAutoCommit(false);
                try {
                    Optional<String> keyCheck = keyCheck(connection);
                    if (keyCheck.isPresent()) {
                        connection.rollback();
                        if (!SealedRegistration.opensKeyCheck(box, keyCheck.get())) {
                            throw wrongKey();
                        }
                        return;
                    }
                    List<Row> rows = rows(connection);
                    List<SealedRegistration> sealed = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.sealed() != null) {
                            throw new IllegalStateException("the database store " + describe() + " holds encrypted registrations but no key check "
                                    + "(table " + KEY_CHECK_TABLE + "): it was altered outside dbspec; restore it from a backup");
                        }
                        sealed.add(SealedRegistration.seal(row.plain(), box));
                    }
                    replaceRows(connection, sealed);
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + KEY_CHECK_TABLE + " (purpose, sealed) VALUES (?, ?)")) {
                        insert.setString(1, KEY_CHECK_PURPOSE);
                        insert.setString(2, SealedRegistration.keyCheck(box));
                        insert.executeUpdate();
                    }
                    connection.commit();
                    migrated = rows.size();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt == 0) {
                    continue; // most likely another process wrote the key check first: look again
                }
                throw new IllegalStateException("cannot prepare the database store " + describe() + ": " + EngineRegistry.redactUrl(e.getMessage()), e);
            }
            if (migrated > 0) {
                LOG.info("encrypted the {} registrations of the database store {} (written by an earlier version in clear)", migrated, describe());
                compact();
            }
            return;
        }
    }

    private UndecryptableSecretException wrongKey() {
        return new UndecryptableSecretException("the secret key does not open the database store " + describe()
                + ": the store was encrypted with another key. Start with the key it was written with (dbspec never resets a store)");
    }

    @Override
    public synchronized List<DatabaseRegistration> load() {
        List<DatabaseRegistration> registrations = new ArrayList<>();
        try (Connection connection = open()) {
            for (Row row : rows(connection)) {
                registrations.add(open(row));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database store " + describe() + ": " + EngineRegistry.redactUrl(e.getMessage()), e);
        }
        restrictFiles();
        return registrations;
    }

    private DatabaseRegistration open(Row row) {
        if (row.sealed() == null) {
            throw new IllegalStateException("registration '" + row.name() + "' in the database store " + describe()
                    + " is not encrypted although the store is: it was not written by dbspec; remove it from the store or restore a backup");
        }
        try {
            return row.sealedRegistration().open(box);
        } catch (UndecryptableSecretException e) {
            throw new UndecryptableSecretException("registration '" + row.name() + "' in the database store " + describe()
                    + " does not decrypt with the current secret key (" + e.getMessage() + "); if the key was rotated, restart with the new key");
        }
    }

    @Override
    public synchronized void save(List<DatabaseRegistration> registrations) {
        List<SealedRegistration> sealed = registrations.stream().map(registration -> SealedRegistration.seal(registration, box)).toList();
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                lockKeyCheck(connection);
                replaceRows(connection, sealed);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the database store " + describe() + ": " + EngineRegistry.redactUrl(e.getMessage()), e);
        }
        restrictFiles();
    }

    @Override
    public synchronized int reencrypt(SecretBox target) {
        requireNonNull(target, "target is null");
        int count;
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                lockKeyCheck(connection);
                List<SealedRegistration> resealed = new ArrayList<>();
                for (Row row : rows(connection)) {
                    resealed.add(SealedRegistration.seal(open(row), target));
                }
                replaceRows(connection, resealed);
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + KEY_CHECK_TABLE + " SET sealed = ? WHERE purpose = ?")) {
                    update.setString(1, SealedRegistration.keyCheck(target));
                    update.setString(2, KEY_CHECK_PURPOSE);
                    update.executeUpdate();
                }
                connection.commit();
                count = resealed.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-encrypt the database store " + describe() + ": " + EngineRegistry.redactUrl(e.getMessage()), e);
        }
        box = target;
        compact();
        return count;
    }

    /**
     * Locks the key check row for this transaction (a no-op update, which every engine locks) and checks
     * that this store's key opens it: writers and a rotation take turns, and a stale key cannot write.
     */
    private void lockKeyCheck(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("UPDATE " + KEY_CHECK_TABLE + " SET purpose = purpose WHERE purpose = ?")) {
            lock.setString(1, KEY_CHECK_PURPOSE);
            lock.executeUpdate();
        }
        Optional<String> keyCheck = keyCheck(connection);
        if (keyCheck.isEmpty()) {
            throw new IllegalStateException("the database store " + describe() + " lost its key check (table " + KEY_CHECK_TABLE
                    + "): it was altered outside dbspec; restore it from a backup");
        }
        if (!SealedRegistration.opensKeyCheck(box, keyCheck.get())) {
            throw new UndecryptableSecretException("the database store " + describe()
                    + " is now encrypted with another secret key (dbspec secrets rotate-key?): restart this process with the new key");
        }
    }

    private Optional<String> keyCheck(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT sealed FROM " + KEY_CHECK_TABLE + " WHERE purpose = ?")) {
            select.setString(1, KEY_CHECK_PURPOSE);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void replaceRows(Connection connection, List<SealedRegistration> registrations) throws SQLException {
        try (Statement delete = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                     + " (id, name, engine, url, db_user, secret, options, read_only, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            delete.execute("DELETE FROM " + TABLE);
            for (SealedRegistration registration : registrations) {
                insert.setString(1, registration.id());
                insert.setString(2, registration.name());
                insert.setString(3, registration.engineId());
                insert.setString(4, registration.urlOutline());
                insert.setString(5, registration.user().orElse(null));
                insert.setString(6, null);
                insert.setString(7, "{}");
                insert.setBoolean(8, registration.readOnly());
                insert.setString(9, registration.sealed());
                insert.addBatch();
            }
            if (!registrations.isEmpty()) {
                insert.executeBatch();
            }
        }
    }

    /** A stored row: sealed, or in clear when written by an earlier version. */
    private record Row(String id, String name, String engine, String url, String user, String secret, String options,
                       boolean readOnly, String sealed) {
        SealedRegistration sealedRegistration() {
            return new SealedRegistration(id, name, engine, Optional.ofNullable(user), readOnly, url, sealed);
        }

        DatabaseRegistration plain() {
            try {
                Map<String, String> parsed = MAPPER.readValue(options == null ? "{}" : options, new TypeReference<>() {
                });
                return new DatabaseRegistration(id, name, url, Optional.ofNullable(user), Secret.of(secret), parsed, readOnly, engine);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("registration '" + name + "' has malformed options");
            }
        }
    }

    private List<Row> rows(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, name, engine, url, db_user, secret, options, read_only, sealed FROM "
                     + TABLE + " ORDER BY name")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString("id"), rs.getString("name"), rs.getString("engine"), rs.getString("url"),
                        rs.getString("db_user"), rs.getString("secret"), rs.getString("options"), rs.getBoolean("read_only"),
                        rs.getString("sealed")));
            }
        }
        return rows;
    }

    /**
     * Rewrites an H2 file store completely, so that no page of the file keeps what was replaced (secrets
     * in clear, ciphertexts of a dropped key). Other stores keep old row versions until the database
     * reclaims them (PostgreSQL's VACUUM).
     */
    private void compact() {
        if (h2Directory.isEmpty()) {
            return;
        }
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            LOG.warn("could not compact the database store {}: {}", describe(), EngineRegistry.redactUrl(e.getMessage()));
        }
        restrictFiles();
    }

    /** Mode 0600 on every file of an H2 file store (H2 creates its lock and trace files with the default mode). */
    private void restrictFiles() {
        if (h2Directory.isEmpty()) {
            return;
        }
        try (Stream<Path> files = Files.list(h2Directory.get())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(H2_BASE_NAME + ".")).toList()) {
                try {
                    PrivateFiles.restrict(file);
                } catch (IOException e) {
                    // an H2 lock file may vanish between listing and chmod
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot restrict the files of the database store {}: {}", describe(), e.getMessage());
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
