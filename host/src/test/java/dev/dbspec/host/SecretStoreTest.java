package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.databases.DatabaseRegistration;
import dev.dbspec.host.databases.DatabaseStore;
import dev.dbspec.host.databases.JdbcDatabaseStore;
import dev.dbspec.host.databases.Secret;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.KeyRotation;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.secrets.InvalidSecretKeyException;
import dev.dbspec.host.secrets.PrivateFiles;
import dev.dbspec.host.secrets.SecretBox;
import dev.dbspec.host.secrets.StoreKey;
import dev.dbspec.host.secrets.UndecryptableSecretException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encrypted metadata store: ciphertext on disk, file modes, a wrong key refused at startup, key
 * rotation (CLI and environment), an interrupted rotation, a process with a rotated-away key, the
 * migration of stores written in clear by the previous version, and rows altered in the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretStoreTest {
    @TempDir
    static Path dir;

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private Path plugins;
    private DbspecHost host;

    @BeforeAll
    void start() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private static String secret(String form) {
        return "Sk" + form + RUN;
    }

    private static String rawKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static DbspecConfig config(Path data, String store, Map<String, String> environment) {
        return DbspecConfig.load(Optional.empty(), environment).with("data.dir", data).with("store", store);
    }

    /** Registers two databases (password field and URL userinfo) and closes the runtime. */
    private void registerTwo(DbspecConfig config) {
        try (ServerRuntime runtime = ServerRuntime.start(config, Optional.of(plugins))) {
            runtime.databases().register("one", "jdbc:postgresql://127.0.0.1:5432/test", Optional.of("postgres"),
                    Secret.of(secret("One")), Map.of("sslpassword", secret("OneToken")), false);
            runtime.databases().register("two", "jdbc:mysql://root:" + secret("Two") + "@127.0.0.1:3306/test", Optional.empty(),
                    Secret.none(), Map.of(), true);
        }
    }

    private List<DatabaseRegistration> loadWith(DbspecConfig config) {
        try (ServerRuntime runtime = ServerRuntime.start(config, Optional.of(plugins))) {
            return runtime.databases().list();
        }
    }

    private static void assertIntact(List<DatabaseRegistration> registrations) {
        assertThat(registrations).extracting(DatabaseRegistration::name).containsExactly("one", "two");
        assertThat(registrations.get(0).secret().reveal()).contains(secret("One"));
        assertThat(registrations.get(0).options()).containsEntry("sslpassword", secret("OneToken"));
        assertThat(registrations.get(1).jdbcUrl()).contains(secret("Two"));
        assertThat(registrations.get(1).readOnly()).isTrue();
    }

    private static String bytesOf(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private Connection openH2(Path data) throws Exception {
        EngineSpec h2 = host.registry().resolve("h2");
        return Connections.open(h2, "jdbc:h2:file:" + data.toAbsolutePath().resolve("metadata"), new Properties());
    }

    @Test
    void theH2StoreHoldsCiphertextThatOnlyItsKeyOpens() throws Exception {
        Path data = dir.resolve("cipher").resolve("data");
        registerTwo(config(data, "h2", Map.of()));
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("secret.key"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("metadata.mv.db"))).isEqualTo("rw-------");
        SecretBox key = StoreKey.readKeyFile(data.resolve("secret.key"));
        try (Connection connection = openH2(data); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, url, db_user, secret, options, sealed FROM dbspec_databases ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString("name"));
                assertThat(rows.getString("secret")).isNull();
                assertThat(rows.getString("options")).isEqualTo("{}");
                assertThat(rows.getString("url")).doesNotContain(RUN).startsWith("jdbc:");
                assertThat(rows.getString("sealed")).startsWith(SecretBox.PREFIX).doesNotContain(RUN);
            }
            assertThat(names).containsExactly("one", "two");
        }
        assertThat(bytesOf(data.resolve("metadata.mv.db")).contains(RUN)).isFalse();
        assertIntact(JdbcDatabaseStore.h2File(host.registry(), data, key).load());
    }

    @Test
    void aWrongKeyRefusesToStartWithAClearMessageAndChangesNothing() throws Exception {
        Path data = dir.resolve("wrong").resolve("data");
        registerTwo(config(data, "h2", Map.of()));
        String otherKey = rawKey();
        assertThatThrownBy(() -> ServerRuntime.start(config(data, "h2", Map.of(StoreKey.ENVIRONMENT_VARIABLE, otherKey)), Optional.of(plugins)))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("the secret key does not open the database store h2 jdbc:h2:async:")
                .hasMessageContaining("the key came from the environment variable DBSPEC_SECRET_KEY")
                .hasMessageNotContaining(otherKey);
        assertIntact(loadWith(config(data, "h2", Map.of())));

        // an empty store refuses a wrong key too (its key check), here the JSON file store
        Path empty = dir.resolve("wrong").resolve("empty");
        loadWith(config(empty, "file", Map.of(StoreKey.ENVIRONMENT_VARIABLE, rawKey())));
        String before = Files.readString(empty.resolve("databases.json"));
        assertThatThrownBy(() -> loadWith(config(empty, "file", Map.of(StoreKey.ENVIRONMENT_VARIABLE, rawKey()))))
                .isInstanceOf(UndecryptableSecretException.class).hasMessageContaining("does not open the database store file ");
        assertThat(Files.readString(empty.resolve("databases.json"))).isEqualTo(before);
    }

    @Test
    void unsafeOrMalformedKeysAreRefused() throws Exception {
        Path data = dir.resolve("unsafe").resolve("data");
        registerTwo(config(data, "file", Map.of()));
        Path keyFile = data.resolve("secret.key");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> loadWith(config(data, "file", Map.of())))
                .isInstanceOf(InvalidSecretKeyException.class).hasMessageContaining("accessible by other users").hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        assertIntact(loadWith(config(data, "file", Map.of())));
        String malformed = "Sk-not-a-key-" + RUN;
        assertThatThrownBy(() -> loadWith(config(data, "file", Map.of(StoreKey.ENVIRONMENT_VARIABLE, malformed))))
                .isInstanceOf(InvalidSecretKeyException.class).hasMessageContaining("DBSPEC_SECRET_KEY").hasMessageNotContaining(RUN);
        Path properties = Files.writeString(dir.resolve("unsafe").resolve("dbspec.properties"), "secret.key=" + rawKey() + "\n");
        assertThatThrownBy(() -> DbspecConfig.load(Optional.of(properties), Map.of()))
                .hasMessageContaining("belongs in the environment");
    }

    @Test
    void theKeyFileIsCreatedOnceWithMode0600EvenWhenProcessesRace() throws Exception {
        Path keyFile = dir.resolve("race").resolve("secret.key");
        List<Thread> threads = new ArrayList<>();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> seen.add(StoreKey.resolve(Optional.empty(), keyFile).box().keyIds().toString()));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(8).containsOnly(seen.get(0));
        assertThat(mode(keyFile)).isEqualTo("rw-------");
        assertThat(mode(keyFile.getParent())).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(keyFile.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(keyFile);
        }
    }

    @Test
    void rotateKeyReencryptsEveryRegistrationAndTheOldKeyOpensNothing() throws Exception {
        Path data = dir.resolve("rotate").resolve("data");
        registerTwo(config(data, "h2", Map.of()));
        Path keyFile = data.resolve("secret.key");
        SecretBox oldKey = StoreKey.readKeyFile(keyFile);
        List<String> oldCiphertexts = new ArrayList<>();
        try (Connection connection = openH2(data); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT sealed FROM dbspec_databases")) {
            while (rows.next()) {
                oldCiphertexts.add(rows.getString(1));
            }
        }
        assertThat(oldCiphertexts).hasSize(2);

        CliRunner.Run run = CliRunner.run(plugins, "secrets", "rotate-key", "--data-dir", data.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("re-encrypted 2 registration(s)", "now holds only the new key");

        SecretBox newKey = StoreKey.readKeyFile(keyFile);
        assertThat(newKey.keyCount()).isEqualTo(1);
        assertThat(newKey.keyIds()).doesNotContainAnyElementsOf(oldKey.keyIds());
        assertThat(mode(keyFile)).isEqualTo("rw-------");
        assertThatThrownBy(() -> JdbcDatabaseStore.h2File(host.registry(), data, oldKey))
                .isInstanceOf(UndecryptableSecretException.class).hasMessageContaining("does not open");
        assertIntact(loadWith(config(data, "h2", Map.of())));
        String file = bytesOf(data.resolve("metadata.mv.db"));
        for (String old : oldCiphertexts) {
            assertThat(file.contains(old.substring(SecretBox.PREFIX.length()))).as("the old ciphertexts are compacted away").isFalse();
        }
        assertThat(mode(data.resolve("metadata.mv.db"))).isEqualTo("rw-------");
    }

    @Test
    void rotateKeyWithTheKeyInTheEnvironment() {
        Path data = dir.resolve("rotate-env").resolve("data");
        String oldKey = rawKey();
        String newKey = rawKey();
        registerTwo(config(data, "file", Map.of(StoreKey.ENVIRONMENT_VARIABLE, oldKey)));
        DbspecConfig current = config(data, "file", Map.of(StoreKey.ENVIRONMENT_VARIABLE, oldKey));
        assertThatThrownBy(() -> KeyRotation.rotate(current, host, Optional.empty()))
                .isInstanceOf(InvalidSecretKeyException.class).hasMessageContaining(KeyRotation.NEW_KEY_VARIABLE);
        assertThatThrownBy(() -> KeyRotation.rotate(current, host, Optional.of(oldKey)))
                .isInstanceOf(InvalidSecretKeyException.class).hasMessageContaining("current key");
        KeyRotation.Result result = KeyRotation.rotate(current, host, Optional.of(newKey));
        assertThat(result.registrations()).isEqualTo(2);
        assertThat(result.keyFile()).isEmpty();
        assertThat(data.resolve("secret.key")).doesNotExist();
        assertThatThrownBy(() -> loadWith(current)).isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("set it to the new key");
        assertIntact(loadWith(config(data, "file", Map.of(StoreKey.ENVIRONMENT_VARIABLE, newKey))));
    }

    @Test
    void anInterruptedRotationLeavesAStoreThatOpensAndTheNextRunCompletesIt() throws Exception {
        Path data = dir.resolve("interrupted").resolve("data");
        DbspecConfig config = config(data, "h2", Map.of());
        registerTwo(config);
        Path keyFile = data.resolve("secret.key");
        SecretBox oldKey = StoreKey.readKeyFile(keyFile);

        // stopped after step 1: the key file holds the old key and a new primary, the store is unchanged
        SecretBox transitional = oldKey.withNewPrimary();
        PrivateFiles.replace(keyFile, transitional.toKeysetJson().getBytes(StandardCharsets.UTF_8));
        assertIntact(loadWith(config));
        // stopped after step 2: the store is re-encrypted with the new key, the old key is still in the file
        ServerRuntime.store(config, host, transitional, true).reencrypt(transitional);
        assertIntact(loadWith(config));
        assertThatThrownBy(() -> JdbcDatabaseStore.h2File(host.registry(), data, oldKey)).isInstanceOf(UndecryptableSecretException.class);

        KeyRotation.Result result = KeyRotation.rotate(config, host, Optional.empty());
        assertThat(result.registrations()).isEqualTo(2);
        SecretBox rotated = StoreKey.readKeyFile(keyFile);
        assertThat(rotated.keyCount()).isEqualTo(1);
        assertThat(rotated.keyIds()).doesNotContainAnyElementsOf(transitional.keyIds());
        assertIntact(loadWith(config));
    }

    @Test
    void aProcessStillHoldingTheOldKeyCannotWriteAfterARotation() {
        for (String kind : List.of("h2", "file")) {
            Path data = dir.resolve("stale-" + kind).resolve("data");
            DbspecConfig config = config(data, kind, Map.of());
            registerTwo(config);
            DatabaseStore stale = ServerRuntime.store(config, host, ServerRuntime.storeKey(config).box(), false);
            List<DatabaseRegistration> before = stale.load();
            KeyRotation.rotate(config, host, Optional.empty());
            assertThatThrownBy(() -> stale.save(before.subList(0, 1))).as(kind)
                    .isInstanceOf(UndecryptableSecretException.class).hasMessageContaining("restart this process with the new key");
            assertThatThrownBy(stale::load).as(kind).isInstanceOf(UndecryptableSecretException.class);
            assertIntact(loadWith(config));
        }
    }

    @Test
    void anH2StoreWrittenInClearByThePreviousVersionIsEncryptedOnFirstStart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("legacy-h2").resolve("data"));
        try (Connection connection = openH2(data); Statement statement = connection.createStatement()) {
            // the previous version's table, rows and default file mode
            statement.execute("CREATE TABLE dbspec_databases (id VARCHAR(64) PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE, "
                    + "engine VARCHAR(64) NOT NULL, url VARCHAR(4000) NOT NULL, db_user VARCHAR(256), secret VARCHAR(4000), "
                    + "options VARCHAR(8000) NOT NULL, read_only BOOLEAN NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dbspec_databases VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insertLegacy(insert, "id-1", "one", "postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", secret("One"),
                        "{\"sslpassword\":\"" + secret("OneToken") + "\"}", false);
                // enough rows that closing the database does not rewrite every page by itself
                for (int i = 0; i < 1500; i++) {
                    insertLegacy(insert, "id-f" + i, "zfiller" + i, "postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                            secret("Filler") + "-" + i, "{\"ApplicationName\":\"" + "x".repeat(3000) + "\"}", false);
                }
                insertLegacy(insert, "id-2", "two", "mysql", "jdbc:mysql://root:" + secret("Two") + "@127.0.0.1:3306/test", null, null, "{}", true);
            }
        }
        Files.setPosixFilePermissions(data.resolve("metadata.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(bytesOf(data.resolve("metadata.mv.db")).contains(secret("One"))).as("the fixture is in clear").isTrue();

        DbspecConfig config = config(data, "h2", Map.of());
        List<DatabaseRegistration> migrated = loadWith(config);
        assertThat(migrated).hasSize(1502);
        assertThat(migrated.get(1501).secret().reveal()).contains(secret("Filler") + "-999");
        assertIntact(migrated.subList(0, 2));
        assertThat(bytesOf(data.resolve("metadata.mv.db")).contains(RUN)).as("a page keeps the clear text").isFalse();
        assertThat(mode(data.resolve("metadata.mv.db"))).isEqualTo("rw-------");
        assertIntact(loadWith(config).subList(0, 2));

        // a rotation leaves no ciphertext of the dropped key in the file either
        List<String> oldCiphertexts = new ArrayList<>();
        try (Connection connection = openH2(data); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT sealed FROM dbspec_databases")) {
            while (rows.next()) {
                oldCiphertexts.add(rows.getString(1).substring(SecretBox.PREFIX.length()));
            }
        }
        assertThat(KeyRotation.rotate(config, host, Optional.empty()).registrations()).isEqualTo(1502);
        String rotated = bytesOf(data.resolve("metadata.mv.db"));
        assertThat(oldCiphertexts).hasSize(1502);
        assertThat(oldCiphertexts.stream().filter(rotated::contains).count()).as("ciphertexts of the dropped key left in the file").isZero();

        // from now on a row in clear is not accepted (it was not written by dbspec)
        try (Connection connection = openH2(data); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dbspec_databases (id, name, engine, url, db_user, secret, options, read_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insertLegacy(insert, "id-3", "planted", "h2", "jdbc:h2:mem:planted", "sa", "x", "{}", false);
        }
        assertThatThrownBy(() -> loadWith(config)).hasMessageContaining("registration 'planted'").hasMessageContaining("not encrypted");
    }

    private static void insertLegacy(PreparedStatement insert, String id, String name, String engine, String url, String user,
                                     String secret, String options, boolean readOnly) throws Exception {
        insert.setString(1, id);
        insert.setString(2, name);
        insert.setString(3, engine);
        insert.setString(4, url);
        insert.setString(5, user);
        insert.setString(6, secret);
        insert.setString(7, options);
        insert.setBoolean(8, readOnly);
        insert.executeUpdate();
    }

    @Test
    void aJsonStoreWrittenInClearByThePreviousVersionIsEncryptedOnFirstStart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("legacy-json").resolve("data"));
        Path file = data.resolve("databases.json");
        Files.writeString(file, "[ {\"id\":\"id-1\",\"name\":\"one\",\"engine\":\"postgresql\",\"url\":\"jdbc:postgresql://127.0.0.1:5432/test"
                + "\",\"user\":\"postgres\",\"secret\":\"" + secret("One") + "\",\"options\":{\"sslpassword\":\"" + secret("OneToken") + "\"},\"readOnly\":false},"
                + "{\"id\":\"id-2\",\"name\":\"two\",\"engine\":\"mysql\",\"url\":\"jdbc:mysql://root:" + secret("Two")
                + "@127.0.0.1:3306/test\",\"user\":null,\"secret\":null,\"options\":{},\"readOnly\":true} ]");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DbspecConfig config = config(data, "file", Map.of());
        assertIntact(loadWith(config));
        assertThat(Files.readString(file)).doesNotContain(RUN).contains("\"format\" : \"dbspec.databases.v2\"");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertIntact(loadWith(config));
    }

    @Test
    void aCiphertextMovedToAnotherRowOrARowWhoseClearFieldsChangedDoesNotOpen() throws Exception {
        Path data = dir.resolve("tamper").resolve("data");
        DbspecConfig config = config(data, "h2", Map.of());
        registerTwo(config);
        try (Connection connection = openH2(data); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE dbspec_databases SET read_only = FALSE WHERE name = 'two'");
        }
        assertThatThrownBy(() -> loadWith(config)).isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("registration 'two'").hasMessageContaining("does not decrypt");
        try (Connection connection = openH2(data); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE dbspec_databases SET read_only = TRUE WHERE name = 'two'");
        }
        assertIntact(loadWith(config));
        try (Connection connection = openH2(data); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE dbspec_databases d SET sealed = (SELECT sealed FROM dbspec_databases o WHERE o.name = 'one') WHERE name = 'two'");
        }
        assertThatThrownBy(() -> loadWith(config)).isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("registration 'two'");

        Path json = dir.resolve("tamper").resolve("json");
        DbspecConfig fileConfig = config(json, "file", Map.of());
        registerTwo(fileConfig);
        Path file = json.resolve("databases.json");
        Files.writeString(file, Files.readString(file).replace("\"name\" : \"two\"", "\"name\" : \"renamed\""));
        assertThatThrownBy(() -> loadWith(fileConfig)).isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("registration 'renamed'");
    }
}
