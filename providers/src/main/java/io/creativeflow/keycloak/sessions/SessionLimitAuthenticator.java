package io.creativeflow.keycloak.sessions;

import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import io.creativeflow.keycloak.spi.GateAuthenticator;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Policy deny-new: a login beyond the limit is refused instead of ending the oldest session. The
 * page says how many devices are allowed and offers "Sign out my other devices and continue" (the
 * password was just proven); the registry is asked first, and only sessions Keycloak still has
 * count. Under fail-closed a Redis outage refuses the login.
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
                context.getEvent().clone().detail("reason", "cfSessionLimitReached").error(Errors.ACCESS_DENIED);
                context.challenge(SessionLimitPage.limitReached(context, limit));
                return;
            }
            listeners.health().succeeded();
        } catch (JedisException e) {
            listeners.health().failed(e, listeners.failOpen());
            if (!listeners.failOpen()) {
                context.getEvent().clone().detail("reason", "cfSessionLimitUnavailable").error(Errors.ACCESS_DENIED);
                context.challenge(SessionLimitPage.unavailable(context));
                return;
            }
        }
        context.success();
    }

    /** "Sign out my other devices and continue", or another try. */
    @Override
    public void action(AuthenticationFlowContext context) {
        if (context.getHttpRequest().getDecodedFormParameters().containsKey(SessionLimitPage.SIGN_OUT_OTHERS)) {
            KeycloakSession session = context.getSession();
            RealmModel realm = context.getRealm();
            List<String> others = session.sessions().getUserSessionsStream(realm, context.getUser())
                    .map(s -> s.getId()).toList();
            List<String> offline = session.sessions().getOfflineUserSessionsStream(realm, context.getUser())
                    .map(s -> s.getId()).toList();
            java.util.Set<String> all = new java.util.LinkedHashSet<>(others);
            all.addAll(offline);
            for (String sessionId : all) {
                SessionLimitEventListener.end(session, realm, sessionId, true);
            }
            try {
                listeners.registry(session).removeAll(realm.getId(), context.getUser().getId());
            } catch (JedisException e) {
                listeners.health().failed(e, listeners.failOpen());
            }
            context.getEvent().detail("signed_out_other_devices", String.valueOf(all.size()));
        }
        authenticate(context);
    }

    /** Registered sessions that Keycloak still has (online or offline); stale entries are pruned. */
    private static int liveSessions(KeycloakSession session, SessionRegistry registry, RealmModel realm, UserModel user) {
        List<String> registered = registry.sessions(realm.getId(), user.getId());
        int live = 0;
        for (String sessionId : registered) {
            if (session.sessions().getUserSession(realm, sessionId) != null
                    || session.sessions().getOfflineUserSession(realm, sessionId) != null) {
                live++;
            } else {
                registry.remove(realm.getId(), user.getId(), sessionId);
            }
        }
        return live;
    }
}
