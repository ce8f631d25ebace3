package io.creativeflow.keycloak.otp.email;

import io.creativeflow.keycloak.otp.CodeAuthenticator;
import io.creativeflow.keycloak.otp.CodeChallengeFlow;
import io.creativeflow.keycloak.otp.CodeDialogue;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Login step: asks for the code emailed to the user's verified address. As a credential validator it
 * takes its place among the user's methods in the order of their credentials, so the method a user
 * (or an admin) puts first is offered first.
 */
final class EmailOtpAuthenticator extends CodeAuthenticator implements CredentialValidator<EmailOtpCredentialProvider> {

    @Override
    public EmailOtpCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (EmailOtpCredentialProvider) session.getProvider(CredentialProvider.class, EmailOtp.TYPE);
    }

    @Override
    protected CodeChallengeFlow flow(AuthenticationFlowContext context) {
        return new CodeChallengeFlow(EmailCodeChannel.INSTANCE,
                EmailOtp.policy(context.getSession(), context.getAuthenticatorConfig()), CodeDialogue.of(context));
    }

    /** Offered only when the toggle is on and the user enrolled with a verified address. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return EmailOtp.enabled(session)
                && EmailOtpCredentialProvider.isEnrolled(user)
                && EmailCodeChannel.INSTANCE.canReach(user);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        if (EmailOtp.enabled(session) && EmailCodeChannel.INSTANCE.canReach(user)) {
            user.addRequiredAction(EmailOtp.SETUP_ACTION);
        }
    }
}
