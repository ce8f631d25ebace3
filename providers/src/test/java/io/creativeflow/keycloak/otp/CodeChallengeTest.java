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
    void theRightCodeIsAcceptedWithinItsValidity() {
        CodeChallenge challenge = CodeChallenge.issue("n", "123456", POLICY, NOW);

        assertThat(challenge.verify("123456", NOW + 299_000)).isEqualTo(CodeChallenge.Verdict.ACCEPTED);
    }

    @Test
    void wrongCodesUseUpAttemptsThenTheCodeIsDeadEvenIfRight() {
        CodeChallenge challenge = CodeChallenge.issue("n", "123456", POLICY, NOW);

        assertThat(challenge.verify("000000", NOW)).isEqualTo(CodeChallenge.Verdict.WRONG);
        assertThat(challenge.attemptsLeft()).isEqualTo(2);
        challenge.verify("000001", NOW);
        challenge.verify("000002", NOW);
        assertThat(challenge.attemptsLeft()).isZero();
        assertThat(challenge.isLive(NOW)).isFalse();
        assertThat(challenge.verify("123456", NOW)).isEqualTo(CodeChallenge.Verdict.EXHAUSTED);
    }

    @Test
    void anExpiredCodeIsRefusedEvenIfRight() {
        CodeChallenge challenge = CodeChallenge.issue("n", "123456", POLICY, NOW);

        assertThat(challenge.verify("123456", NOW + 300_000)).isEqualTo(CodeChallenge.Verdict.EXPIRED);
        assertThat(challenge.attemptsLeft()).as("an expired code costs no attempt").isEqualTo(3);
    }

    @Test
    void theSessionKeepsNoCodeAndRoundTripsTheState() {
        CodeChallenge challenge = CodeChallenge.issue("nonce-1", "123456", POLICY, NOW);
        challenge.verify("999999", NOW);
        challenge.save(notes, "cf-email-otp.login.");

        assertThat(store.values()).noneMatch(v -> v.contains("123456"));
        CodeChallenge loaded = CodeChallenge.load(notes, "cf-email-otp.login.").orElseThrow();
        assertThat(loaded.attemptsLeft()).isEqualTo(2);
        assertThat(loaded.nonce()).isEqualTo("nonce-1");
        assertThat(loaded.verify("123456", NOW)).isEqualTo(CodeChallenge.Verdict.ACCEPTED);

        CodeChallenge.clear(notes, "cf-email-otp.login.");
        assertThat(store).isEmpty();
        assertThat(CodeChallenge.load(notes, "cf-email-otp.login.")).isEmpty();
    }

    @Test
    void theResendCooldownCountsFromTheLastSend() {
        CodeChallenge challenge = CodeChallenge.issue("n", "123456", POLICY, NOW);

        assertThat(challenge.secondsUntilResend(NOW + 10_000, POLICY)).isEqualTo(20);
        assertThat(challenge.secondsUntilResend(NOW + 30_000, POLICY)).isZero();
        challenge.markResent(NOW + 40_000);
        assertThat(challenge.secondsUntilResend(NOW + 41_000, POLICY)).isEqualTo(29);
        assertThat(challenge.secondsLeft(NOW + 100_000)).isEqualTo(200);
    }

    @Test
    void aCorruptedSessionNoteIsDroppedNotTrusted() {
        store.put("p.nonce", "n");
        store.put("p.attempts", "many");

        assertThat(CodeChallenge.load(notes, "p.")).isEmpty();
        assertThat(store).isEmpty();
    }
}
