package dev.dbspec.host.secrets;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that encrypts the secrets of the metadata store, and where it comes from: the environment
 * variable {@value #ENVIRONMENT_VARIABLE} when set (the key file is then neither read nor created), else
 * the key file (default {@code <data.dir>/secret.key}), created on first start as a Tink JSON keyset
 * with mode {@code 0600} and refused when other users may read it.
 */
public final class StoreKey {
    /** The environment variable holding the key (see {@link SecretBox#fromKeyText} for the format). */
    public static final String ENVIRONMENT_VARIABLE = "DBSPEC_SECRET_KEY";

    private static final Logger LOG = LoggerFactory.getLogger(StoreKey.class);

    private final SecretBox box;
    private final Optional<Path> file;

    private StoreKey(SecretBox box, Optional<Path> file) {
        this.box = box;
        this.file = file;
    }

    /**
     * The key from {@code environmentKey} when present, else from {@code keyFile}, created there if absent.
     *
     * @throws InvalidSecretKeyException for malformed key text or a key file others may read
     */
    public static StoreKey resolve(Optional<String> environmentKey, Path keyFile) {
        requireNonNull(environmentKey, "environmentKey is null");
        requireNonNull(keyFile, "keyFile is null");
        if (environmentKey.isPresent()) {
            try {
                return new StoreKey(SecretBox.fromKeyText(environmentKey.get()), Optional.empty());
            } catch (InvalidSecretKeyException e) {
                throw new InvalidSecretKeyException(ENVIRONMENT_VARIABLE + ": " + e.getMessage());
            }
        }
        Path file = keyFile.toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                SecretBox fresh = SecretBox.generate();
                if (PrivateFiles.createNew(file, fresh.toKeysetJson().getBytes(StandardCharsets.UTF_8))) {
                    LOG.info("created the secret key file {} (mode 0600); back it up: the store's secrets cannot be read without it", file);
                    return new StoreKey(fresh, Optional.of(file));
                }
                // another process created it first: use theirs
            }
            return new StoreKey(readKeyFile(file), Optional.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The keyset in {@code file}, after checking that only its owner may access it. */
    public static SecretBox readKeyFile(Path file) throws IOException {
        PrivateFiles.requireOwnerOnly(file);
        try {
            return SecretBox.fromKeyText(Files.readString(file, StandardCharsets.UTF_8));
        } catch (InvalidSecretKeyException e) {
            throw new InvalidSecretKeyException("the key file " + file + ": " + e.getMessage());
        }
    }

    public SecretBox box() {
        return box;
    }

    /** The key file, when the key comes from one. */
    public Optional<Path> file() {
        return file;
    }

    /** Where the key comes from, for messages: the environment variable or the key file. */
    public String describe() {
        return file.map(path -> "the key file " + path).orElse("the environment variable " + ENVIRONMENT_VARIABLE);
    }

    @Override
    public String toString() {
        return "StoreKey[" + describe() + ", " + box + "]";
    }
}
