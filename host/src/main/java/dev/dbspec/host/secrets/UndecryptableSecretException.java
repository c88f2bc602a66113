package dev.dbspec.host.secrets;

/**
 * Sealed data that the key does not open: another key, another record's ciphertext, or altered bytes.
 * Stores turn it into a startup error naming the store and the key's source; nothing is ever reset.
 */
public final class UndecryptableSecretException extends IllegalStateException {
    public UndecryptableSecretException(String message) {
        super(message);
    }
}
