package io.creativeflow.keycloak.otp.email;

import org.keycloak.models.UserModel;

import io.creativeflow.keycloak.otp.CodeChallengeFlow;
import io.creativeflow.keycloak.otp.CodeDialogue;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;

/**
 * Enrolment: the user proves they read their verified mailbox by typing a code sent there; only then
 * does the credential exist. Also reachable with {@code kc_action=cf-email-otp-setup} and from the
 * account console's "Signing in" page.
 */
final class EmailOtpSetup implements RequiredActionProvider {

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /**
     * Enrolment is asked for by the flow (setRequiredActions), an admin or the user; and at every
     * sign-in of a user whose factor was enrolled at an address they no longer have: re-enrol at the
     * new, verified address (codes never go to an unverified one).
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (EmailOtp.enabled(context.getSession()) && EmailOtpCredentialProvider.boundElsewhere(user)
                && EmailCodeChannel.INSTANCE.canReach(user)) {
            user.addRequiredAction(EmailOtp.SETUP_ACTION);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!EmailOtp.enabled(context.getSession())) {
            refuseDisabled(context);
            return;
        }
        apply(context, flow(context).start());
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (!EmailOtp.enabled(context.getSession())) {
            refuseDisabled(context);
            return;
        }
        apply(context, flow(context).handle(context.getHttpRequest().getDecodedFormParameters()));
    }

    private static void refuseDisabled(RequiredActionContext context) {
        context.getUser().removeRequiredAction(EmailOtp.SETUP_ACTION);
        context.challenge(context.form().setError("cfEmailOtpDisabled").createErrorPage(
                jakarta.ws.rs.core.Response.Status.BAD_REQUEST));
    }

    private static CodeChallengeFlow flow(RequiredActionContext context) {
        return new CodeChallengeFlow(EmailCodeChannel.INSTANCE, EmailOtp.policy(context.getSession(), null),
                CodeDialogue.of(context));
    }

    private static void apply(RequiredActionContext context, CodeChallengeFlow.Step step) {
        if (step.kind() == CodeChallengeFlow.Kind.ACCEPTED) {
            EmailOtpCredentialProvider credentials = (EmailOtpCredentialProvider) context.getSession()
                    .getProvider(CredentialProvider.class, EmailOtp.TYPE);
            credentials.enrol(context.getRealm(), context.getUser());
            context.getEvent().detail(Details.CREDENTIAL_TYPE, EmailOtp.TYPE);
            context.success();
        } else {
            context.challenge(step.response());
        }
    }

    @Override
    public void close() {
        // stateless
    }
}
