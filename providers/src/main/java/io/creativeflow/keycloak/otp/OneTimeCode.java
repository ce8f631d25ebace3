package io.creativeflow.keycloak.otp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Making and checking codes.
 *
 * <p>A code is never stored. A challenge keeps a random nonce (from {@link SecureRandom}) and a
 * salted SHA-256 hash of the code; the code itself is an HMAC of the nonce under the realm's secret
 * key, which lives in Keycloak's key store, not in the session. That is what lets a resend repeat the
 * same code while it is valid without keeping it in readable form. Comparison is constant time.
 */
public final class OneTimeCode {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private OneTimeCode() {
    }

    /** 128 random bits, the seed of one challenge. */
    public static String newNonce() {
        return randomToken(16);
    }

    /** A random salt for the stored hash. */
    public static String newSalt() {
        return randomToken(16);
    }

    /**
     * The code of a challenge: {@code digits} decimal digits derived from the nonce under the key.
     * 64 bits of HMAC output reduced modulo 10^digits: the bias is below 10^-9, negligible.
     */
    public static String derive(SecretKey key, String nonce, String context, int digits) {
        byte[] mac = hmac(key, context + '|' + nonce);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (mac[i] & 0xff);
        }
        long modulus = pow10(digits);
        long code = Long.remainderUnsigned(value, modulus);
        return String.format("%0" + digits + "d", code);
    }

    /** Salted SHA-256 of a code, as stored. */
    public static String hash(String code, String salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(code.getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Whether {@code candidate} is the code behind {@code storedHash}, in constant time. */
    public static boolean matches(String candidate, String salt, String storedHash) {
        if (candidate == null || storedHash == null) {
            return false;
        }
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(normalize(candidate), salt).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    /** What a user typed, without spaces and dashes (codes are often read out in groups). */
    public static String normalize(String input) {
        return input == null ? "" : input.replaceAll("[\\s-]", "");
    }

    /** A key for tests and for channels that bring their own secret. */
    public static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] hmac(SecretKey key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static long pow10(int digits) {
        long result = 1;
        for (int i = 0; i < digits; i++) {
            result *= 10;
        }
        return result;
    }

    private static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return B64.encodeToString(buffer);
    }
}
