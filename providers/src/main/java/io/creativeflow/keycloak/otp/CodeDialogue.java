package io.creativeflow.keycloak.otp;

import jakarta.ws.rs.core.UriInfo;
import java.util.function.Supplier;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the code dialogue needs from Keycloak, whether it runs as a login step (authenticator) or as
 * an enrolment (required action). {@code login} tells them apart: only wrong codes at login count
 * toward the brute-force lockout, as a wrong password would.
 */
public record CodeDialogue(
        KeycloakSession session,
        RealmModel realm,
        UserModel user,
        AuthenticationSessionModel authSession,
        ClientConnection connection,
        UriInfo uri,
        EventBuilder event,
        Supplier<LoginFormsProvider> forms,
        boolean login) {

    public static CodeDialogue of(AuthenticationFlowContext context) {
        return new CodeDialogue(context.getSession(), context.getRealm(), context.getUser(),
                context.getAuthenticationSession(), context.getConnection(), context.getUriInfo(),
                context.getEvent(), context::form, true);
    }

    public static CodeDialogue of(RequiredActionContext context) {
        return new CodeDialogue(context.getSession(), context.getRealm(), context.getUser(),
                context.getAuthenticationSession(), context.getConnection(), context.getUriInfo(),
                context.getEvent(), context::form, false);
    }

    /** The client that asked for the code, as shown in the email ("CreativeFlow web"). */
    public String clientName() {
        String name = authSession.getClient().getName();
        return name == null || name.isBlank() ? authSession.getClient().getClientId() : name;
    }

    public String ipAddress() {
        return connection.getRemoteAddr();
    }
}
