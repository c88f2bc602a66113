package dev.dbspec.host.secrets;

import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Authenticated encryption of secrets with AES-256-GCM through Google Tink, over a Tink keyset: one
 * primary key that encrypts, any others only decrypt (the state in the middle of a key rotation).
 * Every ciphertext is bound to a context (associated data), so it opens only where it was written.
 * Sealed text is {@value #PREFIX} followed by base64 of Tink's ciphertext (key id, nonce, data, tag).
 *
 * <p>Key text ({@code DBSPEC_SECRET_KEY}, the key file) is either base64 of exactly 32 random bytes
 * (for example {@code openssl rand -base64 32}) or a Tink JSON keyset in clear whose keys are all
 * AES-256-GCM. {@link #toString()} shows key ids only.
 */
public final class SecretBox {
    /** Marks sealed text, so that a value in clear is never mistaken for a ciphertext or the reverse. */
    public static final String PREFIX = "dbspec-aead1:";

    private static final AesGcmParameters AES256_GCM = parameters();

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle keyset;
    private final Aead aead;

    private SecretBox(KeysetHandle keyset) {
        this.keyset = keyset;
        try {
            requireAes256Gcm(keyset);
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new InvalidSecretKeyException("not a usable AES-256-GCM keyset: " + e.getMessage());
        }
    }

    private static AesGcmParameters parameters() {
        try {
            return AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.TINK).build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A box with one fresh random key. */
    public static SecretBox generate() {
        try {
            return new SecretBox(KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParameters(AES256_GCM).withRandomId().makePrimary()).build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key: " + e.getMessage(), e);
        }
    }

    /**
     * The box for key text: base64 (standard or URL-safe) of 32 bytes, or a Tink JSON keyset.
     *
     * @throws InvalidSecretKeyException naming the accepted formats (never echoing the text)
     */
    public static SecretBox fromKeyText(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            try {
                return new SecretBox(TinkJsonProtoKeysetFormat.parseKeyset(trimmed, InsecureSecretKeyAccess.get()));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new InvalidSecretKeyException("the key is not a valid Tink JSON keyset of AES-256-GCM keys");
            }
        }
        byte[] raw;
        try {
            raw = (trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new InvalidSecretKeyException("the key must be base64 of 32 random bytes (openssl rand -base64 32) or a Tink JSON keyset");
        }
        if (raw.length != 32) {
            throw new InvalidSecretKeyException("the key must be base64 of exactly 32 bytes, got " + raw.length + " bytes");
        }
        try {
            AesGcmKey key = AesGcmKey.builder().setParameters(AES256_GCM)
                    .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()))
                    .setIdRequirement(idOf(raw)).build();
            return new SecretBox(KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).makePrimary()).build());
        } catch (GeneralSecurityException e) {
            throw new InvalidSecretKeyException("the key cannot be used: " + e.getMessage());
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    /** A stable key id for a raw key: the first four bytes of its SHA-256 (a different raw key gets a different id). */
    private static int idOf(byte[] raw) throws GeneralSecurityException {
        return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(raw)).getInt();
    }

    private static void requireAes256Gcm(KeysetHandle keyset) throws GeneralSecurityException {
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            if (!(entry.getKey() instanceof AesGcmKey key) || key.getParameters().getKeySizeBytes() != 32) {
                throw new GeneralSecurityException("key " + Integer.toUnsignedString(entry.getId()) + " is not AES-256-GCM");
            }
        }
    }

    /** The keyset as Tink JSON (secret key material in clear: for the key file only). */
    public String toKeysetJson() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize the keyset: " + e.getMessage(), e);
        }
    }

    /** This keyset plus a fresh key that becomes primary; the old keys still decrypt (the first step of a rotation). */
    public SecretBox withNewPrimary() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            builder.addEntry(KeysetHandle.generateEntryFromParameters(AES256_GCM).withRandomId().makePrimary());
            return new SecretBox(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a key: " + e.getMessage(), e);
        }
    }

    /** Only the primary key (the last step of a rotation: ciphertexts of the other keys no longer open). */
    public SecretBox primaryOnly() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
            return new SecretBox(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot drop the old keys: " + e.getMessage(), e);
        }
    }

    /** The number of keys (primary and decrypt-only). */
    public int keyCount() {
        return keyset.size();
    }

    /** Ids of the enabled keys, the primary first: not secret, for messages. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        ids.add(Integer.toUnsignedString(keyset.getPrimary().getId()));
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            if (!entry.isPrimary() && entry.getStatus() == KeyStatus.ENABLED) {
                ids.add(Integer.toUnsignedString(entry.getId()));
            }
        }
        return ids;
    }

    /** {@code plaintext} encrypted with the primary key and bound to {@code context}. */
    public String seal(byte[] plaintext, String context) {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(context, "context is null");
        try {
            return PREFIX + Base64.getEncoder().encodeToString(aead.encrypt(plaintext, context.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * The plaintext of {@code sealed}.
     *
     * @throws UndecryptableSecretException when it is not sealed text, was sealed by a key this box does
     *                                      not hold, for another context, or was altered
     */
    public byte[] open(String sealed, String context) {
        requireNonNull(context, "context is null");
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new UndecryptableSecretException("not sealed by dbspec");
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UndecryptableSecretException("damaged ciphertext");
        }
        try {
            return aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new UndecryptableSecretException("the key does not open it (another key, another record, or altered)");
        }
    }

    /** Whether {@code text} looks sealed (it may still not open). */
    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM, keys " + String.join(",", keyIds()).toLowerCase(Locale.ROOT) + "]";
    }
}
