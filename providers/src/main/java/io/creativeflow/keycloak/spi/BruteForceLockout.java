package io.creativeflow.keycloak.spi;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Whether brute-force protection has really locked a user: permanently, or until the lockout's end,
 * read from the failure record. Keycloak's blocking protector also answers
 * {@code isTemporarilyDisabled} while another sign-in of the same user is in progress, when nothing
 * is locked: that case is {@link #busy}, and deserves other words.
 */
public final class BruteForceLockout {

    private BruteForceLockout() {
    }

    public static boolean locked(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        if (session.getProvider(BruteForceProtector.class).isPermanentlyLockedOut(session, realm, user)) {
            return true;
        }
        UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
        return failures != null && failures.getFailedLoginNotBefore() > Time.currentTime();
    }

    /** Not locked, but Keycloak refuses this request while another sign-in of the user runs. */
    public static boolean busy(KeycloakSession session, RealmModel realm, UserModel user) {
        return realm.isBruteForceProtected()
                && session.getProvider(BruteForceProtector.class).isTemporarilyDisabled(session, realm, user)
                && !locked(session, realm, user);
    }
}
