package io.creativeflow.keycloak.mfa;

import java.util.Set;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/** The credential types that are a second factor in this realm. */
public final class SecondFactors {

    /** TOTP (Keycloak's), email codes, SMS codes, recovery codes. */
    public static final Set<String> TYPES = Set.of(OTPCredentialModel.TYPE, "cf-email-otp", "cf-sms-otp",
            "cf-recovery-codes");

    private SecondFactors() {
    }

    /** The factors a role's rule counts: recovery codes are a backup, not a factor of their own. */
    public static final Set<String> PRIMARY = Set.of(OTPCredentialModel.TYPE, "cf-email-otp", "cf-sms-otp");

    /**
     * Whether removing {@code credentialId} would leave a user whose role requires a second factor
     * without a primary one: refused on every removal path (account console, {@code delete_credential},
     * the account REST API).
     */
    public static boolean removalLeavesRequiredUserWithout(RealmModel realm, UserModel user, String credentialId) {
        if (realm == null || user == null || credentialId == null || !SecondFactorByRole.mustHaveSecondFactor(realm, user)) {
            return false;
        }
        CredentialModel target = user.credentialManager().getStoredCredentialById(credentialId);
        if (target == null || !PRIMARY.contains(target.getType())) {
            return false;
        }
        return user.credentialManager().getStoredCredentialsStream()
                .filter(credential -> PRIMARY.contains(credential.getType()))
                .allMatch(credential -> credential.getId().equals(credentialId));
    }

    /**
     * Whether the account console may offer "Remove" for {@code type}: not when it is the only
     * primary factor of a user whose role requires one.
     */
    public static boolean removable(RealmModel realm, UserModel user, String type) {
        if (realm == null || user == null || !PRIMARY.contains(type) || !SecondFactorByRole.mustHaveSecondFactor(realm, user)) {
            return true;
        }
        return user.credentialManager().getStoredCredentialsStream()
                .filter(credential -> PRIMARY.contains(credential.getType()))
                .anyMatch(credential -> !credential.getType().equals(type))
                || user.credentialManager().getStoredCredentialsByTypeStream(type).count() > 1;
    }

    /** Whether the user has a primary factor (TOTP, SMS codes, email codes): what a role's rule asks for. */
    public static boolean anyPrimary(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream()
                .anyMatch(credential -> PRIMARY.contains(credential.getType()));
    }

    public static boolean any(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream()
                .anyMatch(credential -> TYPES.contains(credential.getType()));
    }
}
