package io.creativeflow.keycloak.otp.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class PhoneCipherTest {

    private static final String OLD = "2025:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = "2026:" + Base64.getEncoder().encodeToString(filled(32, (byte) 7));

    @Test
    void aSealedNumberHoldsNoDigitsOfItAndOpensOnlyForItsUser() throws Exception {
        PhoneCipher cipher = cipher(NEW, "");
        String sealed = cipher.seal("+4915123456789", "user-1");

        assertThat(sealed).startsWith("v1:2026:").doesNotContain("23456789");
        assertThat(cipher.seal("+4915123456789", "user-1")).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(cipher.open(sealed, "user-1")).isEqualTo("+4915123456789");
        assertThatThrownBy(() -> cipher.open(sealed, "user-2")).isInstanceOf(GeneralSecurityException.class);
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> cipher.open(tampered, "user-1")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void afterARotationOldKeysStillOpenAndTellWhatToReseal() throws Exception {
        String sealedBefore = cipher(OLD, "").seal("+12015550123", "u");
        PhoneCipher rotated = cipher(NEW, OLD);

        assertThat(rotated.open(sealedBefore, "u")).isEqualTo("+12015550123");
        assertThat(rotated.sealedWithActiveKey(sealedBefore)).isFalse();
        assertThat(rotated.sealedWithActiveKey(rotated.seal("+12015550123", "u"))).isTrue();
        assertThatThrownBy(() -> cipher(NEW, "").open(sealedBefore, "u"))
                .hasMessageContaining("'2025' is not configured");
    }

    @Test
    void theLookupHashIsKeyedAndStable() {
        PhoneCipher cipher = cipher(NEW, "");
        assertThat(cipher.lookupHash("+4915123456789")).isEqualTo(cipher.lookupHash("+4915123456789"))
                .isNotEqualTo(cipher.lookupHash("+4915123456788")).hasSize(64).doesNotContain("4915123456789");
        assertThat(cipher(OLD, "").lookupHash("+4915123456789")).isNotEqualTo(cipher.lookupHash("+4915123456789"));
    }

    @Test
    void badKeysAreRefusedWithTheirId() {
        assertThatThrownBy(() -> PhoneCipher.parseKeys("k1:not base64!")).hasMessageContaining("'k1' is not base64");
        assertThatThrownBy(() -> PhoneCipher.parseKeys("k1:" + Base64.getEncoder().encodeToString(new byte[10])))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThat(PhoneCipher.parseKeys(Base64.getEncoder().encodeToString(new byte[16]))).containsOnlyKeys("env");
    }

    private static PhoneCipher cipher(String active, String old) {
        Map.Entry<String, SecretKey> key = PhoneCipher.parseKeys(active).entrySet().iterator().next();
        Map<String, SecretKey> retired = PhoneCipher.parseKeys(old);
        return new PhoneCipher(new PhoneCipher.Key(key.getKey(), key.getValue()), retired::get,
                PhoneCipher.deriveLookupKey(key.getValue().getEncoded()));
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
