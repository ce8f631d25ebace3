package io.creativeflow.keycloak.mfa;

import java.util.Set;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/** The credential types that are a second factor in this realm. */
public final class SecondFactors {

    /** TOTP (Keycloak's), email codes, SMS codes, recovery codes. */
    public static final Set<String> TYPES = Set.of(OTPCredentialModel.TYPE, "cf-email-otp", "cf-sms-otp",
            "cf-recovery-codes");

    private SecondFactors() {
    }

    public static boolean any(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream()
                .anyMatch(credential -> TYPES.contains(credential.getType()));
    }
}
