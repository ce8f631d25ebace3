package io.creativeflow.keycloak.mfa;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.account.AccountCredentialResource;
import org.keycloak.theme.Theme;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * The last-factor rule on the account REST API, which Keycloak 26.7 still serves next to the
 * {@code delete_credential} action: {@code DELETE /realms/{realm}/account/credentials/{id}} is refused
 * (400, {@code "error":"last_required_second_factor"}, a localized message) when it would leave a user
 * whose role requires a second factor without one, for every type (Keycloak's TOTP included), and
 * {@code GET …/account/credentials} reports such a type as not removable, so the account console
 * offers no "Remove" that would be refused. A JAX-RS filter (found by {@code kc.sh build} through our
 * jar's META-INF/beans.xml): the resource itself has no hook.
 */
@Provider
public class AccountCredentialRemovalFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AccountCredentialRemovalFilter.class);
    /** With or without the API version Keycloak also serves (…/account/v1alpha1/credentials); matrix parameters cut off. */
    private static final Pattern ONE = Pattern.compile(
            "^/?realms/([^/;]+)/account/(?:v\\d[0-9a-zA-Z_\\-]*/)?credentials/([^/;]+)(?:;[^/]*)?/?$");
    private static final Pattern ALL = Pattern.compile(
            "^/?realms/([^/;]+)/account/(?:v\\d[0-9a-zA-Z_\\-]*/)?credentials(?:;[^/]*)?/?$");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"DELETE".equals(request.getMethod())) {
            return;
        }
        Matcher path = ONE.matcher(request.getUriInfo().getPath());
        if (!path.matches()) {
            return;
        }
        try {
            KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
            RealmModel realm = session == null ? null : session.realms().getRealmByName(path.group(1));
            UserModel user = realm == null ? null : caller(session, realm);
            if (user != null && SecondFactors.removalLeavesRequiredUserWithout(realm, user, path.group(2))) {
                Map<String, String> error = new LinkedHashMap<>();
                error.put("error", "last_required_second_factor");
                error.put("errorMessage", text(session, realm, user, "cfLastSecondFactor"));
                request.abortWith(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(error).build());
            }
        } catch (RuntimeException e) {
            // Never a way around the rule by an error: refuse rather than let the removal through.
            LOG.warnf("Could not check a credential removal against the second-factor rule: %s", e.getClass().getSimpleName());
            request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (!"GET".equals(request.getMethod()) || response.getStatus() != 200) {
            return;
        }
        Matcher path = ALL.matcher(request.getUriInfo().getPath());
        if (!path.matches()) {
            return;
        }
        List<?> list;
        if (response.getEntity() instanceof List<?> given) {
            list = given;
        } else if (response.getEntity() instanceof java.util.stream.Stream<?> stream) {
            list = stream.toList();
            response.setEntity(list);
        } else {
            return;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = session == null ? null : session.realms().getRealmByName(path.group(1));
        UserModel user = realm == null ? null : caller(session, realm);
        if (user == null) {
            return;
        }
        List<Object> adjusted = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof AccountCredentialResource.CredentialContainer container && container.isRemoveable()
                    && !SecondFactors.removable(realm, user, container.getType())) {
                CredentialTypeMetadata metadata = container.getMetadata();
                CredentialTypeMetadata fixed = CredentialTypeMetadata.builder().type(metadata.getType())
                        .category(metadata.getCategory()).displayName(metadata.getDisplayName())
                        .helpText(metadata.getHelpText()).iconCssClass(metadata.getIconCssClass())
                        .createAction(metadata.getCreateAction()).updateAction(metadata.getUpdateAction())
                        .removeable(false).build(session);
                adjusted.add(new AccountCredentialResource.CredentialContainer(fixed, container.getUserCredentialMetadatas()));
            } else {
                adjusted.add(item);
            }
        }
        response.setEntity(adjusted);
    }

    private static UserModel caller(KeycloakSession session, RealmModel realm) {
        session.getContext().setRealm(realm);
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm)
                .authenticate();
        return auth == null ? null : auth.getUser();
    }

    private static String text(KeycloakSession session, RealmModel realm, UserModel user, String key) {
        try {
            Locale locale = session.getContext().resolveLocale(user);
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
            return messages.getProperty(key, key);
        } catch (IOException e) {
            return key;
        }
    }
}
