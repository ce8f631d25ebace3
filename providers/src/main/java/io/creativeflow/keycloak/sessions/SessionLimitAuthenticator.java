package io.creativeflow.keycloak.sessions;

import io.creativeflow.keycloak.spi.GateAuthenticator;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code deny-new}: placed after the password step, refuses a login while the user already holds
 * the limit, before a new session exists (instead of the listener's evict-oldest). Also the place
 * where {@code fail-closed} refuses logins while Redis is unreachable.
 */
final class SessionLimitAuthenticator implements GateAuthenticator {

    private final SessionLimitEventListenerFactory listeners;

    SessionLimitAuthenticator(SessionLimitEventListenerFactory listeners) {
        this.listeners = listeners;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        SessionRegistry registry = listeners.registry(context.getSession());
        int limit = SessionLimit.resolve(listeners.defaultLimit(), realm, context.getAuthenticationSession().getClient());
        try {
            if (limit > 0 && liveSessions(context.getSession(), registry, realm, user) >= limit) {
                listeners.health().denials.increment();
                deny(context, "cfSessionLimitReached", limit);
                return;
            }
            listeners.health().succeeded();
        } catch (JedisException e) {
            listeners.health().failed(e, listeners.failOpen());
            if (!listeners.failOpen()) {
                deny(context, "cfSessionLimitUnavailable");
                return;
            }
        }
        context.success();
    }

    /** Registered sessions that Keycloak still has; stale entries met here are pruned. */
    private static int liveSessions(KeycloakSession session, SessionRegistry registry, RealmModel realm, UserModel user) {
        List<String> registered = registry.sessions(realm.getId(), user.getId());
        int live = 0;
        for (String sessionId : registered) {
            if (session.sessions().getUserSession(realm, sessionId) != null) {
                live++;
            } else {
                registry.remove(realm.getId(), user.getId(), sessionId);
            }
        }
        return live;
    }

    private static void deny(AuthenticationFlowContext context, String messageKey, Object... parameters) {
        context.getEvent().detail("reason", messageKey).error(Errors.ACCESS_DENIED);
        Response page = context.form().setError(messageKey, parameters).createErrorPage(Response.Status.FORBIDDEN);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, page);
    }
}
