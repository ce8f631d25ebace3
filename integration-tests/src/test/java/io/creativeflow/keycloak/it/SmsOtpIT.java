package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
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
import org.openqa.selenium.JavascriptExecutor;

/**
 * SMS one-time codes on the shipped realm, with the {@code log} gateway: every text the server would
 * send is read back from its outbox file. The server runs with EnableMFA_SMS=true,
 * SMS_ALLOWED_COUNTRIES=DE,AT,US and SMS_LIMIT_PER_NUMBER_HOUR=3 (integration-tests/pom.xml).
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SmsOtpIT {

    private static final String PASSWORD = "Harbour-Violet-371";

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

    @Test
    void aUserEnrolsAConfirmedNumberThenSignsInWithTextedCodes() throws Exception {
        String email = TestUsers.create(realm, "sms", PASSWORD);
        String number = SmsOutbox.newMobileNumber();

        PkceGenerator pkce = PkceGenerator.s256();
        steps.webClient().loginForm().codeChallenge(pkce).kcAction("cf-sms-setup").open();
        steps.signIn(email);
        assertThat(steps.heading()).isEqualTo("Add your mobile number");

        // Each kind of bad number is refused with its own reason, and nothing is sent.
        steps.enterPhone("call me maybe");
        assertThat(steps.error()).contains("does not look like a phone number");
        steps.enterPhone("+49 123");
        assertThat(steps.error()).contains("does not exist");
        steps.enterPhone("+33 6 12 34 56 78");
        assertThat(steps.error()).contains("this country");
        assertThat(steps.heading()).isEqualTo("Add your mobile number");

        // Typed nationally (default region DE) with spaces: normalised to E.164.
        steps.enterPhone("0" + number.substring(3, 6) + " " + number.substring(6));
        assertThat(steps.heading()).isEqualTo("Confirm your phone number");
        String masked = "+49 ••• ••• " + number.substring(number.length() - 2);
        assertThat(steps.text("cf-otp-destination")).contains(masked);
        String text = SmsOutbox.nth(number, 0);
        assertThat(text).contains("CreativeFlow Test", "5 minutes");
        steps.submitCode(SmsOutbox.code(text));

        assertThat(steps.heading()).as("a first second factor brings recovery codes").isEqualTo("Save your recovery codes");
        steps.confirmRecoveryCodes();
        assertThat(oauth.parseLoginResponse().getKcActionStatus()).isEqualTo("success");
        CredentialRepresentation credential = smsCredential(email);
        assertThat(credential.getUserLabel()).isEqualTo(masked);

        steps.webClient().loginForm().codeChallenge(pkce).open();
        steps.signIn(email);
        assertThat(steps.heading()).isEqualTo("Enter the code from your text message");
        assertThat(steps.text("cf-otp-destination")).contains(masked);
        String login = SmsOutbox.code(SmsOutbox.nth(number, 1));
        steps.submitCode(LoginSteps.wrong(login));
        assertThat(steps.error()).contains("4 attempts left");
        steps.submitCode(login);
        AccessTokenResponse tokens = oauth.accessTokenRequest(oauth.parseLoginResponse().getCode())
                .codeVerifier(pkce).send();
        assertThat(tokens.isSuccess()).isTrue();

        HttpResponse<String> methods = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/account/credentials"))
                        .header("Authorization", "Bearer " + tokens.getAccessToken())
                        .header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(methods.body()).contains("\"type\":\"cf-sms-otp\"", "\"createAction\":\"cf-sms-setup\"",
                "\"displayName\":\"cfSmsOtpDisplayName\"", masked);
    }

    @Test
    void theStoredCredentialHoldsNoPlaintextNumber() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        String email = enrolledUser(number);
        String national = number.substring(3);

        CredentialRepresentation credential = smsCredential(email);
        assertThat(credential.getSecretData()).as("the admin API never returns secret data").isNull();
        assertThat(String.valueOf(credential.getCredentialData())).doesNotContain(national);
        assertThat(credential.getUserLabel()).doesNotContain(national);

        // In the database itself (CI runs on PostgreSQL): sealed, not stored.
        if (Database.available()) {
            String id = credential.getId();
            assertThat(Database.first("select secret_data from credential where id = ?", id).orElseThrow())
                    .contains("\"phone\":\"v1:").doesNotContain(national);
            assertThat(Database.first("select credential_data from credential where id = ?", id).orElseThrow())
                    .contains("\"lookup\"").doesNotContain(national);
            assertThat(Database.first("select user_label from credential where id = ?", id).orElseThrow())
                    .doesNotContain(national);
        }
    }

    @Test
    void wrongCodesLockTheUserLikeWrongPasswords() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        String email = enrolledUser(number);
        String userId = TestUsers.id(realm, email);
        int before = SmsOutbox.countTo(number);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
        String code = SmsOutbox.code(SmsOutbox.nth(number, before));

        for (int attempt = 1; attempt <= 4; attempt++) {
            steps.submitCode(LoginSteps.wrong(code));
            assertThat(realm.admin().attackDetection().bruteForceUserStatus(userId)).containsEntry("disabled", false);
            Thread.sleep(1_100);
        }
        steps.submitCode(LoginSteps.wrong(code));
        assertThat(realm.admin().attackDetection().bruteForceUserStatus(userId))
                .containsEntry("disabled", true).containsEntry("numFailures", 5);
        int sent = SmsOutbox.countTo(number);
        steps.submitCode(code);
        assertThat(steps.error()).contains("temporarily locked");
        driver.driver().navigate().refresh();
        assertThat(SmsOutbox.countTo(number)).as("a locked-out user gets no more texts").isEqualTo(sent);
        realm.admin().attackDetection().clearBruteForceForUser(userId);
    }

    @Test
    void aResendInsideTheCooldownOrAReloadSendsNothing() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        String email = enrolledUser(number);
        int before = SmsOutbox.countTo(number);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
        String code = SmsOutbox.code(SmsOutbox.nth(number, before));

        ((JavascriptExecutor) driver.driver()).executeScript("document.getElementById('cf-otp-resend-form').submit()");
        assertThat(steps.error()).contains("Please wait");
        driver.driver().navigate().refresh();
        Thread.sleep(500);
        assertThat(SmsOutbox.countTo(number)).isEqualTo(before + 1);
        steps.submitCode(code);
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    @Test
    void enrolmentTextsToOneNumberAreCappedAcrossAccounts() throws Exception {
        String shared = SmsOutbox.newMobileNumber();
        enrolledUser(shared);                       // enrolment text 1
        String second = enrolledUser(shared);       // enrolment text 2

        // A sign-in text is counted for the number's owner, not against the enrolment cap.
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(second);
        SmsOutbox.nth(shared, 2);

        enrolledUser(shared);                       // enrolment text 3: the cap (3 per hour)
        String fourth = TestUsers.create(realm, "sms-fourth", PASSWORD);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-sms-setup").open();
        steps.signIn(fourth);
        steps.enterPhone(shared);
        assertThat(steps.error()).contains("Too many codes were sent to this phone number");
        assertThat(driver.findElement(By.id("cf-otp-change")).isDisplayed()).as("another number can be tried").isTrue();
        Thread.sleep(500);
        assertThat(SmsOutbox.countTo(shared)).isEqualTo(4);
        assertThat(smsCredentialTypes(fourth)).doesNotContain("cf-sms-otp");

        List<EventRepresentation> refusals = realm.admin().getEvents(null, null, TestUsers.id(realm, fourth), null, null, null, 0, 20);
        assertThat(refusals).anySatisfy(e -> {
            assertThat(e.getError()).isEqualTo("sms_send_refused");
            assertThat(e.getDetails()).containsEntry("reason", "cfSmsNumberCapReached");
            assertThat(e.getDetails().toString()).doesNotContain(shared.substring(3));
        });
    }

    @Test
    void removingTheCredentialStopsTheChallenge() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        String email = enrolledUser(number);
        String userId = TestUsers.id(realm, email);
        realm.admin().users().get(userId).removeCredential(smsCredential(email).getId());

        int sent = SmsOutbox.countTo(number);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
        assertThat(steps.heading()).as("no SMS code any more; the recovery codes remain").isEqualTo("Enter a recovery code");
        Thread.sleep(500);
        assertThat(SmsOutbox.countTo(number)).isEqualTo(sent);
    }

    @Test
    void whenTheGatewayFailsTheUserIsToldAndCanTryAnotherWay() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        String email = enrolledUser(number);
        Path outbox = SmsOutbox.file();
        Path moved = outbox.resolveSibling("sms-outbox.jsonl.kept");
        Files.move(outbox, moved);
        Files.createDirectory(outbox);          // the log gateway cannot write: it fails like a gateway
        try {
            steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
            steps.signIn(email);
            assertThat(steps.error()).contains("could not send the text message");
            assertThat(driver.driver().getPageSource()).doesNotContain("Exception");
            driver.findElement(By.id("try-another-way")).click();
            assertThat(driver.driver().getPageSource()).contains("Recovery code");
        } finally {
            Files.delete(outbox);
            Files.move(moved, outbox);
        }
    }

    // --- steps -----------------------------------------------------------------------------------

    /** A user who enrolled {@code number} through the required action (and stored recovery codes). */
    private String enrolledUser(String number) throws Exception {
        String email = TestUsers.create(realm, "sms", PASSWORD);
        int before = SmsOutbox.countTo(number);
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-sms-setup").open();
        steps.signIn(email);
        steps.enterPhone(number);
        steps.submitCode(SmsOutbox.code(SmsOutbox.nth(number, before)));
        steps.confirmRecoveryCodes();
        assertThat(smsCredentialTypes(email)).contains("cf-sms-otp", "cf-recovery-codes");
        return email;
    }

    private CredentialRepresentation smsCredential(String email) {
        return realm.admin().users().get(TestUsers.id(realm, email)).credentials().stream()
                .filter(c -> "cf-sms-otp".equals(c.getType())).findFirst().orElseThrow();
    }

    private List<String> smsCredentialTypes(String email) {
        return TestUsers.credentialTypes(realm, email);
    }

}
