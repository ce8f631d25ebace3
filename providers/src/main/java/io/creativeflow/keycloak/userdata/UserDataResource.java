package io.creativeflow.keycloak.userdata;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.managers.AppAuthManager;

/**
 * {@code GET /realms/{realm}/creativeflow/me/activity}: the signed-in user's own login activity, for
 * a bearer access token of this realm. 401 without one (or with another realm's).
 */
public final class UserDataResource {

    private final KeycloakSession session;

    UserDataResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("me/activity")
    @Produces(MediaType.APPLICATION_JSON)
    public Response myActivity() {
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer realm=\"" + session.getContext().getRealm().getName() + "\"")
                    .entity(Map.of("error", "invalid_token",
                            "error_description", "A valid bearer access token of this realm is required"))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", auth.user().getId());
        UserData.loginActivity(session).find(session.getContext().getRealm().getId(), auth.user().getId())
                .ifPresentOrElse(activity -> {
                    body.put("firstLoginAt", iso(activity.firstLoginAt()));
                    body.put("lastLoginAt", iso(activity.lastLoginAt()));
                    body.put("previousLoginAt", activity.previousLoginAt() == null ? null : iso(activity.previousLoginAt()));
                    body.put("loginCount", activity.loginCount());
                    body.put("lastIpAddress", activity.lastIp());
                    body.put("lastClientId", activity.lastClientId());
                    body.put("lastIdentityProvider", activity.lastIdentityProvider());
                }, () -> body.put("loginCount", 0));
        return Response.ok(body).type(MediaType.APPLICATION_JSON).build();
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
