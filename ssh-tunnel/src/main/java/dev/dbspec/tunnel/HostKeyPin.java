package dev.dbspec.tunnel;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * A pinned SSH host key: the server's public key, or only its SHA-256 fingerprint ({@code SHA256:} and unpadded base64, as
 * {@code ssh-keygen -l} prints it). A server presenting any other key is refused.
 */
public final class HostKeyPin {
    private final Optional<PublicKey> key;
    private final String fingerprint;

    private HostKeyPin(Optional<PublicKey> key, String fingerprint) {
        this.key = key;
        this.fingerprint = fingerprint;
    }

    /**
     * Reads a pin: {@code SHA256:<base64>}, or a public key line as {@code known_hosts} ({@code host[,host] type base64
     * [comment]}) or {@code authorized_keys} ({@code type base64 [comment]}) hold it.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static HostKeyPin parse(String text) {
        requireNonNull(text, "text is null");
        String pin = text.strip();
        if (pin.regionMatches(true, 0, "SHA256:", 0, 7)) {
            String digest = pin.substring(7).replaceAll("=+$", "");
            if (!digest.matches("[A-Za-z0-9+/]{43}")) {
                throw new IllegalArgumentException("sshTunnel.hostKey: a SHA256 fingerprint is 'SHA256:' and 43 base64 characters");
            }
            return new HostKeyPin(Optional.empty(), "SHA256:" + digest);
        }
        String[] tokens = pin.split("\\s+");
        for (int i = 0; i + 1 < tokens.length; i++) {
            if (KeyUtils.getPublicKeyEntryDecoder(tokens[i]) != null) {
                try {
                    PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(tokens[i] + " " + tokens[i + 1])
                            .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                    if (key != null) {
                        return new HostKeyPin(Optional.of(key), fingerprintOf(key));
                    }
                } catch (Exception | LinkageError e) {
                    throw new IllegalArgumentException("sshTunnel.hostKey: the " + tokens[i] + " key cannot be read (" + e.getClass().getSimpleName() + ")");
                }
            }
        }
        throw new IllegalArgumentException("sshTunnel.hostKey must be the SSH server's public key ('ssh-ed25519 AAAA...', as in known_hosts)"
                + " or its fingerprint ('SHA256:...')");
    }

    /** The {@code SHA256:} fingerprint of {@code key}, unpadded. */
    public static String fingerprintOf(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** Whether {@code presented} is the pinned key (by key, or by fingerprint for a fingerprint pin). */
    public boolean matches(PublicKey presented) {
        if (presented == null) {
            return false;
        }
        if (key.isPresent()) {
            return KeyUtils.compareKeys(key.get(), presented);
        }
        return java.security.MessageDigest.isEqual(fingerprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                fingerprintOf(presented).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The pinned key's {@code SHA256:} fingerprint. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "HostKeyPin[" + fingerprint + "]";
    }
}
