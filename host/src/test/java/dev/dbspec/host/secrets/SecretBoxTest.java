package dev.dbspec.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AES-256-GCM through Tink: key formats, context binding, rotation steps, and messages that never echo a key. */
class SecretBoxTest {
    private static final byte[] PLAIN = "Zq7-plaintext".getBytes(StandardCharsets.UTF_8);

    private static String rawKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void sealsAndOpensOnlyInTheSameContext() {
        SecretBox box = SecretBox.generate();
        String sealed = box.seal(PLAIN, "row-1");
        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain("Zq7");
        assertThat(box.open(sealed, "row-1")).isEqualTo(PLAIN);
        assertThat(box.seal(PLAIN, "row-1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> box.open(sealed, "row-2")).isInstanceOf(UndecryptableSecretException.class);
        String altered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open(altered, "row-1")).isInstanceOf(UndecryptableSecretException.class);
        assertThatThrownBy(() -> box.open("Zq7-plaintext", "row-1")).isInstanceOf(UndecryptableSecretException.class);
        assertThatThrownBy(() -> SecretBox.generate().open(sealed, "row-1")).isInstanceOf(UndecryptableSecretException.class);
    }

    @Test
    void rawBase64KeysAndKeysetJsonAreAccepted() {
        String raw = rawKey();
        SecretBox first = SecretBox.fromKeyText(raw);
        SecretBox again = SecretBox.fromKeyText(" " + raw + "\n");
        assertThat(again.open(first.seal(PLAIN, "c"), "c")).isEqualTo(PLAIN);
        SecretBox urlSafe = SecretBox.fromKeyText(Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(raw)));
        assertThat(urlSafe.open(first.seal(PLAIN, "c"), "c")).isEqualTo(PLAIN);
        SecretBox generated = SecretBox.generate();
        SecretBox fromJson = SecretBox.fromKeyText(generated.toKeysetJson());
        assertThat(fromJson.open(generated.seal(PLAIN, "c"), "c")).isEqualTo(PLAIN);
        assertThat(generated.toString()).doesNotContain(generated.toKeysetJson());
    }

    @Test
    void malformedKeysAreRefusedWithoutEchoingThem() {
        String tooShort = Base64.getEncoder().encodeToString("Zq7-sixteen-byte".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SecretBox.fromKeyText(tooShort)).isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("32 bytes").hasMessageNotContaining(tooShort);
        assertThatThrownBy(() -> SecretBox.fromKeyText("Zq7 not base64!")).isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("base64").hasMessageNotContaining("Zq7");
        assertThatThrownBy(() -> SecretBox.fromKeyText("{\"Zq7\": 1}")).isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageNotContaining("Zq7");
    }

    @Test
    void rotationKeepsOldKeysUntilTheyAreDropped() {
        SecretBox old = SecretBox.generate();
        String before = old.seal(PLAIN, "c");
        SecretBox transitional = old.withNewPrimary();
        assertThat(transitional.keyCount()).isEqualTo(2);
        assertThat(transitional.open(before, "c")).isEqualTo(PLAIN);
        String after = transitional.seal(PLAIN, "c");
        assertThatThrownBy(() -> old.open(after, "c")).as("sealed with the new primary").isInstanceOf(UndecryptableSecretException.class);
        SecretBox rotated = transitional.primaryOnly();
        assertThat(rotated.keyCount()).isEqualTo(1);
        assertThat(rotated.open(after, "c")).isEqualTo(PLAIN);
        assertThatThrownBy(() -> rotated.open(before, "c")).isInstanceOf(UndecryptableSecretException.class);
        SecretBox reread = SecretBox.fromKeyText(rotated.toKeysetJson());
        assertThat(reread.keyIds()).isEqualTo(rotated.keyIds());
    }
}
