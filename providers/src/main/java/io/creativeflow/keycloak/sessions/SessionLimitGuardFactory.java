package io.creativeflow.keycloak.sessions;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.GateAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Describes the {@code cf-session-limit-guard} step to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class SessionLimitGuardFactory implements GateAuthenticatorFactory {

    public static final String ID = "cf-session-limit-guard";

    private volatile SessionLimitEventListenerFactory listeners;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Concurrent-session limit guard";
    }

    @Override
    public String getHelpText() {
        return "Under SESSION_LIMIT_ON_REDIS_FAILURE=fail-closed, refuses sign-ins while the session registry's"
                + " Redis does not answer (a no-op under fail-open). On the sign-in page of a device whose session"
                + " the limit ended, says why. Put it first in the browser forms, after the password in direct"
                + " grant, and in the post-broker-login flow.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new SessionLimitGuard(listeners);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        listeners = (SessionLimitEventListenerFactory) factory.getProviderFactory(EventListenerProvider.class,
                SessionLimitEventListenerFactory.ID);
    }
}
