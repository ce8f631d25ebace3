package io.creativeflow.keycloak.sessions;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.theme.Theme;

/**
 * What a refused sign-in shows: in a browser our page {@code cf-session-limit.ftl} with the reason
 * and a way on (sign out the other devices, or try again); at the token endpoint (password grant) a
 * JSON error whose description is the same localized sentence.
 */
final class SessionLimitPage {

    static final String TEMPLATE = "cf-session-limit.ftl";
    /** Form field of "Sign out my other devices and continue". */
    static final String SIGN_OUT_OTHERS = "sign-out-others";

    private SessionLimitPage() {
    }

    /** The limit is reached (deny-new): the user may sign out the other devices and continue. */
    static Response limitReached(AuthenticationFlowContext context, int limit) {
        String key = limit == 1 ? "cfSessionLimitReachedOne" : "cfSessionLimitReached";
        return render(context, "limit", key, limit, Response.Status.FORBIDDEN, "access_denied");
    }

    /** Redis is down and the realm fails closed: try again later. */
    static Response unavailable(AuthenticationFlowContext context) {
        return render(context, "unavailable", "cfSessionLimitUnavailable", null, Response.Status.SERVICE_UNAVAILABLE,
                "temporarily_unavailable");
    }

    private static Response render(AuthenticationFlowContext context, String kind, String key, Object parameter,
            Response.Status status, String oauthError) {
        if (isTokenEndpoint(context)) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("error", oauthError);
            error.put("error_description", text(context, key, parameter));
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("kind", kind);
        page.put("limit", parameter == null ? 0 : parameter);
        return context.form().setAttribute("cfSessionLimit", page)
                .setError(key, parameter == null ? new Object[0] : new Object[] {parameter})
                .createForm(TEMPLATE);
    }

    private static boolean isTokenEndpoint(AuthenticationFlowContext context) {
        String path = context.getUriInfo() == null ? "" : context.getUriInfo().getPath();
        return path != null && path.endsWith("/protocol/openid-connect/token");
    }

    private static String text(AuthenticationFlowContext context, String key, Object parameter) {
        Locale locale = context.getSession().getContext().resolveLocale(context.getUser());
        String pattern;
        try {
            Properties messages = context.getSession().theme().getTheme(Theme.Type.LOGIN)
                    .getEnhancedMessages(context.getRealm(), locale);
            pattern = messages.getProperty(key, key);
        } catch (IOException e) {
            pattern = key;
        }
        return new MessageFormat(pattern, locale).format(parameter == null ? new Object[0] : new Object[] {parameter});
    }
}
