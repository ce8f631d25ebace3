package io.creativeflow.keycloak.sessions;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Keeps the registry in step with Keycloak: every LOGIN (browser, password grant, broker, SSO
 * cookie) registers its session and signs out the oldest beyond the limit; logouts, expiry and
 * admin deletions unregister. Redis failures never fail a login here (see {@link RedisHealth}).
 */
final class SessionLimitEventListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(SessionLimitEventListener.class);

    private final KeycloakSession session;
    private final SessionLimitEventListenerFactory factory;

    SessionLimitEventListener(KeycloakSession session, SessionLimitEventListenerFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getSessionId() == null || event.getUserId() == null) {
            return;
        }
        String type = event.getType().name();
        try {
            switch (type) {
                case "LOGIN" -> admit(event);
                case "REFRESH_TOKEN", "CODE_TO_TOKEN" -> factory.registry().touch(event.getRealmId(),
                        event.getUserId(), event.getSessionId(), event.getTime());
                case "LOGOUT", "USER_SESSION_DELETED" -> factory.registry().remove(event.getRealmId(),
                        event.getUserId(), event.getSessionId());
                default -> {
                    return;
                }
            }
            factory.health().succeeded();
        } catch (JedisException e) {
            factory.health().failed(e, factory.failOpen());
        }
    }

    private void admit(Event event) {
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        ClientModel client = event.getClientId() == null ? null : realm.getClientByClientId(event.getClientId());
        int limit = SessionLimit.resolve(factory.defaultLimit(), realm, client);
        int ttl = SessionLimit.ttlSeconds(realm);
        UserSessionModel current = session.sessions().getUserSession(realm, event.getSessionId());
        long started = current != null ? current.getStarted() * 1000L : event.getTime();

        reconcileAfterOutage(realm, event.getUserId(), ttl);
        List<String> evicted = factory.registry().admit(new SessionRegistry.Login(realm.getId(), event.getUserId(),
                event.getSessionId(), started, event.getIpAddress(), userAgent(), event.getClientId()), limit, ttl);
        for (String sessionId : evicted) {
            UserSessionModel oldest = session.sessions().getUserSession(realm, sessionId);
            if (oldest == null) {
                continue; // already gone from Keycloak: a stale entry, now pruned
            }
            // Back-channel logout: clients with a back-channel logout URL are told too.
            AuthenticationManager.backchannelLogout(session, realm, oldest, session.getContext().getUri(),
                    session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
            factory.health().evictions.increment();
            LOG.debugf("Session limit %d: ended the oldest session of user %s", limit, event.getUserId());
        }
    }

    /** Sessions started while Redis was down are added as users log in again. */
    private void reconcileAfterOutage(RealmModel realm, String userId, int ttl) {
        long ended = factory.health().outageEndedAtMillis();
        if (ended == 0 || System.currentTimeMillis() - ended > ttl * 1000L) {
            return;
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        Map<String, Long> live = session.sessions().getUserSessionsStream(realm, user)
                .collect(Collectors.toMap(UserSessionModel::getId, s -> s.getStarted() * 1000L, (a, b) -> a));
        if (!live.isEmpty()) {
            factory.registry().reconcile(realm.getId(), userId, live, ttl);
        }
    }

    private String userAgent() {
        if (session.getContext().getRequestHeaders() == null) {
            return "";
        }
        String agent = session.getContext().getRequestHeaders().getHeaderString("User-Agent");
        return agent == null ? "" : agent.length() > 256 ? agent.substring(0, 256) : agent;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        String path = event.getResourcePath();
        if (event.getOperationType() != OperationType.DELETE && event.getOperationType() != OperationType.ACTION
                || path == null) {
            return;
        }
        try {
            if (event.getResourceType() == ResourceType.USER_SESSION && path.startsWith("sessions/")) {
                String sessionId = path.substring("sessions/".length());
                String owner = factory.registry().owner(event.getRealmId(), sessionId);
                if (owner != null) {
                    factory.registry().remove(event.getRealmId(), owner, sessionId);
                }
            } else if (event.getResourceType() == ResourceType.USER && path.startsWith("users/")
                    && path.endsWith("/logout")) {
                String userId = path.substring("users/".length(), path.length() - "/logout".length());
                factory.registry().removeAll(event.getRealmId(), userId);
            } else if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.DELETE
                    && path.startsWith("users/") && path.indexOf('/', "users/".length()) < 0) {
                factory.registry().removeAll(event.getRealmId(), path.substring("users/".length()));
            } else {
                return;
            }
            factory.health().succeeded();
        } catch (JedisException e) {
            factory.health().failed(e, factory.failOpen());
        }
    }

    @Override
    public void close() {
        // the Redis client belongs to the factory
    }
}
