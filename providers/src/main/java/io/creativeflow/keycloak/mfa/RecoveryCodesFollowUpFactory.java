package io.creativeflow.keycloak.mfa;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Event listener {@code cf-recovery-codes-follow-up} (in the shipped realm's event listeners). */
@AutoService(EventListenerProviderFactory.class)
public final class RecoveryCodesFollowUpFactory implements EventListenerProviderFactory, StatelessProviderFactory<EventListenerProvider> {

    public static final String ID = "cf-recovery-codes-follow-up";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RecoveryCodesFollowUp(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
