package io.creativeflow.keycloak.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A second realm on the same server playing an OIDC identity provider for our realm (as Google
 * would), with one user, wired to our post-broker-login flow. Set up and removed inside a test.
 */
final class PartnerRealm {

    private final Keycloak admin;
    private final ManagedRealm realm;
    private final String alias;

    private PartnerRealm(Keycloak admin, ManagedRealm realm, String alias) {
        this.admin = admin;
        this.realm = realm;
        this.alias = alias;
    }

    /** Creates realm {@code alias} with the user {@code email}/{@code password} and our IdP {@code alias}. */
    static PartnerRealm create(Keycloak admin, ManagedRealm realm, String alias, String email, String password) {
        RealmRepresentation partner = new RealmRepresentation();
        partner.setRealm(alias);
        partner.setEnabled(true);
        admin.realms().create(partner);
        String secret = alias + "-broker-secret-0123";
        ClientRepresentation broker = new ClientRepresentation();
        broker.setClientId("creativeflow-broker");
        broker.setSecret(secret);
        broker.setPublicClient(false);
        broker.setStandardFlowEnabled(true);
        broker.setRedirectUris(List.of(realm.getBaseUrl() + "/broker/" + alias + "/endpoint"));
        admin.realm(alias).clients().create(broker).close();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Pat");
        user.setLastName("Partner");
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        admin.realm(alias).users().create(user).close();

        String issuer = realm.getBaseUrl().replace("/realms/creativeflow", "/realms/" + alias);
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(alias);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setPostBrokerLoginFlowAlias("creativeflow post broker");
        Map<String, String> config = new HashMap<>();
        config.put("authorizationUrl", issuer + "/protocol/openid-connect/auth");
        config.put("tokenUrl", issuer + "/protocol/openid-connect/token");
        config.put("userInfoUrl", issuer + "/protocol/openid-connect/userinfo");
        config.put("issuer", issuer);
        config.put("clientId", "creativeflow-broker");
        config.put("clientSecret", secret);
        config.put("clientAuthMethod", "client_secret_post");
        config.put("defaultScope", "openid email profile");
        config.put("syncMode", "IMPORT");
        config.put("validateSignature", "false");
        idp.setConfig(config);
        realm.admin().identityProviders().create(idp).close();
        return new PartnerRealm(admin, realm, alias);
    }

    /** The partner's id of its user {@code email}. */
    String userId(String email) {
        return admin.realm(alias).users().search(email, true).get(0).getId();
    }

    void remove() {
        realm.admin().identityProviders().get(alias).remove();
        admin.realm(alias).remove();
    }
}
