package io.creativeflow.keycloak.it;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** The session-limit tests' setup: the realm's limit at 2 and a public client for password grants. */
final class ProbeClient {

    private ProbeClient() {
    }

    static void limitTwo(ManagedRealm realm, String clientId) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributes());
        attributes.put("creativeflow.session-limit", "2");
        rep.setAttributes(attributes);
        realm.admin().update(rep);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        realm.admin().clients().create(client).close();
    }
}
