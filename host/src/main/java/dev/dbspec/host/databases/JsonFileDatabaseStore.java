package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registrations in one JSON file (the default store): written atomically (temporary file then move),
 * readable by its owner only because it holds the secrets. Several processes on one machine (server
 * and workers) share it.
 */
public final class JsonFileDatabaseStore implements DatabaseStore {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;

    public JsonFileDatabaseStore(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public synchronized List<DatabaseRegistration> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Map<String, Object>> rows = MAPPER.readValue(file.toFile(), new TypeReference<>() {
            });
            List<DatabaseRegistration> result = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                @SuppressWarnings("unchecked")
                Map<String, String> options = (Map<String, String>) row.getOrDefault("options", Map.of());
                result.add(new DatabaseRegistration((String) row.get("id"), (String) row.get("name"), (String) row.get("url"),
                        Optional.ofNullable((String) row.get("user")), Secret.of((String) row.get("secret")), options,
                        Boolean.TRUE.equals(row.get("readOnly")), (String) row.get("engine")));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(List<DatabaseRegistration> registrations) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DatabaseRegistration registration : registrations) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", registration.id());
            row.put("name", registration.name());
            row.put("engine", registration.engineId());
            row.put("url", registration.jdbcUrl());
            row.put("user", registration.user().orElse(null));
            row.put("secret", registration.secret().reveal().orElse(null));
            row.put("options", registration.options());
            row.put("readOnly", registration.readOnly());
            rows.add(row);
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, ".databases", ".tmp");
            try {
                restrict(temporary);
                MAPPER.writeValue(temporary.toFile(), rows);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the database store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
