package dev.dbspec.host.runtime;

import static java.util.Objects.requireNonNull;

import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.databases.DatabaseStore;
import dev.dbspec.host.secrets.InvalidSecretKeyException;
import dev.dbspec.host.secrets.PrivateFiles;
import dev.dbspec.host.secrets.SecretBox;
import dev.dbspec.host.secrets.StoreKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code dbspec secrets rotate-key}: a new key, every registration re-encrypted with it, the old key
 * dropped (full re-encryption: afterwards the old key opens nothing). Run it with the server and the
 * workers stopped; a process still holding the old key is refused on its next write.
 *
 * <p>With the key file, three steps, each leaving a store that opens: (1) the key file gets a keyset of
 * the old key and a new primary key, (2) the store is re-encrypted with the new key in one transaction
 * (one atomic file replacement for {@code store=file}), (3) the key file keeps only the new key. A
 * failure in (2) leaves the store as it was; after a failure in (1) or (3), running the command again
 * completes the rotation. An H2 file store is compacted, so old ciphertexts do not stay in its pages.
 *
 * <p>With {@code DBSPEC_SECRET_KEY}, the new key comes from {@value #NEW_KEY_VARIABLE} (same format);
 * the store is re-encrypted with it, and the operator then sets {@code DBSPEC_SECRET_KEY} to it.
 */
public final class KeyRotation {
    /** The environment variable with the new key when the current one comes from {@code DBSPEC_SECRET_KEY}. */
    public static final String NEW_KEY_VARIABLE = "DBSPEC_NEW_SECRET_KEY";

    /**
     * What a rotation did.
     *
     * @param registrations how many registrations were re-encrypted
     * @param store         the store, as {@link DatabaseStore#describe()}
     * @param keyFile       the key file that now holds the new key, or empty when the key is in the environment
     */
    public record Result(int registrations, String store, Optional<Path> keyFile) {
    }

    private KeyRotation() {
    }

    /**
     * Rotates the key of the store {@code config} names.
     *
     * @param newEnvironmentKey the value of {@value #NEW_KEY_VARIABLE}, required when the key is in the environment
     * @throws InvalidSecretKeyException when the new key is missing, malformed or the current one
     */
    public static Result rotate(DbspecConfig config, DbspecHost host, Optional<String> newEnvironmentKey) {
        requireNonNull(config, "config is null");
        requireNonNull(host, "host is null");
        requireNonNull(newEnvironmentKey, "newEnvironmentKey is null");
        if (config.secretKey().isPresent()) {
            String text = newEnvironmentKey.filter(value -> !value.isBlank()).orElseThrow(() -> new InvalidSecretKeyException(
                    "the key comes from " + StoreKey.ENVIRONMENT_VARIABLE + ": put the new key in " + NEW_KEY_VARIABLE
                            + " (base64 of 32 random bytes, for example from openssl rand -base64 32), run rotate-key, then set "
                            + StoreKey.ENVIRONMENT_VARIABLE + " to it"));
            SecretBox current = ServerRuntime.storeKey(config).box();
            SecretBox target;
            try {
                target = SecretBox.fromKeyText(text);
            } catch (InvalidSecretKeyException e) {
                throw new InvalidSecretKeyException(NEW_KEY_VARIABLE + ": " + e.getMessage());
            }
            if (target.keyIds().equals(current.keyIds())) {
                throw new InvalidSecretKeyException(NEW_KEY_VARIABLE + " holds the current key: give a new one");
            }
            DatabaseStore store = ServerRuntime.store(config, host, current, true);
            int count = store.reencrypt(target);
            return new Result(count, store.describe(), Optional.empty());
        }
        Path keyFile = config.secretKeyFile().toAbsolutePath();
        if (!Files.exists(keyFile)) {
            throw new InvalidSecretKeyException("there is no key file " + keyFile + " to rotate (dbspec creates it on the first start of serve or worker)");
        }
        try {
            SecretBox current = StoreKey.readKeyFile(keyFile);
            DatabaseStore store = ServerRuntime.store(config, host, current, true);
            SecretBox transitional = current.withNewPrimary();
            PrivateFiles.replace(keyFile, transitional.toKeysetJson().getBytes(StandardCharsets.UTF_8));
            int count = store.reencrypt(transitional);
            PrivateFiles.replace(keyFile, transitional.primaryOnly().toKeysetJson().getBytes(StandardCharsets.UTF_8));
            return new Result(count, store.describe(), Optional.of(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the key file " + keyFile + ": " + e.getMessage(), e);
        }
    }
}
