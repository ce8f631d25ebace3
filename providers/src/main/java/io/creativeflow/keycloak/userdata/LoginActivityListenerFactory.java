package io.creativeflow.keycloak.userdata;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.config.SpecRealmSettings;
import org.keycloak.Config;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Event listener {@code cf-login-activity} (listed in the realm's event listeners): every LOGIN, on
 * every path (browser, password grant, identity provider, SSO cookie), updates the user's row in the
 * request's own transaction. Removing a user or a realm removes their rows, whether or not the realm
 * lists the listener. A realm imported with the spec's settings gets the optional client scope
 * {@code creativeflow-activity} ({@link ActivityClientScope}).
 */
@AutoService(EventListenerProviderFactory.class)
public final class LoginActivityListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "cf-login-activity";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (event.getType() == EventType.LOGIN && event.getUserId() != null) {
                    String identityProvider = event.getDetails() == null ? null
                            : event.getDetails().get(Details.IDENTITY_PROVIDER);
                    UserData.loginActivity(session).recordLogin(event.getRealmId(), event.getUserId(),
                            event.getTime(), event.getIpAddress(), event.getClientId(), identityProvider);
                }
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                // removals arrive as provider events (postInit)
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        // nothing to read
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                String realmId = removed.getRealm().getId();
                String userId = removed.getUser().getId();
                UserData.loginActivity(removed.getKeycloakSession()).deleteUser(realmId, userId);
                UserData.profilePrompts(removed.getKeycloakSession()).deleteUser(realmId, userId);
            } else if (event instanceof RealmModel.RealmPostCreateEvent created
                    && SpecRealmSettings.wanted(created.getCreatedRealm())) {
                ActivityClientScope.offerIn(created.getCreatedRealm());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                String realmId = removed.getRealm().getId();
                UserData.loginActivity(removed.getKeycloakSession()).deleteRealm(realmId);
                UserData.profilePrompts(removed.getKeycloakSession()).deleteRealm(realmId);
            }
        });
    }

    @Override
    public void close() {
        // nothing held
    }
}
