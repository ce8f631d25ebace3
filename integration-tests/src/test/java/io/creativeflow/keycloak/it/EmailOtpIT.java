package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
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
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.keycloak.testsuite.util.oauth.PkceGenerator;
import org.openqa.selenium.By;

/**
 * Email one-time codes as a second factor, on the shipped realm's browser flow, with codes read
 * from the captured emails.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class EmailOtpIT {

    private static final String PASSWORD = "Orchid-Lantern-58";

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

    private LoginSteps steps;

    @org.junit.jupiter.api.BeforeEach
    void steps() {
        steps = new LoginSteps(realm, oauth, app, driver, loginPage, PASSWORD);
    }

    @InjectMailServer
    MailServer mailServer;

    @Test
    void aUserEnrolsByConfirmingACodeFromTheirMailboxThenSignsInWithEmailCodes() throws Exception {
        String email = newUser();
        Mailbox mailbox = new Mailbox(mailServer);

        PkceGenerator pkce = PkceGenerator.s256();
        steps.webClient().loginForm().codeChallenge(pkce).kcAction("cf-email-otp-setup").open();
        steps.signIn(email);
        assertThat(steps.heading()).isEqualTo("Set up sign-in codes by email");
        assertThat(steps.text("cf-otp-destination")).contains(email.charAt(0) + "•••@example.com");
        MimeMessage enrolment = mailbox.nextTo(email, 0);
        steps.submitCode(Mailbox.code(enrolment));
        // A first second factor brings recovery-code setup right after it, in the same sign-in.
        assertThat(steps.heading()).isEqualTo("Save your recovery codes");
        steps.confirmRecoveryCodes();
        assertThat(oauth.parseLoginResponse().getKcActionStatus()).isEqualTo("success");
        assertThat(credentialTypes(email)).contains("cf-email-otp");

        int before = mailbox.countTo(email);
        steps.webClient().loginForm().codeChallenge(pkce).open();
        steps.signIn(email);
        assertThat(steps.heading()).isEqualTo("Enter the code from your email");
        assertThat(steps.text("cf-otp-validity")).contains("5 minute");
        MimeMessage login = mailbox.nextTo(email, before);
        assertThat(login.getSubject()).isEqualTo("Your CreativeFlow Test sign-in code");
        assertThat(Mailbox.text(login)).contains("CreativeFlow web and mobile apps", "wasn't you");

        steps.submitCode(LoginSteps.wrong(Mailbox.code(login)));
        assertThat(steps.error()).contains("4 attempts left");
        steps.submitCode(Mailbox.code(login));
        AccessTokenResponse tokens = oauth.accessTokenRequest(oauth.parseLoginResponse().getCode())
                .codeVerifier(pkce).send();
        assertThat(tokens.isSuccess()).isTrue();

        // The account console's "Signing in" page: the method, its enrolment action, the credential.
        java.net.http.HttpResponse<String> methods = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(realm.getBaseUrl() + "/account/credentials"))
                        .header("Authorization", "Bearer " + tokens.getAccessToken())
                        .header("Accept", "application/json").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(methods.statusCode()).as(methods.body()).isEqualTo(200);
        assertThat(methods.body()).contains("\"type\":\"cf-email-otp\"", "\"createAction\":\"cf-email-otp-setup\"",
                "\"displayName\":\"cfEmailOtpDisplayName\"", "\"category\":\"two-factor\"");
    }

    @Test
    void anEmailChangeUnbindsTheFactorUntilItIsReEnrolledAtTheNewVerifiedAddress() throws Exception {
        String email = TestUsers.create(realm, "email-move", PASSWORD);
        String userId = userId(email);
        Mailbox mailbox = new Mailbox(mailServer);
        FormClient browser = new FormClient().openSignIn(app.getRedirectionUri(), "cf-email-otp-setup").signIn(email, PASSWORD);
        browser.submit("cf-otp-form", Map.of("code", Mailbox.code(mailbox.nextTo(email, 0))));
        browser.submit("cf-recovery-setup-form", Map.of("cancel-aia", "true"));
        assertThat(TestUsers.credentialTypes(realm, email)).containsExactlyInAnyOrder("password", "cf-email-otp");

        String moved = "moved-" + java.util.UUID.randomUUID() + "@example.com";
        org.keycloak.representations.idm.UserRepresentation user = realm.admin().users().get(userId).toRepresentation();
        user.setRequiredActions(java.util.List.of()); // the recovery codes skipped above would come first
        user.setEmail(moved);
        user.setEmailVerified(true);
        realm.admin().users().get(userId).update(user);
        int toOld = mailbox.countTo(email);

        FormClient next = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(moved, PASSWORD);
        assertThat(next.title()).as("the factor must be set up again at the new address")
                .isEqualTo("Set up sign-in codes by email");
        next.submit("cf-otp-form", Map.of("code", Mailbox.code(mailbox.nextTo(moved, 0))));
        if (next.has("cf-recovery-setup-form")) {
            next.submit("cf-recovery-setup-form", Map.of("stored", "true", "confirm", ""));
        }
        Thread.sleep(500);
        assertThat(mailbox.countTo(email)).as("nothing more to the old address").isEqualTo(toOld);
        assertThat(next.codeAndVerifier()[0]).isNotBlank();

        FormClient after = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(moved, PASSWORD);
        assertThat(after.title()).as("bound to the new address now").isEqualTo("Enter the code from your email");
    }

    @Test
    void wrongCodesLockTheAccountLikeWrongPasswords() throws Exception {
        String email = enrolledUser();
        String userId = userId(email);
        Mailbox mailbox = new Mailbox(mailServer);
        int before = mailbox.countTo(email);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
        String code = Mailbox.code(mailbox.nextTo(email, before));

        // The realm allows 5 failures (failureFactor); quick-login detection is kept out of the way.
        for (int attempt = 1; attempt <= 4; attempt++) {
            steps.submitCode(LoginSteps.wrong(code));
            assertThat(realm.admin().attackDetection().bruteForceUserStatus(userId)).containsEntry("disabled", false);
            Thread.sleep(1_100);
        }
        steps.submitCode(LoginSteps.wrong(code));

        Map<String, Object> status = realm.admin().attackDetection().bruteForceUserStatus(userId);
        assertThat(status).containsEntry("disabled", true).containsEntry("numFailures", 5);
        int sent = mailbox.countTo(email);
        steps.submitCode(code);
        assertThat(steps.error()).contains("temporarily locked");
        driver.driver().navigate().refresh();
        assertThat(mailbox.countTo(email)).as("a locked-out user gets no more codes").isEqualTo(sent);
        realm.admin().attackDetection().clearBruteForceForUser(userId);
    }

    @Test
    void fiveWrongCodesKillTheCodeAndANewOneMustBeRequested() throws Exception {
        String email = enrolledUser();
        String userId = userId(email);
        Mailbox mailbox = new Mailbox(mailServer);
        withCodeConfig(Map.of("cf.otp.max-attempts", "2", "cf.otp.resend-cooldown-seconds", "0"), () -> {
            int before = mailbox.countTo(email);
            steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
            steps.signIn(email);
            String code = Mailbox.code(mailbox.nextTo(email, before));
            steps.submitCode(LoginSteps.wrong(code));
            Thread.sleep(1_100);
            steps.submitCode(LoginSteps.wrong(code));
            assertThat(steps.error()).contains("no longer works");
            steps.submitCode(code);
            assertThat(steps.error()).as("the right code after the last attempt").contains("no longer works");

            int sent = mailbox.countTo(email);
            steps.resend();
            String fresh = Mailbox.code(mailbox.nextTo(email, sent));
            steps.submitCode(fresh);
            assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
        });
        realm.admin().attackDetection().clearBruteForceForUser(userId);
    }

    @Test
    void aResendInsideTheCooldownOrAReloadSendsNoEmail() throws Exception {
        String email = enrolledUser();
        Mailbox mailbox = new Mailbox(mailServer);
        int before = mailbox.countTo(email);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
        String code = Mailbox.code(mailbox.nextTo(email, before));

        assertThat(driver.findElement(By.id("cf-otp-resend")).isEnabled()).as("button waits out the cooldown").isFalse();
        // The server enforces the cooldown too, for a client that ignores the disabled button.
        ((org.openqa.selenium.JavascriptExecutor) driver.driver())
                .executeScript("document.getElementById('cf-otp-resend-form').submit()");
        assertThat(steps.error()).contains("Please wait").contains("seconds");
        driver.driver().navigate().refresh();
        assertThat(steps.heading()).isEqualTo("Enter the code from your email");
        Thread.sleep(2_000);
        assertThat(mailbox.countTo(email)).isEqualTo(before + 1);

        steps.submitCode(code);
        assertThat(oauth.parseLoginResponse().getCode()).as("the first code still works").isNotNull();
    }

    @Test
    void aResendAfterTheCooldownRepeatsTheSameCodeAndTheHourlyCapHasItsMessage() throws Exception {
        String email = enrolledUser();
        Mailbox mailbox = new Mailbox(mailServer);
        // The cap counts every code this user got in the hour: the enrolment's, the login's and a resend.
        withCodeConfig(Map.of("cf.otp.resend-cooldown-seconds", "0", "cf.otp.max-sends-per-hour", "3"), () -> {
            int before = mailbox.countTo(email);
            steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
            steps.signIn(email);
            String first = Mailbox.code(mailbox.nextTo(email, before));
            steps.resend();
            String second = Mailbox.code(mailbox.nextTo(email, before + 1));
            assertThat(second).isEqualTo(first);
            assertThat(steps.info()).contains("same code");

            steps.resend();
            assertThat(steps.error()).contains("Too many codes");
            Thread.sleep(1_000);
            assertThat(mailbox.countTo(email)).isEqualTo(before + 2);
            steps.submitCode(first);
            assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
        });
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        String email = enrolledUser();
        Mailbox mailbox = new Mailbox(mailServer);
        withCodeConfig(Map.of("cf.otp.ttl-seconds", "2"), () -> {
            int before = mailbox.countTo(email);
            steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
            steps.signIn(email);
            String code = Mailbox.code(mailbox.nextTo(email, before));
            Thread.sleep(2_500);
            steps.submitCode(code);
            assertThat(steps.error()).contains("expired");
        });
    }

    @Test
    void removingTheCredentialFromTheAccountConsoleEndsTheChallenge() throws Exception {
        String email = enrolledUser();
        Mailbox mailbox = new Mailbox(mailServer);
        String credentialId = realm.admin().users().get(userId(email)).credentials().stream()
                .filter(c -> "cf-email-otp".equals(c.getType())).findFirst().orElseThrow().getId();

        // What the account console's "Remove" does in Keycloak 26: an application-initiated action.
        int before = mailbox.countTo(email);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("delete_credential:" + credentialId).open();
        steps.signIn(email);
        steps.submitCode(Mailbox.code(mailbox.nextTo(email, before)));
        driver.findElement(By.id("kc-accept")).click();
        assertThat(oauth.parseLoginResponse().getKcActionStatus()).isEqualTo("success");
        assertThat(credentialTypes(email)).doesNotContain("cf-email-otp");

        int sent = mailbox.countTo(email);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
        assertThat(steps.heading()).as("no email code any more; the recovery codes remain")
                .isEqualTo("Enter a recovery code");
        Thread.sleep(1_000);
        assertThat(mailbox.countTo(email)).isEqualTo(sent);
    }

    @Test
    void whenSmtpIsDownTheUserGetsAClearMessageAndNoStackTrace() throws Exception {
        String email = enrolledUser();
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> smtp = rep.getSmtpServer();
        String port = smtp.get("port");
        smtp.put("port", "1");
        realm.admin().update(rep);
        try {
            steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
            steps.signIn(email);
            assertThat(steps.error()).contains("could not send the email");
            assertThat(driver.driver().getPageSource()).doesNotContain("Exception");
        } finally {
            RealmRepresentation restore = realm.admin().toRepresentation();
            restore.getSmtpServer().put("port", port);
            realm.admin().update(restore);
        }
    }

    // --- steps -----------------------------------------------------------------------------------

    private interface Step {
        void run() throws Exception;
    }

    private void withCodeConfig(Map<String, String> overrides, Step step) throws Exception {
        String configId = realm.admin().flows().getExecutions("creativeflow second factor").stream()
                .filter(e -> "cf-email-otp".equals(e.getProviderId())).findFirst().orElseThrow()
                .getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(configId);
        Map<String, String> original = Map.copyOf(config.getConfig());
        config.getConfig().putAll(overrides);
        realm.admin().flows().updateAuthenticatorConfig(configId, config);
        try {
            step.run();
        } finally {
            config.setConfig(new java.util.HashMap<>(original));
            realm.admin().flows().updateAuthenticatorConfig(configId, config);
        }
    }

    private String newUser() {
        return TestUsers.create(realm, "otp", PASSWORD);
    }

    /** A user who enrolled through the required action. */
    private String enrolledUser() throws Exception {
        String email = newUser();
        Mailbox mailbox = new Mailbox(mailServer);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-email-otp-setup").open();
        steps.signIn(email);
        steps.submitCode(Mailbox.code(mailbox.nextTo(email, 0)));
        steps.confirmRecoveryCodes();
        assertThat(credentialTypes(email)).contains("cf-email-otp", "cf-recovery-codes");
        return email;
    }

    private String userId(String email) {
        return TestUsers.id(realm, email);
    }

    private List<String> credentialTypes(String email) {
        return TestUsers.credentialTypes(realm, email);
    }

}
