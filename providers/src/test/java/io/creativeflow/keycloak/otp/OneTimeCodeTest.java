package io.creativeflow.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class OneTimeCodeTest {

    private static final SecretKey KEY = OneTimeCode.key("a-realm-secret-of-enough-length-0123456789".getBytes());

    @Test
    void aChallengeAlwaysYieldsTheSameCodeSoAResendRepeatsIt() {
        String nonce = OneTimeCode.newNonce();

        assertThat(OneTimeCode.derive(KEY, nonce, "cf-email-otp|u1", 6))
                .isEqualTo(OneTimeCode.derive(KEY, nonce, "cf-email-otp|u1", 6))
                .hasSize(6)
                .containsOnlyDigits();
    }

    @Test
    void codesDependOnNonceUserChannelAndKey() {
        String nonce = OneTimeCode.newNonce();
        String code = OneTimeCode.derive(KEY, nonce, "cf-email-otp|u1", 8);
        SecretKey otherKey = OneTimeCode.key("another-realm-secret-of-enough-length-987".getBytes());

        assertThat(OneTimeCode.derive(KEY, nonce, "cf-email-otp|u2", 8)).isNotEqualTo(code);
        assertThat(OneTimeCode.derive(KEY, nonce, "cf-sms-otp|u1", 8)).isNotEqualTo(code);
        assertThat(OneTimeCode.derive(otherKey, nonce, "cf-email-otp|u1", 8)).isNotEqualTo(code);
    }

    @Test
    void freshNoncesGiveSpreadOutCodesWithLeadingZerosKept() {
        Set<String> codes = new HashSet<>();
        boolean leadingZero = false;
        for (int i = 0; i < 2_000; i++) {
            String code = OneTimeCode.derive(KEY, OneTimeCode.newNonce(), "c", 6);
            assertThat(code).hasSize(6);
            leadingZero |= code.startsWith("0");
            codes.add(code);
        }
        assertThat(codes).hasSizeGreaterThan(1_990);
        assertThat(leadingZero).isTrue();
    }

    @Test
    void onlyTheSaltedHashIsKeptAndItMatchesWhatTheUserTypes() {
        String salt = OneTimeCode.newSalt();
        String hash = OneTimeCode.hash("042917", salt);

        assertThat(hash).doesNotContain("042917");
        assertThat(OneTimeCode.matches("042917", salt, hash)).isTrue();
        assertThat(OneTimeCode.matches(" 042-917 ", salt, hash)).as("spaces and dashes ignored").isTrue();
        assertThat(OneTimeCode.matches("042918", salt, hash)).isFalse();
        assertThat(OneTimeCode.matches(null, salt, hash)).isFalse();
        assertThat(OneTimeCode.hash("042917", OneTimeCode.newSalt())).as("salted").isNotEqualTo(hash);
    }
}
