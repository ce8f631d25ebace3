package io.creativeflow.keycloak.userdata;

import java.util.Optional;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * The realm file's client scope {@value #NAME} carries {@link LoginActivityMapper}. Keycloak gives an
 * imported client the realm's default scopes only; this makes ours optional for the realm's own apps
 * and for clients created later, so that apps can ask for it
 * ({@code scope=openid creativeflow-activity}). Without listing every Keycloak default scope in each
 * client of the realm file.
 */
final class ActivityClientScope {

    static final String NAME = "creativeflow-activity";

    private ActivityClientScope() {
    }

    static void offerIn(RealmModel realm) {
        Optional<ClientScopeModel> found = realm.getClientScopesStream()
                .filter(scope -> NAME.equals(scope.getName())).findFirst();
        if (found.isEmpty()) {
            return;
        }
        ClientScopeModel scope = found.get();
        realm.addDefaultClientScope(scope, false);
        realm.getClientsStream()
                .filter(client -> client.getProtocol() == null || OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol()))
                .filter(client -> !client.isBearerOnly() && !Constants.defaultClients.contains(client.getClientId()))
                .filter(client -> !client.getClientScopes(false).containsKey(NAME) && !client.getClientScopes(true).containsKey(NAME))
                .forEach(client -> client.addClientScope(scope, false));
    }
}
