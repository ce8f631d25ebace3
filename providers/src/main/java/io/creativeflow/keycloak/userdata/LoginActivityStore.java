package io.creativeflow.keycloak.userdata;

import java.util.Optional;

/** Login activity per user and realm. */
public interface LoginActivityStore {

    /** What is known of a user's logins; times in epoch milliseconds. */
    record Activity(long firstLoginAt, long lastLoginAt, Long previousLoginAt, long loginCount, String lastIp,
            String lastClientId, String lastIdentityProvider) {
    }

    Optional<Activity> find(String realmId, String userId);

    /** Counts a login: first time, last (and previous) time, count, IP, client and identity provider. */
    void recordLogin(String realmId, String userId, long at, String ip, String clientId, String identityProvider);

    void deleteUser(String realmId, String userId);

    void deleteRealm(String realmId);
}
