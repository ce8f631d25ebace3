package io.creativeflow.keycloak.sessions;

import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.HashMap;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Keeps the registry in step with Keycloak: every LOGIN (browser, password grant, broker, SSO
 * cookie) registers its session and ends the oldest beyond the limit, online and offline; logouts,
 * expiry and admin deletions unregister (a login whose offline session lives on stays counted).
 * Redis failures never fail a login here (see {@link RedisHealth}; the fail-closed refusal is
 * {@link SessionLimitGuard}'s).
 *
 * <p>A session Redis evicted may not be visible yet: its login is still completing in another
 * request. It is marked evicted in Redis; the mark ends it at its code exchange or refresh, and a
 * retry after this request ends it as soon as it appears.
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
                case "REFRESH_TOKEN", "CODE_TO_TOKEN" -> {
                    RealmModel realm = session.realms().getRealm(event.getRealmId());
                    if (factory.registry().touch(event.getRealmId(), event.getUserId(), event.getSessionId(),
                            event.getTime(), SessionLimit.ttlSeconds(realm))) {
                        end(session, realm, event.getSessionId(), true);
                    }
                    factory.health().succeeded();
                }
                case "LOGOUT", "USER_SESSION_DELETED" -> {
                    RealmModel realm = session.realms().getRealm(event.getRealmId());
                    // The online session ended; an offline session of the same login still counts.
                    if (realm == null || session.sessions().getOfflineUserSession(realm, event.getSessionId()) == null) {
                        factory.registry().remove(event.getRealmId(), event.getUserId(), event.getSessionId());
                    }
                    factory.health().succeeded();
                }
                default -> {
                    // not a session event
                }
            }
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

        SessionRegistry.Login login = new SessionRegistry.Login(realm.getId(), event.getUserId(),
                event.getSessionId(), started, event.getIpAddress(), userAgent(), event.getClientId());
        List<String> evicted = new ArrayList<>(factory.registry().admit(login, limit, ttl));
        factory.health().succeeded();
        // After the call that found Redis back: sessions made during the outage, this login's too,
        // are added, and the limit applied to all of them. A failure here must not lose the
        // evictions Redis has already decided.
        try {
            if (reconcileAfterOutage(realm, event.getUserId(), ttl)) {
                evicted.addAll(factory.registry().admit(login, limit, ttl));
            }
        } catch (JedisException e) {
            factory.health().failed(e, factory.failOpen());
        }
        for (String sessionId : evicted) {
            factory.health().evictions.increment();
            boolean ended = end(session, realm, sessionId, true);
            LOG.debugf("Session limit %d: %s the oldest session of user %s", limit,
                    ended ? "ended" : "marked (not visible yet)", event.getUserId());
        }
        session.getTransactionManager().enlistAfterCompletion(new AfterAdmission(login, evicted, ttl));
    }

    /**
     * What Redis decided is only half the story until this request commits. Committed: every evicted
     * session is checked again from outside this transaction and ended if Keycloak has it (it was
     * still completing, or a parallel commit brought it back). Rolled back: this login never happened,
     * so it leaves the registry and the sessions it evicted (their ending rolled back too) return.
     */
    private final class AfterAdmission extends AbstractKeycloakTransaction {
        /** Looks after 0.2, 0.4, … 12.8 s: 25 s in all, longer than a login waits on its locks. */
        private static final int ATTEMPTS = 7;
        private final SessionRegistry.Login login;
        private final List<String> evicted;
        private final int ttl;

        AfterAdmission(SessionRegistry.Login login, List<String> evicted, int ttl) {
            this.login = login;
            this.evicted = List.copyOf(evicted);
            this.ttl = ttl;
        }

        @Override
        protected void commitImpl() {
            for (String sessionId : evicted) {
                // Not seen yet, or ended here while its own login was still committing (that commit
                // can bring it back from the database): look again from outside until it is gone.
                factory.endWhenVisible(login.realmId(), login.userId(), sessionId, ATTEMPTS);
            }
        }

        @Override
        protected void rollbackImpl() {
            try {
                factory.registry().remove(login.realmId(), login.userId(), login.sessionId());
                if (!evicted.isEmpty()) {
                    Map<String, Long> back = new HashMap<>();
                    long now = System.currentTimeMillis();
                    evicted.forEach(id -> back.put(id, now));
                    factory.registry().reconcile(login.realmId(), login.userId(), back, ttl);
                    evicted.forEach(id -> factory.registry().forgetEviction(login.realmId(), login.userId(), id));
                }
            } catch (JedisException e) {
                factory.health().failed(e, factory.failOpen());
            }
        }
    }

    /**
     * Ends a session online and offline: back-channel logout (clients with a back-channel logout
     * URL are told) when {@code withBackchannel}, then its offline session. False when Keycloak has
     * neither (yet).
     */
    static boolean end(KeycloakSession session, RealmModel realm, String sessionId, boolean withBackchannel) {
        boolean found = false;
        UserSessionModel online = session.sessions().getUserSession(realm, sessionId);
        if (online != null) {
            found = true;
            if (withBackchannel) {
                AuthenticationManager.backchannelLogout(session, realm, online, session.getContext().getUri(),
                        session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
            } else {
                session.sessions().removeUserSession(realm, online);
            }
        }
        UserSessionModel offline = session.sessions().getOfflineUserSession(realm, sessionId);
        if (offline != null) {
            found = true;
            new UserSessionManager(session).revokeOfflineUserSession(offline);
        }
        return found;
    }

    /** Sessions started while Redis was down are added; true when there were any to look at. */
    private boolean reconcileAfterOutage(RealmModel realm, String userId, int ttl) {
        long ended = factory.health().outageEndedAtMillis();
        if (ended == 0 || System.currentTimeMillis() - ended > ttl * 1000L) {
            return false;
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return false;
        }
        Map<String, Long> live = new HashMap<>();
        session.sessions().getUserSessionsStream(realm, user)
                .forEach(s -> live.putIfAbsent(s.getId(), s.getStarted() * 1000L));
        session.sessions().getOfflineUserSessionsStream(realm, user)
                .forEach(s -> live.putIfAbsent(s.getId(), s.getStarted() * 1000L));
        if (live.isEmpty()) {
            return false;
        }
        factory.registry().reconcile(realm.getId(), userId, live, ttl);
        return true;
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
