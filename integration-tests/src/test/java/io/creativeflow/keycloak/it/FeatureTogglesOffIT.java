package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectTestApp;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.PkceGenerator;

/**
 * Runs in its own failsafe execution, on a server started with the optional features turned off
 * (EnableMFA_EmailOTP=false, see integration-tests/pom.xml).
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class FeatureTogglesOffIT {

    private static final String PASSWORD = "Quartz-Meadow-904";

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTestApp
    TestApp app;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @InjectMailServer
    MailServer mailServer;

    @Test
    void withEmailCodesOffAnEnrolledUserIsNotAskedForACode() throws Exception {
        String email = user(true);
        Mailbox mailbox = new Mailbox(mailServer);

        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.fillLogin(email, PASSWORD);
        loginPage.submit();

        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
        assertThat(mailbox.countTo(email)).isZero();
    }

    @Test
    void withEmailCodesOffNobodyCanEnrol() throws Exception {
        String email = user(false);

        webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-email-otp-setup").open();
        loginPage.fillLogin(email, PASSWORD);
        loginPage.submit();

        assertThat(driver.driver().getPageSource()).contains("Sign-in codes by email are not available");
        assertThat(realm.admin().users().searchByEmail(email, true).get(0).getId()).isNotNull();
        assertThat(realm.admin().users().get(realm.admin().users().searchByEmail(email, true).get(0).getId())
                .credentials()).extracting(CredentialRepresentation::getType).doesNotContain("cf-email-otp");
        assertThat(new Mailbox(mailServer).countTo(email)).isZero();
    }

    private String user(boolean withEmailCodes) {
        String email = "toggle-" + UUID.randomUUID() + "@example.com";
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setFirstName("Tess");
        user.setLastName("Toggle");
        user.setEnabled(true);
        user.setEmailVerified(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        if (withEmailCodes) {
            // As a realm export carries it: the credential holds no secret.
            CredentialRepresentation emailCodes = new CredentialRepresentation();
            emailCodes.setType("cf-email-otp");
            emailCodes.setCredentialData("{}");
            emailCodes.setSecretData("{}");
            user.setCredentials(List.of(password, emailCodes));
        } else {
            user.setCredentials(List.of(password));
        }
        assertThat(realm.admin().users().create(user).getStatus()).isEqualTo(201);
        if (withEmailCodes) {
            String id = realm.admin().users().searchByEmail(email, true).get(0).getId();
            assertThat(realm.admin().users().get(id).credentials())
                    .extracting(CredentialRepresentation::getType).contains("cf-email-otp");
        }
        return email;
    }

    private OAuthClient webClient() {
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        return oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri());
    }
}
