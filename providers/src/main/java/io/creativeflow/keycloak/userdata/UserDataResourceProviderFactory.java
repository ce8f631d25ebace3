package io.creativeflow.keycloak.userdata;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@code /realms/{realm}/creativeflow/...} ({@link UserDataResource}). */
@AutoService(RealmResourceProviderFactory.class)
public final class UserDataResourceProviderFactory
        implements RealmResourceProviderFactory, StatelessProviderFactory<RealmResourceProvider> {

    public static final String ID = "creativeflow";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new UserDataResource(session);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
