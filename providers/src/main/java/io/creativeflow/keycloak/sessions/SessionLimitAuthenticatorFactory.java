package io.creativeflow.keycloak.sessions;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.GateAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Describes the {@code cf-session-limit} authenticator (policy deny-new) to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class SessionLimitAuthenticatorFactory implements GateAuthenticatorFactory {

    private volatile SessionLimitEventListenerFactory listeners;

    @Override
    public String getId() {
        return SessionLimitEventListenerFactory.ID;
    }

    @Override
    public String getDisplayType() {
        return "Concurrent-session limit (deny new)";
    }

    @Override
    public String getHelpText() {
        return "Refuses a login while the user already holds CONCURRENT_SESSION_LIMIT sessions (or the"
                + " realm's or client's creativeflow.session-limit attribute), instead of signing out the"
                + " oldest. Put it after the password step; needs the cf-session-limit event listener.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new SessionLimitAuthenticator(listeners);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        listeners = (SessionLimitEventListenerFactory) factory.getProviderFactory(EventListenerProvider.class,
                SessionLimitEventListenerFactory.ID);
    }
}
