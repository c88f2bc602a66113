package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.host.secrets.Redactor;
import dev.dbspec.host.secrets.SecretBox;
import dev.dbspec.host.secrets.UndecryptableSecretException;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registration as a store keeps it: the fields that are not secret in clear (id, name, engine, user,
 * read-only flag, and the URL's {@linkplain Redactor#outlineUrl outline} for people reading the store),
 * and the JDBC URL, the password and the options sealed together with AES-256-GCM. The clear fields
 * are the associated data of the ciphertext: a ciphertext moved to another row, or a row whose name,
 * engine, user or read-only flag was changed in the store, no longer opens.
 *
 * @param sealed {@link SecretBox#seal} of {@code {"url", "password", "options"}}, and {@code "impersonate": true} for a
 *               registration whose requests run as the requesting user, {@code "catalogs": [...]} when it allows other
 *               catalogs (sealed, so that nobody can switch either in the store without the key, and no store needs a new
 *               column), and {@code "sshTunnel": {...}} for a registration connecting through an SSH tunnel (every field, its
 *               password, private key and passphrase among them)
 */
public record SealedRegistration(String id, String name, String engineId, Optional<String> user, boolean readOnly,
                                 String urlOutline, String sealed) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public SealedRegistration {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(engineId, "engineId is null");
        requireNonNull(user, "user is null");
        requireNonNull(urlOutline, "urlOutline is null");
        requireNonNull(sealed, "sealed is null");
    }

    /** {@code registration} sealed with {@code box}'s primary key. */
    public static SealedRegistration seal(DatabaseRegistration registration, SecretBox box) {
        requireNonNull(registration, "registration is null");
        requireNonNull(box, "box is null");
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("url", registration.jdbcUrl());
        secret.put("password", registration.secret().reveal().orElse(null));
        secret.put("options", registration.options());
        if (registration.impersonate()) {
            secret.put("impersonate", true);
        }
        registration.sshTunnel().ifPresent(tunnel -> secret.put("sshTunnel", tunnel.toMap()));
        if (!registration.catalogs().isEmpty()) {
            secret.put("catalogs", registration.catalogs()); // sealed: whoever can write the file cannot widen it
        }
        byte[] plaintext;
        try {
            plaintext = MAPPER.writeValueAsBytes(secret);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the registration", e);
        }
        try {
            String sealed = box.seal(plaintext, context(registration.id(), registration.name(), registration.engineId(),
                    registration.user(), registration.readOnly()));
            return new SealedRegistration(registration.id(), registration.name(), registration.engineId(), registration.user(),
                    registration.readOnly(), Redactor.outlineUrl(registration.jdbcUrl()), sealed);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The registration, decrypted with {@code box}.
     *
     * @throws UndecryptableSecretException when the key does not open it or its clear fields were changed
     */
    public DatabaseRegistration open(SecretBox box) {
        requireNonNull(box, "box is null");
        byte[] plaintext = box.open(sealed, context(id, name, engineId, user, readOnly));
        try {
            Map<String, Object> secret = MAPPER.readValue(plaintext, new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, String> options = (Map<String, String>) secret.getOrDefault("options", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> tunnel = (Map<String, Object>) secret.get("sshTunnel");
            java.util.List<String> catalogs = (java.util.List<String>) secret.getOrDefault("catalogs", java.util.List.of());
            return new DatabaseRegistration(id, name, (String) secret.get("url"), user, Secret.of((String) secret.get("password")),
                    options == null ? Map.of() : options, readOnly, engineId, Boolean.TRUE.equals(secret.get("impersonate")),
                    Optional.ofNullable(tunnel).map(dev.dbspec.tunnel.SshTunnelConfig::fromMap),
                    catalogs == null ? java.util.List.of() : catalogs.stream().map(String.class::cast).toList());
        } catch (IOException | ClassCastException | IllegalArgumentException e) {
            throw new UndecryptableSecretException("the decrypted registration is malformed");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The associated data: a versioned JSON array of the clear fields. */
    private static String context(String id, String name, String engineId, Optional<String> user, boolean readOnly) {
        try {
            return MAPPER.writeValueAsString(List.of("dbspec.registration.v1", id, name, engineId, user.orElse(""),
                    user.isPresent(), readOnly));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sealed text a store keeps to tell, even when it holds no registration, whether a key is the right one. */
    public static String keyCheck(SecretBox box) {
        return box.seal(new byte[] {1}, KEY_CHECK_CONTEXT);
    }

    /** Whether {@code box} opens {@code keyCheck}. */
    public static boolean opensKeyCheck(SecretBox box, String keyCheck) {
        try {
            box.open(keyCheck, KEY_CHECK_CONTEXT);
            return true;
        } catch (UndecryptableSecretException e) {
            return false;
        }
    }

    private static final String KEY_CHECK_CONTEXT = "dbspec.store-key-check.v1";

    @Override
    public String toString() {
        return "SealedRegistration[name=" + name + ", engine=" + engineId + ", url=" + urlOutline + "]";
    }
}
