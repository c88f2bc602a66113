package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * dbspec's own bearer tokens: {@value #PREFIX} then 32 random bytes ({@link SecureRandom}) in base64url,
 * shown once and stored only as their SHA-256 (enough for a 256-bit random secret: there is nothing to
 * guess, so a slow password hash would add nothing), compared in constant time.
 */
public final class AccessTokens {
    /** Marks a dbspec token, so scanners and people recognise a leaked one. */
    public static final String PREFIX = "dbs_";
    /** The shortest token accepted from outside ({@code DBSPEC_BOOTSTRAP_ADMIN_TOKEN}). */
    public static final int MIN_LENGTH = 32;
    /** The least estimated entropy of a token accepted from outside, in bits. */
    static final double MIN_ENTROPY_BITS = 100;
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessTokens() {
    }

    /** A new random token. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of {@code token}: SHA-256 of its UTF-8 bytes, lower-case hex. */
    public static String hash(String token) {
        requireNonNull(token, "token is null");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether two stored hashes are equal, in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Checks a token chosen outside dbspec (the bootstrap token): at least {@value #MIN_LENGTH} printable
     * ASCII characters without blanks, and no obvious repetition (an estimated entropy of at least 100
     * bits: {@code openssl rand -hex 32} or {@code -base64 32} pass, {@code aaaa...} does not). The
     * message never contains the token.
     *
     * @throws IllegalArgumentException when it is too weak
     */
    public static void checkStrength(String token, String what) {
        requireNonNull(token, "token is null");
        if (token.length() < MIN_LENGTH || token.length() > 1024) {
            throw new IllegalArgumentException(what + " must be " + MIN_LENGTH + " to 1024 characters long (it has "
                    + token.length() + "); generate one with: openssl rand -base64 32");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(what + " must be printable ASCII without blanks (character " + (i + 1) + " is not)");
            }
        }
        if (entropyBits(token) < MIN_ENTROPY_BITS) {
            throw new IllegalArgumentException(what + " is too predictable (repeated characters); generate one with: openssl rand -base64 32");
        }
    }

    /** Shannon entropy of the character distribution times the length: a cheap upper bound that catches repetition. */
    static double entropyBits(String text) {
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : text.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double perChar = 0;
        for (int count : counts.values()) {
            double p = (double) count / text.length();
            perChar -= p * (Math.log(p) / Math.log(2));
        }
        return perChar * text.length();
    }
}
