package dev.dbspec.host.databases;

import dev.dbspec.host.secrets.SecretBox;
import java.util.List;

/**
 * Where registrations persist between runs and are shared with workers. Every secret-bearing part of a
 * registration (URL, password, options) is stored encrypted ({@link SealedRegistration}); a store that
 * the key does not open is an error, never reset.
 */
public interface DatabaseStore {
    /**
     * Every stored registration.
     *
     * @throws dev.dbspec.host.secrets.UndecryptableSecretException when a registration does not open with the key
     */
    List<DatabaseRegistration> load();

    /** Replaces the stored registrations with {@code registrations}, refused when the store's key changed meanwhile. */
    void save(List<DatabaseRegistration> registrations);

    /**
     * Re-encrypts every registration with {@code target}'s primary key, all or nothing, and uses
     * {@code target} from then on.
     *
     * @return the number of registrations re-encrypted
     */
    int reencrypt(SecretBox target);

    /** Where the store is, for messages (no credentials). */
    String describe();
}
