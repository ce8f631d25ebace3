package io.creativeflow.keycloak.mfa;

import com.google.auto.service.AutoService;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Event listener {@code cf-recovery-codes-follow-up} (in the shipped realm's event listeners). */
@AutoService(EventListenerProviderFactory.class)
public final class RecoveryCodesFollowUpFactory implements EventListenerProviderFactory {

    public static final String ID = "cf-recovery-codes-follow-up";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RecoveryCodesFollowUp(session);
    }

    @Override
    public void init(Config.Scope config) {
        // nothing to configure
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // stateless
    }

    @Override
    public String getId() {
        return ID;
    }
}
