package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
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
 * (EnableMFA_EmailOTP=false, EnableMFA_AuthenticatorApp=false, EnableMFA_SMS=false,
 * EnableProgressiveProfilingTrigger=false, see integration-tests/pom.xml).
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
        assertThat(TestUsers.credentialTypes(realm, email)).doesNotContain("cf-email-otp");
        assertThat(new Mailbox(mailServer).countTo(email)).isZero();
    }

    @Test
    void withSmsCodesOffAnEnrolledUserIsNotAskedAndNobodyCanEnrol() throws Exception {
        // A number enrolled while SMS was on (the credential as an admin import would create it).
        CredentialRepresentation sms = new CredentialRepresentation();
        sms.setType("cf-sms-otp");
        sms.setUserLabel("+49 ••• ••• 89");
        sms.setCredentialData("{\"lookup\":\"0\",\"country\":\"DE\"}");
        sms.setSecretData("{\"phone\":\"v1:none:AAAA\"}");
        String enrolled = TestUsers.create(realm, "toggles-sms", PASSWORD, sms);
        assertThat(TestUsers.credentialTypes(realm, enrolled)).contains("cf-sms-otp");

        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.fillLogin(enrolled, PASSWORD);
        loginPage.submit();
        assertThat(oauth.parseLoginResponse().getCode()).as("signed in without an SMS code").isNotNull();

        String other = TestUsers.create(realm, "toggles-sms", PASSWORD);
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-sms-setup").open();
        loginPage.fillLogin(other, PASSWORD);
        loginPage.submit();
        assertThat(driver.driver().getPageSource()).contains("Sign-in codes by SMS are not available");
        assertThat(TestUsers.credentialTypes(realm, other)).doesNotContain("cf-sms-otp");
    }

    @Test
    void withProgressiveProfilingOffNobodyIsAskedForProfileFields() throws Exception {
        String email = TestUsers.createWithoutProfile(realm, "toggles-profile", PASSWORD);
        for (int login = 1; login <= 3; login++) {
            webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
            loginPage.fillLogin(email, PASSWORD);
            loginPage.submit();
            assertThat(oauth.parseLoginResponse().getCode()).as("login %s without a profile prompt", login).isNotNull();
        }
        // Our tables were created once, by the first server on this database, and a restart changed nothing.
        if (Database.available()) {
            assertThat(Database.first("select count(*) from databasechangelog_cf_login_a")).contains("1");
            assertThat(Database.first("select count(*) from databasechangelog_cf_profile")).contains("1");
        }
    }

    @Test
    void withAuthenticatorAppsOffTotpIsNeitherAskedNorEnrollable() throws Exception {
        assertThat(realm.admin().flows().getRequiredAction("CONFIGURE_TOTP").isEnabled()).isFalse();
        assertThat(realm.admin().flows().getExecutions("creativeflow second factor").stream()
                .filter(e -> "auth-otp-form".equals(e.getProviderId())).findFirst().orElseThrow().getRequirement())
                .isEqualTo("DISABLED");

        CredentialRepresentation totp = new CredentialRepresentation();
        totp.setType("otp");
        totp.setSecretData("{\"value\":\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\"}");
        totp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        String email = TestUsers.create(realm, "totp-off", PASSWORD, totp);
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.fillLogin(email, PASSWORD);
        loginPage.submit();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    private String user(boolean withEmailCodes) {
        if (!withEmailCodes) {
            return TestUsers.create(realm, "toggle", PASSWORD);
        }
        // As a realm export carries it: the credential holds no secret.
        CredentialRepresentation emailCodes = new CredentialRepresentation();
        emailCodes.setType("cf-email-otp");
        emailCodes.setCredentialData("{}");
        emailCodes.setSecretData("{}");
        String email = TestUsers.create(realm, "toggle", PASSWORD, emailCodes);
        assertThat(TestUsers.credentialTypes(realm, email)).contains("cf-email-otp");
        return email;
    }

    private OAuthClient webClient() {
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        return oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri());
    }
}
