package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A password or token. Its {@link #toString()} is always {@code ***}; only {@link #reveal()} gives the
 * value, and only the code that hands it to a driver or a store calls it.
 */
public final class Secret {
    private static final Secret NONE = new Secret(null);

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret holding {@code value}; no secret for null or empty. */
    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public static Secret none() {
        return NONE;
    }

    public boolean isPresent() {
        return value != null;
    }

    /** The value, for a driver or the metadata store only. */
    public Optional<String> reveal() {
        return Optional.ofNullable(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && java.util.Objects.equals(value, secret.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return value == null ? "(none)" : "***";
    }

    static Secret require(Secret secret) {
        return requireNonNull(secret, "secret is null");
    }
}
