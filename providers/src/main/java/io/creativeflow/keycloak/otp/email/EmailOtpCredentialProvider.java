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

    /** Enrols {@code user}, replacing an earlier enrolment (one per user). */
    public CredentialModel enrol(RealmModel realm, UserModel user) {
        user.credentialManager().getStoredCredentialsByTypeStream(EmailOtp.TYPE).toList()
                .forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        CredentialModel credential = new CredentialModel();
        credential.setType(EmailOtp.TYPE);
        credential.setUserLabel(EmailCodeChannel.mask(user.getEmail()));
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setCredentialData("{}");
        credential.setSecretData("{}");
        return createCredential(realm, user, credential);
    }

    static boolean isEnrolled(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(EmailOtp.TYPE).findAny().isPresent();
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
