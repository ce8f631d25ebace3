package io.creativeflow.keycloak.userdata;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link LoginActivityStore} on Keycloak's database. A login locks the user's row (concurrent logins
 * of one user count one by one); the very first logins of a user racing on two nodes can collide on
 * the unique (user, realm) key, and the later one is then refused by the database, not miscounted.
 */
final class JpaLoginActivityStore implements LoginActivityStore {

    private final EntityManager em;

    JpaLoginActivityStore(EntityManager em) {
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
            activity = new LoginActivityEntity();
            activity.setId(UUID.randomUUID().toString());
            activity.setRealmId(realmId);
            activity.setUserId(userId);
            activity.setFirstLoginAt(at);
            em.persist(activity);
        } else {
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
