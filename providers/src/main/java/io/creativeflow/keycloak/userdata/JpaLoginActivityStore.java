package io.creativeflow.keycloak.userdata;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@link LoginActivityStore} on Keycloak's database. A login locks the user's row, so concurrent
 * logins of one user count one by one. The row is created in a transaction of its own: when the
 * first logins of a user race, one creates it, the others find the unique (user, realm) key taken,
 * and all of them then count on the same row inside their own request's transaction.
 */
final class JpaLoginActivityStore implements LoginActivityStore {

    private static final Logger LOG = Logger.getLogger(JpaLoginActivityStore.class);

    private final KeycloakSession session;
    private final EntityManager em;

    JpaLoginActivityStore(KeycloakSession session, EntityManager em) {
        this.session = session;
        this.em = em;
    }

    @Override
    public Optional<Activity> find(String realmId, String userId) {
        return load(realmId, userId, LockModeType.NONE).map(e -> new Activity(e.getFirstLoginAt(), e.getLastLoginAt(),
                e.getPreviousLoginAt(), e.getLoginCount(), e.getLastIp(), e.getLastClientId(), e.getLastIdentityProvider()));
    }

    @Override
    public void recordLogin(String realmId, String userId, long at, String ip, String clientId, String identityProvider) {
        LoginActivityEntity activity = load(realmId, userId, LockModeType.PESSIMISTIC_WRITE).orElse(null);
        if (activity == null) {
            createRow(realmId, userId, at);
            activity = load(realmId, userId, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() ->
                    new IllegalStateException("no login-activity row for user " + userId + " after creating it"));
        }
        if (activity.getLoginCount() > 0) {
            activity.setPreviousLoginAt(activity.getLastLoginAt());
        }
        activity.setLastLoginAt(at);
        activity.setLoginCount(activity.getLoginCount() + 1);
        activity.setLastIp(truncate(ip, 64));
        activity.setLastClientId(truncate(clientId, 255));
        activity.setLastIdentityProvider(truncate(identityProvider, 255));
    }

    @Override
    public void deleteUser(String realmId, String userId) {
        em.createQuery("delete from LoginActivityEntity a where a.realmId = :realm and a.userId = :user")
                .setParameter("realm", realmId).setParameter("user", userId).executeUpdate();
    }

    @Override
    public void deleteRealm(String realmId) {
        em.createQuery("delete from LoginActivityEntity a where a.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }

    /** The user's row with no login counted yet, committed at once; a concurrent creator may win. */
    private void createRow(String realmId, String userId, long at) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                EntityManager ownEm = own.getProvider(JpaConnectionProvider.class).getEntityManager();
                if (new JpaLoginActivityStore(own, ownEm).load(realmId, userId, LockModeType.NONE).isPresent()) {
                    return;
                }
                LoginActivityEntity row = new LoginActivityEntity();
                row.setId(UUID.randomUUID().toString());
                row.setRealmId(realmId);
                row.setUserId(userId);
                row.setFirstLoginAt(at);
                row.setLastLoginAt(at);
                ownEm.persist(row);
                ownEm.flush();
            });
        } catch (RuntimeException raced) {
            LOG.debugf("Login-activity row of user %s was created concurrently: %s", userId, raced.getMessage());
        }
    }

    private Optional<LoginActivityEntity> load(String realmId, String userId, LockModeType lock) {
        List<LoginActivityEntity> found = em.createQuery(
                        "select a from LoginActivityEntity a where a.realmId = :realm and a.userId = :user",
                        LoginActivityEntity.class)
                .setParameter("realm", realmId).setParameter("user", userId)
                .setLockMode(lock).getResultList();
        return found.stream().findFirst();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
