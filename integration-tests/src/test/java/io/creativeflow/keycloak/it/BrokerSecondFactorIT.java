package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
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
import org.openqa.selenium.By;

/**
 * A social-style sign-in (a second realm on the same server plays the identity provider, as Google
 * would) still demands the user's second factor: the realm's post-broker-login flow.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class BrokerSecondFactorIT {

    private static final String PARTNER = "partner-idp";
    private static final String PASSWORD = "Partner-Pass-9182";

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

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

    private String email;

    private PartnerRealm partner;

    @Test
    void aBrokerLoginStillDemandsTheSecondFactor() throws Exception {
        email = "broker-" + UUID.randomUUID() + "@example.com";
        partner = PartnerRealm.create(admin, realm, PARTNER, email, PASSWORD);
        try {
            brokerLoginsWithSecondFactor();
        } finally {
            partner.remove();
        }
    }

    private void brokerLoginsWithSecondFactor() throws Exception {
        Mailbox mailbox = new Mailbox(mailServer);

        // First broker login creates the account; the second enrols email codes.
        brokerLogin(null);
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
        brokerLogin("cf-email-otp-setup");
        String enrolmentCode = Mailbox.code(mailbox.nextTo(email, 0));
        codeField().sendKeys(enrolmentCode);
        driver.findElement(By.id("cf-otp-submit")).click();
        driver.findElement(By.id("stored")).click();
        driver.findElement(By.id("cf-recovery-confirm")).click();
        assertThat(oauth.parseLoginResponse().getKcActionStatus()).isEqualTo("success");

        int before = mailbox.countTo(email);
        brokerLogin(null);
        assertThat(driver.findElement(By.id("kc-page-title")).getText()).isEqualTo("Enter the code from your email");
        String loginCode = Mailbox.code(mailbox.nextTo(email, before));
        codeField().sendKeys(loginCode);
        driver.findElement(By.id("cf-otp-submit")).click();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    private org.openqa.selenium.WebElement codeField() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            List<org.openqa.selenium.WebElement> found = driver.driver().findElements(By.id("code"));
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no code field on " + driver.getCurrentUrl());
    }

    private void brokerLogin(String action) {
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        var login = oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri())
                .loginForm().codeChallenge(PkceGenerator.s256()).param("kc_idp_hint", PARTNER);
        if (action != null) {
            login.kcAction(action);
        }
        login.open();
        // The partner keeps its own session (its cookies live under its realm's path): it asks for
        // the password the first time only.
        if (!driver.driver().findElements(By.id("username")).isEmpty()) {
            loginPage.fillLogin(email, PASSWORD);
            loginPage.submit();
        }
    }
}
