package io.creativeflow.keycloak.sessions;

import io.creativeflow.keycloak.spi.GateAuthenticator;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.cookie.CookieType;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.IdentityCookieToken;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The session limit's step in the shipped flows (browser, direct grant, post-broker):
 * <ul>
 * <li>under SESSION_LIMIT_ON_REDIS_FAILURE=fail-closed it refuses the sign-in while the registry's
 * Redis does not answer, with a page (or a JSON error at the token endpoint) saying so; under
 * fail-open it costs nothing;</li>
 * <li>on the sign-in page of a device whose session the limit ended, it says why (the browser still
 * holds that session's identity cookie, and Redis its eviction mark).</li>
 * </ul>
 */
final class SessionLimitGuard implements GateAuthenticator {

    private final SessionLimitEventListenerFactory listeners;

    SessionLimitGuard(SessionLimitEventListenerFactory listeners) {
        this.listeners = listeners;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SessionRegistry registry = listeners.registry(context.getSession());
        if (!listeners.failOpen()) {
            boolean answers;
            try {
                answers = registry.ping();
            } catch (JedisException e) {
                listeners.health().failed(e, false);
                answers = false;
            }
            if (!answers) {
                listeners.health().denials.increment();
                context.getEvent().clone().detail("reason", "cfSessionLimitUnavailable").error(Errors.ACCESS_DENIED);
                // A challenge, not a failure: Keycloak would count a failure against the user's
                // brute-force record, and nothing here is the user's fault.
                context.challenge(SessionLimitPage.unavailable(context));
                return;
            }
            listeners.health().succeeded();
        }
        tellAnEndedDeviceWhy(context, registry);
        context.success();
    }

    private static void tellAnEndedDeviceWhy(AuthenticationFlowContext context, SessionRegistry registry) {
        KeycloakSession session = context.getSession();
        // From the request itself: the SSO-cookie step before this one has already expired the
        // cookie of a session that no longer exists, and Keycloak's cookie provider forgets it then.
        jakarta.ws.rs.core.Cookie cookie = context.getHttpRequest().getHttpHeaders().getCookies()
                .get(CookieType.IDENTITY.getName());
        String identity = cookie == null ? null : cookie.getValue();
        if (identity == null || identity.isBlank()) {
            return;
        }
        IdentityCookieToken token = session.tokens().decode(identity, IdentityCookieToken.class);
        if (token == null || token.getSubject() == null || token.getSessionId() == null) {
            return;
        }
        RealmModel realm = context.getRealm();
        try {
            Integer limit = registry.evictedUnder(realm.getId(), token.getSubject(), token.getSessionId());
            if (limit != null) {
                // The mark also ends the session where it shows up: lifted only once it is gone.
                if (session.sessions().getUserSession(realm, token.getSessionId()) == null
                        && session.sessions().getOfflineUserSession(realm, token.getSessionId()) == null) {
                    registry.forgetEviction(realm.getId(), token.getSubject(), token.getSessionId());
                }
                // Shown by the next form of this request (the sign-in form shares the provider).
                context.form().setInfo(limit == 1 ? "cfSessionEndedByLimitOne" : "cfSessionEndedByLimit", limit);
            }
        } catch (JedisException e) {
            // a notice is not worth a failed sign-in
        }
    }

    /** It runs before the user is known (first in the browser forms). */
    @Override
    public boolean requiresUser() {
        return false;
    }
}
