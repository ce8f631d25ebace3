package io.creativeflow.keycloak.mfa;

import java.util.Arrays;
import java.util.Objects;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Users holding one of the realm's listed roles (attribute {@value #ROLES_ATTRIBUTE}, default
 * {@value #DEFAULT_ROLES}; composites count, so OWNER is covered by ADMIN) must have a second factor:
 * at a login without one, enrolment is required — email codes when offered and the address is
 * verified, else an authenticator app. Checked at every login, so removing the last factor brings
 * the enrolment back at the next one.
 */
final class SecondFactorByRole implements RequiredActionProvider {

    static final String ROLES_ATTRIBUTE = "creativeflow.second-factor-roles";
    static final String DEFAULT_ROLES = "OWNER,ADMIN";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        // Recovery codes alone do not satisfy the rule: they are the backup of a factor.
        if (!mustHaveSecondFactor(realm, user) || SecondFactors.anyPrimary(user)) {
            return;
        }
        if (enabled(realm, "cf-email-otp-setup") && user.getEmail() != null && user.isEmailVerified()) {
            user.addRequiredAction("cf-email-otp-setup");
        } else if (enabled(realm, UserModel.RequiredAction.CONFIGURE_TOTP.name())) {
            user.addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
        }
    }

    static boolean mustHaveSecondFactor(RealmModel realm, UserModel user) {
        String listed = realm.getAttribute(ROLES_ATTRIBUTE);
        return Arrays.stream((listed == null ? DEFAULT_ROLES : listed).split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(realm::getRole)
                .filter(Objects::nonNull)
                .anyMatch((RoleModel role) -> user.hasRole(role));
    }

    private static boolean enabled(RealmModel realm, String alias) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(alias);
        return action != null && action.isEnabled();
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        // Never shown itself: it only asks for an enrolment action.
        context.success();
    }

    @Override
    public void processAction(RequiredActionContext context) {
        context.success();
    }

    @Override
    public void close() {
        // stateless
    }
}
