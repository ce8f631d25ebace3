package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.oauth.annotations.InjectTestApp;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Second-factor state belongs to the user it was made for. An attacker A stops on A's own code page,
 * then, in the same browser, signs in at a partner identity provider as the identity linked to the
 * victim V: Keycloak switches the authentication session to V without clearing its notes. V's own
 * factor must be asked, with a fresh code sent to V, and A's code must not sign in as V.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class BrokerStateBindingIT {

    private static final String PARTNER = "partner-binding";
    private static final String PASSWORD = "Partner-Bind-5521";

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectTestApp
    TestApp app;

    @InjectMailServer
    MailServer mailServer;

    @Test
    void anAttackersLiveEmailCodeDoesNotSignInAsTheLinkedVictim() throws Exception {
        String victimEmail = "victim-" + java.util.UUID.randomUUID() + "@example.com";
        PartnerRealm partner = PartnerRealm.create(admin, realm, PARTNER, victimEmail, PASSWORD);
        String partnerUserId = partner.userId(victimEmail);
        try {
            String victim = TestUsers.create(realm, "victim", PASSWORD, emailCodes());
            // The victim's account in our realm is the partner identity's (its email differs: linked, not matched).
            FederatedIdentityRepresentation link = new FederatedIdentityRepresentation();
            link.setIdentityProvider(PARTNER);
            link.setUserId(partnerUserId);
            link.setUserName(victimEmail);
            realm.admin().users().get(TestUsers.id(realm, victim)).addFederatedIdentity(PARTNER, link).close();
            String attacker = TestUsers.create(realm, "attacker", PASSWORD, emailCodes());
            Mailbox mailbox = new Mailbox(mailServer);

            FormClient browser = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(attacker, PASSWORD);
            assertThat(browser.title()).isEqualTo("Enter the code from your email");
            String attackersCode = Mailbox.code(mailbox.nextTo(attacker, 0));
            Map<String, String> query = query(browser.action("cf-otp-form"));

            int victimMails = mailbox.countTo(victim);
            browser.get(FormClient.BASE + "/realms/creativeflow/broker/" + PARTNER + "/login?client_id="
                    + query.get("client_id") + "&tab_id=" + query.get("tab_id") + "&session_code=" + query.get("session_code"));
            browser.signIn(victimEmail, PASSWORD);

            assertThat(browser.title()).as(FormClient.describe(browser.page())).isEqualTo("Enter the code from your email");
            assertThat(browser.page()).as("the victim's own address is shown").contains(victim.charAt(0) + "•••@example.com");
            String victimsCode = Mailbox.code(mailbox.nextTo(victim, victimMails));

            browser.submit("cf-otp-form", Map.of("code", attackersCode));
            assertThat(browser.page()).as("the attacker's code is not the victim's")
                    .contains("That code is not right");
            assertThat(browser.has("cf-otp-form")).isTrue();

            browser.submit("cf-otp-form", Map.of("code", victimsCode));
            assertThat(browser.codeAndVerifier()[0]).as("the victim's own code signs the victim in").isNotBlank();
        } finally {
            partner.remove();
        }
    }

    private static CredentialRepresentation emailCodes() {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType("cf-email-otp");
        credential.setCredentialData("{}");
        credential.setSecretData("{}");
        return credential;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String part : raw.split("&")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                params.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return params;
    }
}
