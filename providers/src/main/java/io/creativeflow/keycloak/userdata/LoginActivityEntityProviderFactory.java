package io.creativeflow.keycloak.userdata;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Adds {@link LoginActivityEntity} to Keycloak's persistence unit and its changelog to Keycloak's
 * database update (tracking table {@code DATABASECHANGELOG_CF_LOGIN_A}).
 */
@AutoService(JpaEntityProviderFactory.class)
public final class LoginActivityEntityProviderFactory
        implements JpaEntityProviderFactory, StatelessProviderFactory<JpaEntityProvider> {

    public static final String ID = "cf-login-activity";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new Entities(List.of(LoginActivityEntity.class), "META-INF/creativeflow/cf-login-activity-changelog.xml", ID);
    }

    /** The entities and changelog of one provider. */
    record Entities(List<Class<?>> entities, String changelog, String factoryId) implements JpaEntityProvider {
        @Override
        public List<Class<?>> getEntities() {
            return entities;
        }

        @Override
        public String getChangelogLocation() {
            return changelog;
        }

        @Override
        public String getFactoryId() {
            return factoryId;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
