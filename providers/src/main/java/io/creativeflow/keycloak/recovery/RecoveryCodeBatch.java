package io.creativeflow.keycloak.recovery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A batch of recovery codes as stored: one random salt for the batch and the SHA-256 of each unused
 * code under it. Checking a code costs one hash and a set lookup, whatever the batch size, and any
 * unused code works, in any order. Codes are {@code XXXX-XXXX-XXXX} over 32 letters and digits
 * without 0, O, 1 and I: 60 bits each, typed in any case, with or without spaces and dashes.
 */
public final class RecoveryCodeBatch {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int GROUPS = 3;
    static final int GROUP_LENGTH = 4;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final String salt;
    private final Set<String> unused;
    private final int total;

    RecoveryCodeBatch(String salt, Set<String> unused, int total) {
        this.salt = salt;
        this.unused = new LinkedHashSet<>(unused);
        this.total = total;
    }

    /** A new batch: the codes to show once, and the batch to store. */
    public record Generated(List<String> codes, RecoveryCodeBatch batch) {
    }

    public static Generated generate(int count) {
        if (count < 1 || count > 50) {
            throw new IllegalArgumentException("a batch holds 1-50 codes, asked for " + count);
        }
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = B64.encodeToString(saltBytes);
        List<String> codes = new ArrayList<>();
        Set<String> hashes = new LinkedHashSet<>();
        while (codes.size() < count) {
            String code = randomCode();
            if (hashes.add(hash(salt, normalize(code)))) {
                codes.add(code);
            }
        }
        return new Generated(List.copyOf(codes), new RecoveryCodeBatch(salt, hashes, count));
    }

    /** Uses {@code input} if it is an unused code of this batch; a used or wrong code changes nothing. */
    /**
     * The hash {@code input} would match under this batch's salt, for claiming its single use
     * across parallel requests and nodes; null when it cannot be a code.
     */
    public String claimKey(String input) {
        String normalized = normalize(input == null ? "" : input);
        return normalized.length() != GROUPS * GROUP_LENGTH ? null : hash(salt, normalized);
    }

    public boolean use(String input) {
        String normalized = normalize(input);
        if (normalized.length() != GROUPS * GROUP_LENGTH) {
            return false;
        }
        return unused.remove(hash(salt, normalized));
    }

    public int remaining() {
        return unused.size();
    }

    public int total() {
        return total;
    }

    String salt() {
        return salt;
    }

    Set<String> unusedHashes() {
        return Set.copyOf(unused);
    }

    /** Upper case, without spaces and dashes: what users type when copying from paper. */
    static String normalize(String input) {
        return input == null ? "" : input.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    static String hash(String salt, String normalizedCode) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
            digest.update(normalizedCode.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String randomCode() {
        StringBuilder code = new StringBuilder();
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                code.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
        }
        return code.toString();
    }
}
