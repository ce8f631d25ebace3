package io.creativeflow.keycloak.otp;

import java.util.Optional;

/**
 * One code that was sent: the nonce it derives from, the salted hash to check it against, when it
 * expires, when it was last sent, the user it was made for and a key of the destination it went to.
 * Never the code itself. It holds no counter: attempts, cooldowns and single use are counted
 * atomically in {@link Reservations}, keyed by the nonce, so parallel requests cannot reuse them.
 */
public final class CodeChallenge {

    /** Where a challenge's fields are kept (authentication-session notes, or a shared record). */
    public interface Notes {
        String get(String key);

        void set(String key, String value);

        void remove(String key);
    }

    private static final String[] FIELDS = {"nonce", "salt", "hash", "expires", "sent", "user", "destination"};

    private final String nonce;
    private final String salt;
    private final String hash;
    private final long expiresAtMillis;
    private final long lastSentAtMillis;
    private final String userId;
    private final String destination;

    CodeChallenge(String nonce, String salt, String hash, long expiresAtMillis, long lastSentAtMillis,
            String userId, String destination) {
        this.nonce = nonce;
        this.salt = salt;
        this.hash = hash;
        this.expiresAtMillis = expiresAtMillis;
        this.lastSentAtMillis = lastSentAtMillis;
        this.userId = userId;
        this.destination = destination == null ? "" : destination;
    }

    /** A new challenge for {@code code}, derived from {@code nonce}, sent to {@code userId} at {@code destination}. */
    public static CodeChallenge issue(String nonce, String code, CodePolicy policy, long nowMillis, String userId,
            String destination) {
        String salt = OneTimeCode.newSalt();
        return new CodeChallenge(nonce, salt, OneTimeCode.hash(code, salt), nowMillis + policy.ttlSeconds() * 1000L,
                nowMillis, userId, destination);
    }

    public static Optional<CodeChallenge> load(Notes notes, String prefix) {
        String nonce = notes.get(prefix + "nonce");
        if (nonce == null) {
            return Optional.empty();
        }
        try {
            String salt = notes.get(prefix + "salt");
            String hash = notes.get(prefix + "hash");
            String user = notes.get(prefix + "user");
            if (salt == null || hash == null || user == null) {
                throw new IllegalStateException("incomplete challenge");
            }
            return Optional.of(new CodeChallenge(nonce, salt, hash, Long.parseLong(notes.get(prefix + "expires")),
                    Long.parseLong(notes.get(prefix + "sent")), user, notes.get(prefix + "destination")));
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
        notes.set(prefix + "sent", Long.toString(lastSentAtMillis));
        notes.set(prefix + "user", userId);
        notes.set(prefix + "destination", destination);
    }

    public static void clear(Notes notes, String prefix) {
        for (String field : FIELDS) {
            notes.remove(prefix + field);
        }
    }

    /** Whether {@code candidate} is this challenge's code (constant-time). */
    public boolean matches(String candidate) {
        return OneTimeCode.matches(candidate, salt, hash);
    }

    /** Whether it was made for this user and destination: a challenge is never carried over to another. */
    public boolean isFor(String otherUserId, String otherDestination) {
        return userId.equals(otherUserId) && destination.equals(otherDestination == null ? "" : otherDestination);
    }

    public boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    public int secondsLeft(long nowMillis) {
        return (int) Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    /** Seconds the code stays stored: its validity plus a minute. */
    public long lifespanSeconds(long nowMillis) {
        return secondsLeft(nowMillis) + 60L;
    }

    public int secondsUntilResend(long nowMillis, CodePolicy policy) {
        long next = lastSentAtMillis + policy.resendCooldownSeconds() * 1000L;
        return (int) Math.max(0, (next - nowMillis + 999) / 1000);
    }

    /** The same challenge, sent again at {@code nowMillis}. */
    public CodeChallenge resentAt(long nowMillis) {
        return new CodeChallenge(nonce, salt, hash, expiresAtMillis, nowMillis, userId, destination);
    }

    public String nonce() {
        return nonce;
    }

    public String destination() {
        return destination;
    }
}
