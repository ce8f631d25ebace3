package io.creativeflow.keycloak.otp.email;

import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.config.SpecSettingsProvider;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;

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

    /**
     * Offered only when the toggle is on and the user enrolled with a verified address; in a password
     * reset only for a user with no other factor (see {@link #mailboxJustProven}).
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return EmailOtp.enabled(session)
                && EmailOtpCredentialProvider.isEnrolled(user)
                && EmailCodeChannel.INSTANCE.canReach(user)
                && EmailOtpCredentialProvider.boundToCurrentAddress(user)
                && !(mailboxJustProven(session) && hasAnotherFactor(session, user));
    }

    /**
     * A password reset has just proven the mailbox (its emailed link): an email code would prove
     * the same mailbox twice, so mailbox access alone would reset the password past a stronger factor.
     */
    private static boolean mailboxJustProven(KeycloakSession session) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        return authSession != null && LoginActionsService.RESET_CREDENTIALS_PATH
                .equals(authSession.getAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH));
    }

    /** TOTP or SMS codes, enrolled and switched on. */
    private static boolean hasAnotherFactor(KeycloakSession session, UserModel user) {
        SpecSettings settings = session.getProvider(SpecSettingsProvider.class).settings();
        return settings.enabled("EnableMFA_AuthenticatorApp")
                && user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).findAny().isPresent()
                || settings.enabled("EnableMFA_SMS")
                && user.credentialManager().getStoredCredentialsByTypeStream("cf-sms-otp").findAny().isPresent();
    }

    /**
     * A credential that records no address is bound to this one now, after this sign-in and in a
     * transaction of its own: parallel sign-ins of the user would otherwise collide on the credential
     * row and fail. Best effort: a collision leaves the binding to the next sign-in.
     */
    @Override
    protected void accepted(AuthenticationFlowContext context) {
        if (!EmailOtpCredentialProvider.unbound(context.getUser())) {
            return;
        }
        String realmId = context.getRealm().getId();
        String userId = context.getUser().getId();
        KeycloakSessionFactory factory = context.getSession().getKeycloakSessionFactory();
        context.getSession().getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, session -> {
                        RealmModel realm = session.realms().getRealm(realmId);
                        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
                        if (user != null) {
                            EmailOtpCredentialProvider.bindIfUnbound(user);
                        }
                    });
                } catch (RuntimeException collided) {
                    // another sign-in of the user bound it, or will
                }
            }

            @Override
            protected void rollbackImpl() {
                // nothing was bound
            }
        });
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        if (EmailOtp.enabled(session) && EmailCodeChannel.INSTANCE.canReach(user)) {
            user.addRequiredAction(EmailOtp.SETUP_ACTION);
        }
    }
}
