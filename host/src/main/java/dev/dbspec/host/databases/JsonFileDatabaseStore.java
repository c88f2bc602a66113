package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dbspec.host.secrets.PrivateFiles;
import dev.dbspec.host.secrets.SecretBox;
import dev.dbspec.host.secrets.StoreKey;
import dev.dbspec.host.secrets.UndecryptableSecretException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registrations in one JSON file ({@code store=file}): written atomically (temporary file then move),
 * mode 0600 in a directory created with mode 0700. Several processes on one machine (server and
 * workers) share it.
 *
 * <p>The file is {@code {"format": "dbspec.databases.v2", "keyCheck": sealed, "databases": [...]}}, each
 * registration a {@link SealedRegistration} (URL, password and options encrypted). A file of an earlier
 * version (a JSON array, secrets in clear) is encrypted when the store is opened. Every write first checks
 * that the file's key check still opens with this store's key, so a process holding a key that
 * {@code dbspec secrets rotate-key} replaced cannot write with it.
 */
public final class JsonFileDatabaseStore implements DatabaseStore {
    static final String FORMAT = "dbspec.databases.v2";
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Logger LOG = LoggerFactory.getLogger(JsonFileDatabaseStore.class);

    private final Path file;
    private volatile SecretBox box;

    /**
     * The store in {@code file}, encrypting with {@code box}; created (empty) if absent, encrypted if written
     * by an earlier version.
     *
     * @throws UndecryptableSecretException when {@code box} is not the key the file was written with
     */
    public JsonFileDatabaseStore(Path file, SecretBox box) {
        this.file = requireNonNull(file, "file is null").toAbsolutePath();
        this.box = requireNonNull(box, "box is null");
        prepare();
    }

    /** The store in {@code file} with the key from the key file {@code secret.key} next to it (created if absent). */
    public JsonFileDatabaseStore(Path file) {
        this(file, StoreKey.resolve(Optional.empty(), file.toAbsolutePath().resolveSibling("secret.key")).box());
    }

    private synchronized void prepare() {
        try {
            if (!Files.exists(file)) {
                write(List.of(), box);
                return;
            }
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root != null && root.isArray()) {
                List<DatabaseRegistration> plain = legacyRows(root);
                write(plain.stream().map(registration -> SealedRegistration.seal(registration, box)).toList(), box);
                if (!plain.isEmpty()) {
                    LOG.info("encrypted the {} registrations of the database store {} (written by an earlier version in clear)",
                            plain.size(), describe());
                }
                return;
            }
            PrivateFiles.restrict(file);
            if (!SealedRegistration.opensKeyCheck(box, keyCheck(root))) {
                throw new UndecryptableSecretException("the secret key does not open the database store " + describe()
                        + ": the store was encrypted with another key. Start with the key it was written with (dbspec never resets a store)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database store " + file + ": " + e.getMessage(), e);
        }
    }

    private List<DatabaseRegistration> legacyRows(JsonNode array) {
        List<Map<String, Object>> rows = MAPPER.convertValue(array, new TypeReference<>() {
        });
        List<DatabaseRegistration> result = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, String> options = (Map<String, String>) row.getOrDefault("options", Map.of());
            result.add(new DatabaseRegistration((String) row.get("id"), (String) row.get("name"), (String) row.get("url"),
                    Optional.ofNullable((String) row.get("user")), Secret.of((String) row.get("secret")),
                    options == null ? Map.of() : options, Boolean.TRUE.equals(row.get("readOnly")), (String) row.get("engine"),
                    Boolean.TRUE.equals(row.get("impersonate"))));
        }
        return result;
    }

    /** The key check of a v2 file; anything else is an error (never read as an empty store). */
    private String keyCheck(JsonNode root) {
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText()) || !root.path("keyCheck").isTextual()) {
            throw new IllegalStateException("the database store " + describe() + " is not a dbspec store (format " + FORMAT
                    + " with a key check): it was altered outside dbspec; restore it from a backup");
        }
        return root.path("keyCheck").asText();
    }

    private List<SealedRegistration> sealedRows(JsonNode root) {
        List<SealedRegistration> rows = new ArrayList<>();
        for (JsonNode row : root.path("databases")) {
            String name = row.path("name").asText();
            if (!row.path("sealed").isTextual()) {
                throw new IllegalStateException("registration '" + name + "' in the database store " + describe()
                        + " is not encrypted although the store is: it was not written by dbspec; remove it from the store or restore a backup");
            }
            rows.add(new SealedRegistration(row.path("id").asText(), name, row.path("engine").asText(),
                    row.hasNonNull("user") ? Optional.of(row.path("user").asText()) : Optional.empty(),
                    row.path("readOnly").asBoolean(false), row.path("url").asText(""), row.path("sealed").asText()));
        }
        return rows;
    }

    private DatabaseRegistration open(SealedRegistration row) {
        try {
            return row.open(box);
        } catch (UndecryptableSecretException e) {
            throw new UndecryptableSecretException("registration '" + row.name() + "' in the database store " + describe()
                    + " does not decrypt with the current secret key (" + e.getMessage() + "); if the key was rotated, restart with the new key");
        }
    }

    private JsonNode read() {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<DatabaseRegistration> load() {
        if (!Files.exists(file)) {
            throw new IllegalStateException("the database store " + describe() + " has disappeared");
        }
        JsonNode root = read();
        keyCheck(root);
        List<DatabaseRegistration> result = new ArrayList<>();
        for (SealedRegistration row : sealedRows(root)) {
            result.add(open(row));
        }
        return result;
    }

    @Override
    public synchronized void save(List<DatabaseRegistration> registrations) {
        requireCurrentKey();
        write(registrations.stream().map(registration -> SealedRegistration.seal(registration, box)).toList(), box);
    }

    @Override
    public synchronized int reencrypt(SecretBox target) {
        requireNonNull(target, "target is null");
        requireCurrentKey();
        List<SealedRegistration> resealed = new ArrayList<>();
        for (SealedRegistration row : sealedRows(read())) {
            resealed.add(SealedRegistration.seal(open(row), target));
        }
        write(resealed, target);
        box = target;
        return resealed.size();
    }

    /** Refuses to write when the file's key check does not open with this store's key (rotated meanwhile). */
    private void requireCurrentKey() {
        if (Files.exists(file) && !SealedRegistration.opensKeyCheck(box, keyCheck(read()))) {
            throw new UndecryptableSecretException("the database store " + describe()
                    + " is now encrypted with another secret key (dbspec secrets rotate-key?): restart this process with the new key");
        }
    }

    private void write(List<SealedRegistration> registrations, SecretBox key) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SealedRegistration registration : registrations) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", registration.id());
            row.put("name", registration.name());
            row.put("engine", registration.engineId());
            row.put("user", registration.user().orElse(null));
            row.put("readOnly", registration.readOnly());
            row.put("url", registration.urlOutline());
            row.put("sealed", registration.sealed());
            rows.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("keyCheck", SealedRegistration.keyCheck(key));
        root.put("databases", rows);
        try {
            PrivateFiles.replace(file, MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the database store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
