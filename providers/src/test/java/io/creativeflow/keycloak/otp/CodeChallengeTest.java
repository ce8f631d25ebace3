package io.creativeflow.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeChallengeTest {

    private static final CodePolicy POLICY = new CodePolicy(6, 300, 3, 30, 5);
    private static final long NOW = 1_800_000_000_000L;

    private final Map<String, String> store = new HashMap<>();
    private final CodeChallenge.Notes notes = new CodeChallenge.Notes() {
        @Override
        public String get(String key) {
            return store.get(key);
        }

        @Override
        public void set(String key, String value) {
            store.put(key, value);
        }

        @Override
        public void remove(String key) {
            store.remove(key);
        }
    };

    @Test
    void theRightCodeMatchesAndAWrongOneDoesNot() {
        CodeChallenge challenge = CodeChallenge.issue("n", "123456", POLICY, NOW, "user-1", "dest-1");

        assertThat(challenge.matches("123456")).isTrue();
        assertThat(challenge.matches("123457")).isFalse();
        assertThat(challenge.matches(null)).isFalse();
    }

    @Test
    void aCodeExpiresAfterItsValidity() {
        CodeChallenge challenge = CodeChallenge.issue("n", "123456", POLICY, NOW, "user-1", "dest-1");

        assertThat(challenge.isExpired(NOW + 299_999)).isFalse();
        assertThat(challenge.isExpired(NOW + 300_000)).isTrue();
        assertThat(challenge.secondsLeft(NOW + 100_000)).isEqualTo(200);
    }

    @Test
    void aChallengeIsOnlyForTheUserAndDestinationItWasSentTo() {
        CodeChallenge challenge = CodeChallenge.issue("n", "123456", POLICY, NOW, "user-1", "dest-1");

        assertThat(challenge.isFor("user-1", "dest-1")).isTrue();
        assertThat(challenge.isFor("user-2", "dest-1")).isFalse();
        assertThat(challenge.isFor("user-1", "dest-2")).isFalse();
    }

    @Test
    void theSessionKeepsNoCodeAndRoundTripsTheState() {
        CodeChallenge challenge = CodeChallenge.issue("nonce-1", "123456", POLICY, NOW, "user-1", "dest-1");
        challenge.save(notes, "cf-email-otp.login.");

        assertThat(store.values()).noneMatch(v -> v.contains("123456"));
        CodeChallenge loaded = CodeChallenge.load(notes, "cf-email-otp.login.").orElseThrow();
        assertThat(loaded.nonce()).isEqualTo("nonce-1");
        assertThat(loaded.isFor("user-1", "dest-1")).isTrue();
        assertThat(loaded.matches("123456")).isTrue();

        CodeChallenge.clear(notes, "cf-email-otp.login.");
        assertThat(store).isEmpty();
        assertThat(CodeChallenge.load(notes, "cf-email-otp.login.")).isEmpty();
    }

    @Test
    void theResendCooldownCountsFromTheLastSend() {
        CodeChallenge challenge = CodeChallenge.issue("n", "123456", POLICY, NOW, "user-1", "");

        assertThat(challenge.secondsUntilResend(NOW + 10_000, POLICY)).isEqualTo(20);
        assertThat(challenge.secondsUntilResend(NOW + 30_000, POLICY)).isZero();
        CodeChallenge resent = challenge.resentAt(NOW + 40_000);
        assertThat(resent.secondsUntilResend(NOW + 41_000, POLICY)).isEqualTo(29);
        assertThat(resent.matches("123456")).isTrue();
    }

    @Test
    void aCorruptedSessionNoteIsDroppedNotTrusted() {
        store.put("p.nonce", "n");
        store.put("p.expires", "soon");

        assertThat(CodeChallenge.load(notes, "p.")).isEmpty();
        assertThat(store).isEmpty();
    }
}
