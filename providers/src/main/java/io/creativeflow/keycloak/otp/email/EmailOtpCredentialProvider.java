package io.creativeflow.keycloak.otp.email;

import io.creativeflow.keycloak.spi.StoredCredentialProvider;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The stored fact "this user signs in with email codes". It holds no secret: codes live only in
 * the authentication session; the label shows the masked address used at enrolment.
 */
public final class EmailOtpCredentialProvider implements StoredCredentialProvider {

    private final KeycloakSession session;

    EmailOtpCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return EmailOtp.TYPE;
    }

    /**
     * Enrols {@code user} at their current (verified) address, replacing an earlier enrolment in place
     * (one per user; the factor keeps its place in the user's order of credentials).
     */
    public CredentialModel enrol(RealmModel realm, UserModel user) {
        java.util.List<CredentialModel> earlier = user.credentialManager()
                .getStoredCredentialsByTypeStream(EmailOtp.TYPE).toList();
        earlier.stream().skip(1).forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        CredentialModel credential = earlier.isEmpty() ? new CredentialModel() : earlier.get(0);
        credential.setType(EmailOtp.TYPE);
        credential.setUserLabel(EmailCodeChannel.mask(user.getEmail()));
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setCredentialData(boundTo(user));
        credential.setSecretData("{}");
        if (!earlier.isEmpty()) {
            user.credentialManager().updateStoredCredential(credential);
            return credential;
        }
        return createCredential(realm, user, credential);
    }

    static boolean isEnrolled(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(EmailOtp.TYPE).findAny().isPresent();
    }

    /**
     * Whether the factor may send codes to the user's address now: it was enrolled at this very
     * address. After an email change it stays unusable until re-enrolled at the new, verified one.
     * A credential that records no address (made by an admin, or before the binding existed) is bound
     * at its next successful use ({@link #bindIfUnbound}).
     */
    static boolean boundToCurrentAddress(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(EmailOtp.TYPE).findFirst()
                .map(credential -> {
                    String bound = address(credential);
                    return bound == null || bound.equals(addressHash(user));
                })
                .orElse(false);
    }

    /** Records the address of a credential that records none (after a successful code at it). */
    static void bindIfUnbound(UserModel user) {
        user.credentialManager().getStoredCredentialsByTypeStream(EmailOtp.TYPE).findFirst()
                .filter(credential -> address(credential) == null)
                .ifPresent(credential -> {
                    credential.setCredentialData(boundTo(user));
                    user.credentialManager().updateStoredCredential(credential);
                });
    }

    /** Whether the user's factor records no address yet. */
    static boolean unbound(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(EmailOtp.TYPE).findFirst()
                .map(credential -> address(credential) == null).orElse(false);
    }

    /** Whether the user's factor was enrolled at an address they no longer have. */
    static boolean boundElsewhere(UserModel user) {
        return isEnrolled(user) && !boundToCurrentAddress(user);
    }

    private static String boundTo(UserModel user) {
        return "{\"address\":\"" + addressHash(user) + "\"}";
    }

    private static String address(CredentialModel credential) {
        String data = credential.getCredentialData();
        if (data == null) {
            return null;
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"address\"\\s*:\\s*\"([0-9a-f]+)\"").matcher(data);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * SHA-256 of the user id and the normalised address: it binds, it does not hide (the address
     * itself is in the user's record next to it).
     */
    static String addressHash(UserModel user) {
        String email = user.getEmail() == null ? "" : user.getEmail().trim().toLowerCase(java.util.Locale.ROOT);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((user.getId() + '|' + email).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(EmailOtp.TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("cfEmailOtpDisplayName")
                .helpText("cfEmailOtpHelpText")
                .iconCssClass("kcAuthenticatorOTPClass")
                .createAction(EmailOtp.SETUP_ACTION)
                .removeable(true)
                .build(session);
    }
}
