package io.creativeflow.keycloak.userdata;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The stores of our user data, in the session's transaction (Keycloak's own EntityManager). */
public final class UserData {

    private UserData() {
    }

    public static LoginActivityStore loginActivity(KeycloakSession session) {
        return new JpaLoginActivityStore(session, entityManager(session));
    }

    public static ProfilePromptStore profilePrompts(KeycloakSession session) {
        return new JpaProfilePromptStore(entityManager(session));
    }

    private static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
