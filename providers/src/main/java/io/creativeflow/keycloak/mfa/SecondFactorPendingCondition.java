package io.creativeflow.keycloak.mfa;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.GateAuthenticatorFactory;
import java.util.Map;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Condition {@code cf-condition-second-factor-pending}: true until one of the second factors (TOTP,
 * SMS, email or recovery code) has succeeded in this authentication. A social sign-in that linked an
 * existing account has just asked for its second factor (first-login flow); the post-login flow then
 * does not ask for it a second time.
 */
@AutoService(org.keycloak.authentication.AuthenticatorFactory.class)
public final class SecondFactorPendingCondition
        implements ConditionalAuthenticatorFactory, ConditionalAuthenticator, GateAuthenticatorFactory {

    public static final String ID = "cf-condition-second-factor-pending";

    /** Authenticators whose success is a second factor. */
    static final Set<String> SECOND_FACTOR_STEPS = Set.of("auth-otp-form", "cf-sms-otp", "cf-email-otp", "cf-recovery-codes");

    /**
     * Auth note: the user whose second factor one of our steps (SMS, email, recovery code) accepted.
     * A broker login to an already-linked account switches the session's user without clearing
     * execution states, so a success counts only for the user it was made for.
     */
    public static final String PASSED_FOR_NOTE = "cf-second-factor.passed-for";

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        return !passed(context.getRealm(), context.getAuthenticationSession(),
                context.getUser() == null ? null : context.getUser().getId());
    }

    /** Records that {@code userId} passed a second factor of ours in this authentication. */
    public static void recordPassed(AuthenticationSessionModel authSession, String userId) {
        authSession.setAuthNote(PASSED_FOR_NOTE, userId);
    }

    static boolean passed(RealmModel realm, AuthenticationSessionModel authSession, String userId) {
        String passedFor = authSession.getAuthNote(PASSED_FOR_NOTE);
        for (Map.Entry<String, AuthenticationSessionModel.ExecutionStatus> status : authSession.getExecutionStatus().entrySet()) {
            if (status.getValue() == AuthenticationSessionModel.ExecutionStatus.SUCCESS) {
                AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(status.getKey());
                if (execution == null || execution.getAuthenticator() == null
                        || !SECOND_FACTOR_STEPS.contains(execution.getAuthenticator())) {
                    continue;
                }
                if ("auth-otp-form".equals(execution.getAuthenticator())) {
                    // Keycloak's TOTP step records no user: it counts unless one of ours was passed by another.
                    if (passedFor == null || passedFor.equals(userId)) {
                        return true;
                    }
                } else if (passedFor != null && passedFor.equals(userId)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // a condition has no form
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to enrol
    }

    /** "condition": the admin console offers it under "Add condition". */
    @Override
    public String getReferenceCategory() {
        return ConditionalAuthenticatorFactory.super.getReferenceCategory();
    }

    @Override
    public ConditionalAuthenticator getSingleton() {
        return this;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - second factor not yet passed";
    }

    @Override
    public String getHelpText() {
        return "True until a second factor (TOTP, SMS, email or recovery code) has succeeded in this authentication,"
                + " so a flow does not ask for it twice (e.g. after a social sign-in linked an existing account).";
    }

    @Override
    public void close() {
        // stateless
    }
}
