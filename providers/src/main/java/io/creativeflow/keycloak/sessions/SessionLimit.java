package io.creativeflow.keycloak.sessions;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * How many sessions a user may hold: the client's attribute, else the realm's attribute, else
 * CONCURRENT_SESSION_LIMIT. 0 means unlimited.
 */
public final class SessionLimit {

    /** Realm and client attribute that overrides CONCURRENT_SESSION_LIMIT. */
    public static final String ATTRIBUTE = "creativeflow.session-limit";

    private SessionLimit() {
    }

    static int resolve(int fromEnvironment, RealmModel realm, ClientModel client) {
        Integer fromClient = client == null ? null : parse(client.getAttribute(ATTRIBUTE));
        if (fromClient != null) {
            return fromClient;
        }
        Integer fromRealm = parse(realm.getAttribute(ATTRIBUTE));
        return fromRealm != null ? fromRealm : fromEnvironment;
    }

    /**
     * Session records live as long as the realm's longest session (plus a minute): SSO, and offline
     * sessions too, which count toward the limit (refreshes extend them, see SessionRegistry.touch).
     */
    static int ttlSeconds(RealmModel realm) {
        int longest = Math.max(realm.getSsoSessionMaxLifespan(), realm.getSsoSessionMaxLifespanRememberMe());
        longest = Math.max(longest, realm.getSsoSessionIdleTimeout());
        longest = Math.max(longest, realm.getOfflineSessionIdleTimeout());
        if (realm.isOfflineSessionMaxLifespanEnabled()) {
            longest = Math.max(longest, realm.getOfflineSessionMaxLifespan());
        }
        return longest + 60;
    }

    private static Integer parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= 0 ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
