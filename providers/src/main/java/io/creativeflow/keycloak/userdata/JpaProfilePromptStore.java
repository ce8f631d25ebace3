package io.creativeflow.keycloak.userdata;

import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@link ProfilePromptStore} on Keycloak's database. */
final class JpaProfilePromptStore implements ProfilePromptStore {

    private final EntityManager em;

    JpaProfilePromptStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public Map<String, Prompt> forUser(String realmId, String userId) {
        Map<String, Prompt> prompts = new LinkedHashMap<>();
        em.createQuery("select p from ProfilePromptEntity p where p.realmId = :realm and p.userId = :user",
                        ProfilePromptEntity.class)
                .setParameter("realm", realmId).setParameter("user", userId).getResultList()
                .forEach(p -> prompts.put(p.getAttribute(),
                        new Prompt(p.getAttribute(), p.getTimesAsked(), p.getTimesSkipped(), p.getCompletedAt())));
        return prompts;
    }

    @Override
    public void asked(String realmId, String userId, String attribute, long at) {
        ProfilePromptEntity prompt = row(realmId, userId, attribute);
        prompt.setTimesAsked(prompt.getTimesAsked() + 1);
        prompt.setLastAskedAt(at);
    }

    @Override
    public void skipped(String realmId, String userId, String attribute) {
        ProfilePromptEntity prompt = row(realmId, userId, attribute);
        prompt.setTimesSkipped(prompt.getTimesSkipped() + 1);
    }

    @Override
    public void completed(String realmId, String userId, String attribute, long at) {
        row(realmId, userId, attribute).setCompletedAt(at);
    }

    @Override
    public void deleteUser(String realmId, String userId) {
        em.createQuery("delete from ProfilePromptEntity p where p.realmId = :realm and p.userId = :user")
                .setParameter("realm", realmId).setParameter("user", userId).executeUpdate();
    }

    @Override
    public void deleteRealm(String realmId) {
        em.createQuery("delete from ProfilePromptEntity p where p.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }

    private ProfilePromptEntity row(String realmId, String userId, String attribute) {
        return em.createQuery("select p from ProfilePromptEntity p where p.realmId = :realm and p.userId = :user"
                        + " and p.attribute = :attribute", ProfilePromptEntity.class)
                .setParameter("realm", realmId).setParameter("user", userId).setParameter("attribute", attribute)
                .getResultStream().findFirst().orElseGet(() -> {
                    ProfilePromptEntity created = new ProfilePromptEntity();
                    created.setId(UUID.randomUUID().toString());
                    created.setRealmId(realmId);
                    created.setUserId(userId);
                    created.setAttribute(attribute);
                    em.persist(created);
                    return created;
                });
    }
}
