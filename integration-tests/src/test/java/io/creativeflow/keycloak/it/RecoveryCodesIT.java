package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
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
import org.openqa.selenium.WebElement;

/** Recovery codes on the shipped realm: generate, sign in with any unused code, regenerate. */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class RecoveryCodesIT {

    private static final String PASSWORD = "Saffron-Beacon-271";

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
    void anyUnusedCodeSignsInOnceInAnyOrderAndEachUseIsReported() throws Exception {
        String email = TestUsers.create(realm, "recovery", PASSWORD);
        List<String> codes = generate(email);
        assertThat(codes).hasSize(10);
        assertThat(TestUsers.credentialTypes(realm, email)).contains("cf-recovery-codes");

        Mailbox mailbox = new Mailbox(mailServer);
        int before = mailbox.countTo(email);
        signInWithCode(email, codes.get(2));
        assertThat(text("cf-recovery-remaining")).contains("9 unused");
        continueToApp();
        MimeMessage notice = mailbox.nextTo(email, before);
        assertThat(notice.getSubject()).isEqualTo("A recovery code was used to sign in to CreativeFlow Test");
        assertThat(Mailbox.text(notice)).contains("Unused recovery codes left: 9", "127.0.0.1");

        signInWithCode(email, codes.get(0).toLowerCase().replace("-", " "));
        assertThat(text("cf-recovery-remaining")).contains("8 unused");
        continueToApp();

        signInWithCode(email, codes.get(2));
        assertThat(error()).contains("not an unused recovery code");
    }

    @Test
    void theBatchIsStoredOnlyOnceTheUserConfirmsAndRegeneratingVoidsTheOldOne() throws Exception {
        String email = TestUsers.create(realm, "regen", PASSWORD);
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-recovery-codes-setup").open();
        signIn(email);
        List<String> unconfirmed = shownCodes();
        driver.findElement(By.id("cf-recovery-confirm")).click();
        assertThat(error()).contains("confirm that you stored the codes");
        assertThat(TestUsers.credentialTypes(realm, email)).doesNotContain("cf-recovery-codes");
        List<String> old = shownCodes();
        assertThat(old).as("a fresh batch after an unconfirmed one").doesNotContainAnyElementsOf(unconfirmed);
        confirm();
        assertThat(oauth.parseLoginResponse().getKcActionStatus()).isEqualTo("success");

        // Regenerate: the user passes the second factor (an old code), then gets a new batch.
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-recovery-codes-setup").open();
        signIn(email);
        driver.findElement(By.id("code")).sendKeys(old.get(0));
        driver.findElement(By.id("cf-recovery-submit")).click();
        driver.findElement(By.id("cf-recovery-continue")).click();
        List<String> fresh = shownCodes();
        confirm();
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);

        signInWithCode(email, old.get(1));
        assertThat(error()).contains("not an unused recovery code");
        driver.findElement(By.id("code")).clear();
        driver.findElement(By.id("code")).sendKeys(fresh.get(0));
        driver.findElement(By.id("cf-recovery-submit")).click();
        assertThat(text("cf-recovery-remaining")).contains("9 unused");
    }

    @Test
    void whenFewCodesRemainTheUserIsAskedToRegenerate() throws Exception {
        String email = TestUsers.create(realm, "low", PASSWORD);
        List<String> codes = generate(email);
        String configId = realm.admin().flows().getExecutions("creativeflow second factor").stream()
                .filter(e -> "cf-recovery-codes".equals(e.getProviderId())).findFirst().orElseThrow()
                .getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(configId);
        config.setConfig(new java.util.HashMap<>(Map.of("cf.recovery.low-threshold", "9")));
        realm.admin().flows().updateAuthenticatorConfig(configId, config);
        try {
            signInWithCode(email, codes.get(5));
            assertThat(text("cf-recovery-low")).contains("running out");
            driver.findElement(By.id("cf-recovery-continue")).click();
            assertThat(driver.findElement(By.id("kc-page-title")).getText()).contains("Save your recovery codes");
            confirm();
            assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
        } finally {
            config.setConfig(new java.util.HashMap<>(Map.of("cf.recovery.low-threshold", "3")));
            realm.admin().flows().updateAuthenticatorConfig(configId, config);
        }
    }

    @Test
    void wrongCodesLockTheAccountLikeWrongPasswords() throws Exception {
        String email = TestUsers.create(realm, "lock", PASSWORD);
        generate(email);
        String userId = TestUsers.id(realm, email);
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        signIn(email);
        for (int attempt = 1; attempt <= 5; attempt++) {
            driver.findElement(By.id("code")).clear();
            driver.findElement(By.id("code")).sendKeys("AAAA-BBBB-CCC" + attempt);
            driver.findElement(By.id("cf-recovery-submit")).click();
            if (attempt < 5) {
                assertThat(realm.admin().attackDetection().bruteForceUserStatus(userId)).containsEntry("disabled", false);
                Thread.sleep(1_100);
            }
        }
        assertThat(realm.admin().attackDetection().bruteForceUserStatus(userId)).containsEntry("disabled", true);
        realm.admin().attackDetection().clearBruteForceForUser(userId);
    }

    // --- steps -----------------------------------------------------------------------------------

    private List<String> generate(String email) {
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-recovery-codes-setup").open();
        signIn(email);
        List<String> codes = shownCodes();
        confirm();
        assertThat(oauth.parseLoginResponse().getKcActionStatus()).isEqualTo("success");
        return codes;
    }

    private List<String> shownCodes() {
        return driver.driver().findElements(By.cssSelector("#cf-recovery-codes code")).stream()
                .map(WebElement::getText).map(String::trim).toList();
    }

    private void confirm() {
        driver.findElement(By.id("stored")).click();
        driver.findElement(By.id("cf-recovery-confirm")).click();
    }

    private void signInWithCode(String email, String code) {
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        signIn(email);
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.id("cf-recovery-submit")).click();
    }

    private void continueToApp() {
        driver.findElement(By.id("cf-recovery-continue")).click();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    private void signIn(String email) {
        loginPage.fillLogin(email, PASSWORD);
        loginPage.submit();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String error() {
        return loginPage.getErrorMessage().orElse("");
    }

    private OAuthClient webClient() {
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        return oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri());
    }
}
