package io.creativeflow.keycloak.otp.sms;

import io.creativeflow.keycloak.spi.StoredCredentialProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * The user's confirmed phone number. The number itself is only in the secret data, sealed
 * ({@link PhoneCipher}); the credential data holds its keyed hash and country, the label the masked
 * number ({@code +49 ••• ••• 67}). The admin API and the account console never see the number.
 */
public final class SmsOtpCredentialProvider implements StoredCredentialProvider {

    private static final Logger LOG = Logger.getLogger(SmsOtpCredentialProvider.class);

    private final KeycloakSession session;

    SmsOtpCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return SmsOtp.TYPE;
    }

    /**
     * Enrols {@code phone} for {@code user}. An earlier number (one per user) is replaced in place:
     * the factor keeps its id and its place in the user's order of credentials, so the next sign-in
     * still opens on SMS codes and not on whatever came after it.
     */
    public CredentialModel enrol(RealmModel realm, UserModel user, PhoneNumbers.Phone phone) {
        PhoneCipher cipher = PhoneKeys.cipher(session, realm);
        java.util.List<CredentialModel> earlier = user.credentialManager()
                .getStoredCredentialsByTypeStream(SmsOtp.TYPE).toList();
        earlier.stream().skip(1).forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        CredentialModel credential = earlier.isEmpty() ? new CredentialModel() : earlier.get(0);
        credential.setType(SmsOtp.TYPE);
        credential.setUserLabel(PhoneNumbers.mask(phone.e164()));
        credential.setCreatedDate(Time.currentTimeMillis());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("lookup", cipher.lookupHash(phone.e164()));
        data.put("country", phone.region());
        credential.setCredentialData(json(data));
        credential.setSecretData(json(Map.of("phone", cipher.seal(phone.e164(), user.getId()))));
        if (!earlier.isEmpty()) {
            user.credentialManager().updateStoredCredential(credential);
            return credential;
        }
        return createCredential(realm, user, credential);
    }

    /** An enrolled number, opened, with its lookup hash under the active key. */
    record Destination(String e164, String lookupHash) {
    }

    /**
     * The enrolled number, opened; sealed anew when an older key sealed it. Empty when the user has
     * none or it cannot be opened (a missing key: logged as an error).
     */
    Optional<Destination> destination(RealmModel realm, UserModel user) {
        Optional<CredentialModel> stored = user.credentialManager().getStoredCredentialsByTypeStream(SmsOtp.TYPE).findFirst();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        CredentialModel credential = stored.get();
        try {
            PhoneCipher cipher = PhoneKeys.cipher(session, realm);
            String sealed = read(credential.getSecretData()).get("phone");
            String e164 = cipher.open(sealed, user.getId());
            if (!cipher.sealedWithActiveKey(sealed)) {
                Map<String, String> data = new LinkedHashMap<>(read(credential.getCredentialData()));
                data.put("lookup", cipher.lookupHash(e164));
                credential.setCredentialData(json(data));
                credential.setSecretData(json(Map.of("phone", cipher.seal(e164, user.getId()))));
                user.credentialManager().updateStoredCredential(credential);
            }
            return Optional.of(new Destination(e164, cipher.lookupHash(e164)));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            LOG.errorf("The phone number of user %s cannot be opened (%s): check SMS_PHONE_ENCRYPTION_KEY and"
                    + " SMS_PHONE_ENCRYPTION_OLD_KEYS", user.getId(), e.getMessage());
            return Optional.empty();
        }
    }

    static boolean isEnrolled(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(SmsOtp.TYPE).findAny().isPresent();
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(SmsOtp.TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("cfSmsOtpDisplayName")
                .helpText("cfSmsOtpHelpText")
                .iconCssClass("kcAuthenticatorOTPClass")
                .createAction(SmsOtp.SETUP_ACTION)
                .removeable(true)
                .build(session);
    }

    private static String json(Map<String, String> data) {
        try {
            return JsonSerialization.writeValueAsString(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> read(String json) throws IOException {
        return JsonSerialization.readValue(json == null ? "{}" : json, Map.class);
    }
}
