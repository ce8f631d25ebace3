package io.creativeflow.keycloak.otp.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Phone numbers at rest: AES-GCM with a random 96-bit IV, the user's id as associated data (a sealed
 * number copied to another user does not open), and the key's id in the sealed text
 * ({@code v1:<kid>:<base64url(iv|ciphertext)>}) so that old keys keep opening old numbers while new
 * ones are sealed with the active key. Lookups (send caps per number) use a keyed hash instead of the
 * number.
 */
public final class PhoneCipher {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key and its id. */
    public record Key(String id, SecretKey secret) {
        public Key {
            if (id.contains(":")) {
                throw new IllegalArgumentException("a key id cannot contain ':'");
            }
        }
    }

    private final Key active;
    private final Function<String, SecretKey> keysById;
    private final SecretKey lookupKey;

    /**
     * @param active   the key new numbers are sealed with
     * @param keysById finds older keys by id (null when unknown)
     * @param lookupKey the key of the lookup hash (derived from the active key: a rotation starts
     *                  the per-number send counters afresh)
     */
    public PhoneCipher(Key active, Function<String, SecretKey> keysById, SecretKey lookupKey) {
        this.active = active;
        this.keysById = keysById;
        this.lookupKey = lookupKey;
    }

    public String seal(String e164, String userId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, active.secret(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(e164.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return VERSION + ':' + active.id() + ':' + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a sealed number.
     *
     * @throws GeneralSecurityException when the key is unknown or the text was altered or belongs to
     *                                  another user
     */
    public String open(String sealed, String userId) throws GeneralSecurityException {
        String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new GeneralSecurityException("not a sealed phone number");
        }
        SecretKey key = active.id().equals(parts[1]) ? active.secret() : keysById.apply(parts[1]);
        if (key == null) {
            throw new GeneralSecurityException("phone-number key '" + parts[1] + "' is not configured");
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("sealed phone number is not base64url");
        }
        if (in.length <= IV_BYTES) {
            throw new GeneralSecurityException("sealed phone number is too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
        cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    }

    /** Whether {@code sealed} was sealed with the active key (else: re-seal it). */
    public boolean sealedWithActiveKey(String sealed) {
        return sealed != null && sealed.startsWith(VERSION + ':' + active.id() + ':');
    }

    /** A keyed hash of the number (hex HMAC-SHA256): the same number gives the same hash. */
    public String lookupHash(String e164) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            return HexFormat.of().formatHex(mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Parses configured keys: {@code <kid>:<base64 of 16, 24 or 32 bytes>} (or the bare base64, with
     * kid {@code env}), several separated by commas.
     */
    public static Map<String, SecretKey> parseKeys(String configured) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        if (configured == null || configured.isBlank()) {
            return keys;
        }
        for (String entry : configured.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String id = colon < 0 ? "env" : trimmed.substring(0, colon);
            String material = colon < 0 ? trimmed : trimmed.substring(colon + 1);
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(material);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("phone-number key '" + id + "' is not base64");
            }
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new IllegalArgumentException("phone-number key '" + id + "' must be 16, 24 or 32 bytes, is "
                        + bytes.length);
            }
            if (id.isEmpty() || !id.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("phone-number key id '" + id + "' may hold letters, digits, . _ -");
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
        }
        return keys;
    }

    /** Derives the lookup-hash key from a master secret, apart from the encryption key itself. */
    public static SecretKey deriveLookupKey(byte[] master) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal("creativeflow sms phone lookup v1".getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }
}
