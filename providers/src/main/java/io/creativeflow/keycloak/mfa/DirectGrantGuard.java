package io.creativeflow.keycloak.mfa;

import io.creativeflow.keycloak.spi.GateAuthenticator;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * In the direct-grant flow, after the password: refuses users who have a second factor, because a
 * password grant cannot ask for one. A client may be allowed explicitly with the attribute
 * {@value #ALLOW_ATTRIBUTE}{@code =true} (for example a trusted migration tool).
 */
final class DirectGrantGuard implements GateAuthenticator {

    static final String ALLOW_ATTRIBUTE = "creativeflow.password-grant-skips-second-factor";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        boolean allowed = Boolean.parseBoolean(
                context.getAuthenticationSession().getClient().getAttribute(ALLOW_ATTRIBUTE));
        if (user != null && !allowed && SecondFactors.any(user)) {
            context.getEvent().user(user).detail("reason", "second_factor_required").error(Errors.INVALID_USER_CREDENTIALS);
            Response refusal = Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new OAuth2ErrorRepresentation("invalid_grant",
                            "This account has a second factor: sign in through the browser (authorization code flow)."))
                    .build();
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, refusal);
            return;
        }
        context.success();
    }
}
