package io.creativeflow.keycloak.mfa;

import com.google.auto.service.AutoService;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.requiredactions.DeleteCredentialAction;

/**
 * Keycloak's {@code delete_credential} action (what the account console's "Remove" runs), refusing
 * to remove the last second factor of a user whose role requires one (realm attribute
 * {@value SecondFactorByRole#ROLES_ATTRIBUTE}). Recovery codes are a backup, not a factor of their
 * own: the last TOTP, email or SMS method stays. Replaces Keycloak's provider by having the same id
 * and a higher order.
 */
@AutoService(RequiredActionFactory.class)
public final class LastSecondFactorGuard extends DeleteCredentialAction {

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (removesLastRequiredFactor(context)) {
            refuse(context);
            return;
        }
        super.requiredActionChallenge(context);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (removesLastRequiredFactor(context)) {
            refuse(context);
            return;
        }
        super.processAction(context);
    }

    private static boolean removesLastRequiredFactor(RequiredActionContext context) {
        String credentialId = context.getAuthenticationSession().getClientNote("kc_action_parameter");
        return SecondFactors.removalLeavesRequiredUserWithout(context.getRealm(), context.getUser(), credentialId);
    }

    private static void refuse(RequiredActionContext context) {
        context.getEvent().detail("reason", "last_required_second_factor").error("not_allowed");
        context.challenge(context.form().setError("cfLastSecondFactor").createErrorPage(Response.Status.BAD_REQUEST));
    }
}
