package dev.dbspec.host.secrets;

/** The configured secret key (environment or key file) is malformed or unsafe; the message never holds key material. */
public final class InvalidSecretKeyException extends IllegalArgumentException {
    public InvalidSecretKeyException(String message) {
        super(message);
    }
}
