package io.creativeflow.keycloak.otp.sms;

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
 * Login step: texts a code to the user's confirmed number and asks for it, with the shared engine's
 * attempts, lockout, resend and caps, and the SMS guards on every send.
 */
final class SmsOtpAuthenticator extends CodeAuthenticator implements CredentialValidator<SmsOtpCredentialProvider> {

    @Override
    public SmsOtpCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (SmsOtpCredentialProvider) session.getProvider(CredentialProvider.class, SmsOtp.TYPE);
    }

    @Override
    protected CodeChallengeFlow flow(AuthenticationFlowContext context) {
        KeycloakSession session = context.getSession();
        SmsOtpCredentialProvider.Destination destination = getCredentialProvider(session)
                .destination(context.getRealm(), context.getUser())
                .orElse(new SmsOtpCredentialProvider.Destination(null, null));
        SmsCodeChannel channel = new SmsCodeChannel(destination.e164(), destination.lookupHash(),
                SmsGuards.from(SmsOtp.settings(session)));
        return new CodeChallengeFlow(channel, SmsOtp.policy(session, context.getAuthenticatorConfig()),
                CodeDialogue.of(context));
    }

    /** Offered only when the toggle is on and the user confirmed a number. */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return SmsOtp.enabled(session) && SmsOtpCredentialProvider.isEnrolled(user);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        if (SmsOtp.enabled(session)) {
            user.addRequiredAction(SmsOtp.SETUP_ACTION);
        }
    }
}
