package io.creativeflow.keycloak.otp;

import java.util.Optional;

/**
 * One code that was sent, as kept in the authentication session: the nonce it derives from, the
 * salted hash to check it against, when it expires, how many attempts are left and when it was last
 * sent. Never the code itself.
 */
public final class CodeChallenge {

    /** Where a challenge's fields are kept: the authentication session's notes. */
    public interface Notes {
        String get(String key);

        void set(String key, String value);

        void remove(String key);
    }

    /** What checking a code found. */
    public enum Verdict { ACCEPTED, WRONG, EXPIRED, EXHAUSTED }

    private static final String[] FIELDS = {"nonce", "salt", "hash", "expires", "attempts", "sent"};

    private final String nonce;
    private final String salt;
    private final String hash;
    private final long expiresAtMillis;
    private int attemptsLeft;
    private long lastSentAtMillis;

    CodeChallenge(String nonce, String salt, String hash, long expiresAtMillis, int attemptsLeft, long lastSentAtMillis) {
        this.nonce = nonce;
        this.salt = salt;
        this.hash = hash;
        this.expiresAtMillis = expiresAtMillis;
        this.attemptsLeft = attemptsLeft;
        this.lastSentAtMillis = lastSentAtMillis;
    }

    /** A new challenge for {@code code}, which was derived from {@code nonce}. */
    public static CodeChallenge issue(String nonce, String code, CodePolicy policy, long nowMillis) {
        String salt = OneTimeCode.newSalt();
        return new CodeChallenge(nonce, salt, OneTimeCode.hash(code, salt),
                nowMillis + policy.ttlSeconds() * 1000L, policy.maxAttempts(), nowMillis);
    }

    public static Optional<CodeChallenge> load(Notes notes, String prefix) {
        String nonce = notes.get(prefix + "nonce");
        if (nonce == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CodeChallenge(nonce, notes.get(prefix + "salt"), notes.get(prefix + "hash"),
                    Long.parseLong(notes.get(prefix + "expires")), Integer.parseInt(notes.get(prefix + "attempts")),
                    Long.parseLong(notes.get(prefix + "sent"))));
        } catch (RuntimeException corrupt) {
            clear(notes, prefix);
            return Optional.empty();
        }
    }

    public void save(Notes notes, String prefix) {
        notes.set(prefix + "nonce", nonce);
        notes.set(prefix + "salt", salt);
        notes.set(prefix + "hash", hash);
        notes.set(prefix + "expires", Long.toString(expiresAtMillis));
        notes.set(prefix + "attempts", Integer.toString(attemptsLeft));
        notes.set(prefix + "sent", Long.toString(lastSentAtMillis));
    }

    public static void clear(Notes notes, String prefix) {
        for (String field : FIELDS) {
            notes.remove(prefix + field);
        }
    }

    /** Checks a code; a wrong one uses up an attempt. */
    public Verdict verify(String candidate, long nowMillis) {
        if (attemptsLeft <= 0) {
            return Verdict.EXHAUSTED;
        }
        if (isExpired(nowMillis)) {
            return Verdict.EXPIRED;
        }
        if (OneTimeCode.matches(candidate, salt, hash)) {
            return Verdict.ACCEPTED;
        }
        attemptsLeft--;
        return Verdict.WRONG;
    }

    /** Whether {@code code} is this challenge's code (a resend must repeat exactly it). */
    public boolean isFor(String code) {
        return OneTimeCode.matches(code, salt, hash);
    }

    public boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** Still usable: not expired and attempts left. */
    public boolean isLive(long nowMillis) {
        return !isExpired(nowMillis) && attemptsLeft > 0;
    }

    public int secondsLeft(long nowMillis) {
        return (int) Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    public int secondsUntilResend(long nowMillis, CodePolicy policy) {
        long next = lastSentAtMillis + policy.resendCooldownSeconds() * 1000L;
        return (int) Math.max(0, (next - nowMillis + 999) / 1000);
    }

    public void markResent(long nowMillis) {
        lastSentAtMillis = nowMillis;
    }

    public String nonce() {
        return nonce;
    }

    public int attemptsLeft() {
        return attemptsLeft;
    }
}
