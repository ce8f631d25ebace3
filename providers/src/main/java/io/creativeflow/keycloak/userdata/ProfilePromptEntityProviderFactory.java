package io.creativeflow.keycloak.userdata;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Adds {@link ProfilePromptEntity} to Keycloak's persistence unit and its changelog to Keycloak's
 * database update (tracking table {@code DATABASECHANGELOG_CF_PROFILE}).
 */
@AutoService(JpaEntityProviderFactory.class)
public final class ProfilePromptEntityProviderFactory
        implements JpaEntityProviderFactory, StatelessProviderFactory<JpaEntityProvider> {

    public static final String ID = "cf-profile-prompts";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new LoginActivityEntityProviderFactory.Entities(List.of(ProfilePromptEntity.class),
                "META-INF/creativeflow/cf-profile-prompts-changelog.xml", ID);
    }
}
