package io.creativeflow.keycloak.config;

import com.google.auto.service.AutoService;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * Reads the spec's environment variables once, when Keycloak initialises its providers — before it
 * imports realms — and writes the derived values into realms as they are imported.
 *
 * <p>Why not placeholders alone: Keycloak's realm import pastes environment variables as text, so it
 * cannot turn ACCESS_TOKEN_EXPIRE_MINUTES into seconds. The realm file keeps
 * {@code ${VAR:default}} placeholders where the spec's value fits as it is (URLs, secrets) and marks
 * itself with {@value SpecRealmSettings#MARKER_ATTRIBUTE} for the rest. Invalid configuration throws
 * from {@link #init}, which stops the server before anything is imported.
 */
@AutoService(SpecSettingsProviderFactory.class)
public final class EnvironmentSettingsProviderFactory implements SpecSettingsProviderFactory {

    public static final String ID = "environment";

    private static final Logger LOG = Logger.getLogger(EnvironmentSettingsProviderFactory.class);

    private volatile SpecSettings settings;

    @Override
    public void init(Config.Scope config) {
        settings = SpecSettings.from(System.getenv());
        settings.warnings().forEach(LOG::warn);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                // Every start: the toggles follow the environment in realms that opted in, and
                // required actions of providers added since the realm was imported get registered.
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream()
                        .filter(SpecRealmSettings::wanted)
                        .forEach(realm -> {
                            SpecRealmSettings.registerOurRequiredActions(session, realm);
                            SpecRealmSettings.applyToggles(settings, realm);
                            SpecRealmSettings.applySocial(session, settings, realm);
                        }));
            }
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RealmModel realm = created.getCreatedRealm();
                if (SpecRealmSettings.wanted(realm)) {
                    SpecRealmSettings.apply(settings, realm);
                    SpecRealmSettings.registerOurRequiredActions(created.getKeycloakSession(), realm);
                    SpecRealmSettings.applyToggles(settings, realm);
                    SpecRealmSettings.applySocial(created.getKeycloakSession(), settings, realm);
                    LOG.infof("Applied the CreativeFlow environment settings to realm '%s'", realm.getName());
                }
            }
        });
    }

    @Override
    public SpecSettingsProvider create(KeycloakSession session) {
        SpecSettings current = settings;
        return () -> current;
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String getId() {
        return ID;
    }
}
