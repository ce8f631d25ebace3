package io.creativeflow.keycloak.otp;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;

/**
 * A login step that asks for a code sent through one channel: the channel's authenticator says
 * which dialogue (channel, destination, policy); the step itself is the same for all.
 */
public abstract class CodeAuthenticator implements Authenticator {

    /** The code dialogue of this login, with the channel and destination of this user. */
    protected abstract CodeChallengeFlow flow(AuthenticationFlowContext context);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        apply(context, flow(context).start());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        apply(context, flow(context).handle(context.getHttpRequest().getDecodedFormParameters()));
    }

    /** What a channel records once its code was accepted at login (nothing by default). */
    protected void accepted(AuthenticationFlowContext context) {
        // nothing to record
    }

    private void apply(AuthenticationFlowContext context, CodeChallengeFlow.Step step) {
        switch (step.kind()) {
            case ACCEPTED -> {
                io.creativeflow.keycloak.mfa.SecondFactorPendingCondition.recordPassed(context.getAuthenticationSession(),
                        context.getUser().getId());
                accepted(context);
                context.success();
            }
            case WRONG_CODE -> context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, step.response());
            default -> context.challenge(step.response());
        }
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void close() {
        // stateless
    }
}
