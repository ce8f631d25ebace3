package io.creativeflow.keycloak.spi;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * An authenticator that only checks the already identified user and lets the login pass or refuses
 * it: no form of its own, nothing to enrol, nothing held.
 */
public interface GateAuthenticator extends Authenticator {

    @Override
    default void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    default boolean requiresUser() {
        return true;
    }

    @Override
    default boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    default void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    default void close() {
        // stateless
    }
}
