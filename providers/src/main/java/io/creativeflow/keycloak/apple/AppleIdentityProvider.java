package io.creativeflow.keycloak.apple;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.social.SocialIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;
import org.keycloak.vault.VaultStringSecret;

/**
 * Sign in with Apple. Apple speaks OpenID Connect with three twists handled here: the client secret is
 * a short-lived ES256 JWT ({@link AppleClientSecret}); the answer comes back as a form POST
 * ({@code response_mode=form_post}); and the user's name arrives once, on the very first
 * authorization, as a {@code user} form field beside the code. The ID token is verified as any OIDC
 * one (Apple's JWKS, issuer, audience, expiry) and its nonce against the one sent.
 */
public class AppleIdentityProvider extends OIDCIdentityProvider
        implements SocialIdentityProvider<OIDCIdentityProviderConfig> {

    /** User attribute that tells apps the email is one of Apple's private relay addresses. */
    public static final String PRIVATE_EMAIL_ATTRIBUTE = "is_private_email";
    /** Login-theme message when a refused relay address or an unverifiable answer ends the login. */
    static final String RELAY_REFUSED = "cfAppleRelayRefused";
    static final String NOT_VERIFIED = "cfAppleNotVerified";

    private static final Logger LOG = Logger.getLogger(AppleIdentityProvider.class);
    private static final String USER_FIELD = "cf.apple.user";

    public AppleIdentityProvider(KeycloakSession session, AppleIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    public AppleIdentityProviderConfig getConfig() {
        return (AppleIdentityProviderConfig) super.getConfig();
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new AppleEndpoint(callback, realm, event, this);
    }

    @Override
    protected UriBuilder createAuthorizationUrl(AuthenticationRequest request) {
        return super.createAuthorizationUrl(request).queryParam("response_mode", "form_post");
    }

    @Override
    public SimpleHttpRequest authenticateTokenRequest(SimpleHttpRequest tokenRequest) {
        AppleIdentityProviderConfig config = getConfig();
        return tokenRequest.param(OAuth2Constants.CLIENT_ID, config.getClientId())
                .param(OAuth2Constants.CLIENT_SECRET, clientSecret());
    }

    String clientSecret() {
        AppleIdentityProviderConfig config = getConfig();
        if (config.getTeamId() == null || config.getKeyId() == null || config.getPrivateKey() == null) {
            throw new IdentityBrokerException("Sign in with Apple needs the team id, the key id and the private key")
                    .withMessageCode(NOT_VERIFIED);
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(config.getPrivateKey())) {
            String pem = secret.get().orElse(config.getPrivateKey());
            return AppleClientSecret.get(config.getClientId(), config.getTeamId(), config.getKeyId(), config.getIssuer(),
                    pem, config.getClientSecretLifetimeSeconds(), Time.currentTime());
        }
    }

    @Override
    protected JsonWebToken validateToken(String encodedToken, boolean ignoreAudience) {
        try {
            return super.validateToken(encodedToken, ignoreAudience);
        } catch (IdentityBrokerException e) {
            LOG.warnf("Refused an ID token from Apple: %s", e.getMessage());
            throw new IdentityBrokerException(e.getMessage(), e).withMessageCode(NOT_VERIFIED);
        }
    }

    @Override
    protected BrokeredIdentityContext extractIdentity(AccessTokenResponse tokenResponse, String accessToken,
            JsonWebToken idToken) throws IOException {
        checkNonce(idToken);
        BrokeredIdentityContext identity = super.extractIdentity(tokenResponse, accessToken, idToken);
        boolean privateRelay = isTrue(idToken.getOtherClaims().get(PRIVATE_EMAIL_ATTRIBUTE));
        if (privateRelay && getConfig().isRefusePrivateRelay()) {
            throw new IdentityBrokerException("A private-relay email address is refused by configuration")
                    .withMessageCode(RELAY_REFUSED);
        }
        identity.getContextData().put(PRIVATE_EMAIL_ATTRIBUTE, String.valueOf(privateRelay));
        Object user = session.getAttribute(USER_FIELD);
        if (user instanceof String json && !json.isBlank()) {
            JsonNode name = JsonSerialization.readValue(json, JsonNode.class).path("name");
            if (name.hasNonNull("firstName")) {
                identity.setFirstName(name.get("firstName").asText());
            }
            if (name.hasNonNull("lastName")) {
                identity.setLastName(name.get("lastName").asText());
            }
        }
        return identity;
    }

    /** Keeps whether the email is a private-relay address (Apple may change it at any login). */
    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        super.importNewUser(session, realm, user, context);
        keepPrivateEmailFlag(user, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        super.updateBrokeredUser(session, realm, user, context);
        keepPrivateEmailFlag(user, context);
    }

    private static void keepPrivateEmailFlag(UserModel user, BrokeredIdentityContext context) {
        Object flag = context.getContextData().get(PRIVATE_EMAIL_ATTRIBUTE);
        if (flag != null) {
            user.setSingleAttribute(PRIVATE_EMAIL_ATTRIBUTE, flag.toString());
        }
    }

    /** The nonce sent with the authorization request must come back in the ID token. */
    private void checkNonce(JsonWebToken idToken) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (authSession == null || getConfig().isDisableNonce()) {
            return;
        }
        Object nonce = idToken.getOtherClaims().get(OIDCLoginProtocol.NONCE_PARAM);
        String expected = authSession.getClientNote("BROKER_NONCE");
        if (expected == null || !expected.equals(nonce)) {
            LOG.warn("Refused an ID token from Apple: its nonce is not the one sent");
            throw new IdentityBrokerException("nonce mismatch").withMessageCode(NOT_VERIFIED);
        }
    }

    private static boolean isTrue(Object claim) {
        return claim != null && ("true".equalsIgnoreCase(claim.toString()));
    }

    /** Apple's callback: a form POST (code, state, and on the first authorization the user's name). */
    protected static class AppleEndpoint extends OIDCEndpoint {

        public AppleEndpoint(AuthenticationCallback callback, RealmModel realm, EventBuilder event, AppleIdentityProvider provider) {
            super(callback, realm, event, provider);
        }

        @POST
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public Response formPost(@FormParam(OAuth2Constants.STATE) String state, @FormParam(OAuth2Constants.CODE) String code,
                @FormParam(OAuth2Constants.ERROR) String error, @FormParam("user") String user) {
            if (user != null) {
                session.setAttribute(USER_FIELD, user);
            }
            return authResponse(state, code, error, null);
        }
    }
}
