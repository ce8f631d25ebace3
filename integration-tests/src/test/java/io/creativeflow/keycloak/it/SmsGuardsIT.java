package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.oauth.annotations.InjectTestApp;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The SMS guards attacked the way SMS pumping and a busy system attack them: many requests at the
 * same moment (threads released by one latch, each device with its own cookies), counted by what
 * the {@code log} gateway's outbox received. The server runs with SMS_LIMIT_PER_NUMBER_HOUR=3, five
 * sends per user and hour, brute-force protection as the realm ships it (integration-tests/pom.xml).
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SmsGuardsIT {

    private static final String PASSWORD = "Harbour-Violet-371";
    private static final int NUMBER_CAP = 3;

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectTestApp
    TestApp app;

    @Test
    void twelveEnrolmentPagesOfOneAccountSubmittingOneNumberAtOnceShareOneText() throws Exception {
        for (int run = 1; run <= 3; run++) {
            String email = TestUsers.create(realm, "sms-race", PASSWORD);
            String number = SmsOutbox.newMobileNumber();
            List<FormClient> pages = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pages.add(new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(email, PASSWORD));
                assertThat(pages.get(i).has("cf-sms-phone-form")).as("run %d page %d: %s", run, i,
                        FormClient.describe(pages.get(i).page())).isTrue();
            }

            FormClient.atOnce(submitPhone(pages, number));

            String text = SmsOutbox.nth(number, 0);
            Thread.sleep(1_000);
            assertThat(SmsOutbox.countTo(number)).as("run %d: one enrolment at a time, one text", run).isEqualTo(1);
            // Every page waits for that one code, and it confirms the number on any of them.
            for (FormClient page : pages) {
                assertThat(page.has("cf-otp-form")).as("run %d: %s", run, FormClient.describe(page.page())).isTrue();
                assertThat(page.page()).doesNotContain("Too many");
            }
            FormClient last = pages.get(11);
            last.submit("cf-otp-form", Map.of("code", SmsOutbox.code(text)));
            assertThat(last.title()).isEqualTo("Save your recovery codes");
            assertThat(TestUsers.credentialTypes(realm, email)).containsOnlyOnce("cf-sms-otp");
        }
    }

    @Test
    void twelveEnrolmentPagesGuessingTheSharedCodeAtOnceGetOnlyItsAttempts() throws Exception {
        for (int run = 1; run <= 3; run++) {
            String email = TestUsers.create(realm, "sms-guess", PASSWORD);
            String userId = TestUsers.id(realm, email);
            String number = SmsOutbox.newMobileNumber();
            List<FormClient> pages = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pages.add(new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(email, PASSWORD));
            }
            FormClient.atOnce(submitPhone(pages, number));
            String code = SmsOutbox.code(SmsOutbox.nth(number, 0));
            try {
                List<Callable<FormClient>> guesses = new ArrayList<>();
                for (FormClient page : pages) {
                    guesses.add(() -> page.submit("cf-otp-form", Map.of("code", LoginSteps.wrong(code))));
                }
                FormClient.atOnce(guesses);

                List<String> answers = pages.stream().map(FormClient::page).toList();
                long verdicts = answers.stream().filter(SmsGuardsIT::isWrongCodeVerdict).count();
                // Each guess is compared (at most five: the code's attempts), refused as used up, or
                // refused because the wrong guesses already locked the account (brute-force protection).
                assertThat(verdicts).as("run %d: %s", run, answers.stream().map(FormClient::describe).toList())
                        .isBetween(1L, 5L);
                assertThat(answers).as("run %d", run).allMatch(a -> isWrongCodeVerdict(a)
                        || a.contains("this code no longer works") || a.contains("temporarily locked"));
                assertThat(((Number) realm.admin().attackDetection().bruteForceUserStatus(userId).get("numFailures")).intValue())
                        .as("run %d: every compared guess reached brute-force protection (%d verdicts): %s", run, verdicts,
                                answers.stream().map(FormClient::describe).toList()).isGreaterThanOrEqualTo((int) verdicts);
                realm.admin().attackDetection().clearBruteForceForUser(userId);
                FormClient last = pages.stream().filter(p -> p.has("cf-otp-form")).findFirst().orElseThrow();
                last.submit("cf-otp-form", Map.of("code", code));
                if (verdicts == 5) {
                    assertThat(last.page()).as("run %d: the attempts are used up, even the right code fails", run)
                            .contains("this code no longer works");
                    assertThat(TestUsers.credentialTypes(realm, email)).doesNotContain("cf-sms-otp");
                } else {
                    assertThat(last.title()).as("run %d: attempts were left", run).isEqualTo("Save your recovery codes");
                }
            } finally {
                realm.admin().attackDetection().clearBruteForceForUser(userId);
            }
        }
    }

    @Test
    void sixteenEnrolmentsOfOneNumberFromFourAccountsAtOnceDeliverAtMostTheNumbersCap() throws Exception {
        for (int run = 1; run <= 3; run++) {
            String number = SmsOutbox.newMobileNumber();
            List<FormClient> pages = new ArrayList<>();
            for (int account = 0; account < 4; account++) {
                String email = TestUsers.create(realm, "sms-pump", PASSWORD);
                for (int i = 0; i < 4; i++) {
                    pages.add(new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(email, PASSWORD));
                }
            }

            FormClient.atOnce(submitPhone(pages, number));

            SmsOutbox.nth(number, 0);
            Thread.sleep(1_000);
            int texts = SmsOutbox.countTo(number);
            assertThat(texts).as("run %d: texts to the number", run).isBetween(1, NUMBER_CAP);
            long refused = pages.stream().filter(p -> p.page().contains("Too many codes were sent to this phone number")).count();
            assertThat(refused).as("run %d: four accounts, one text each at most, the fourth refused", run)
                    .isGreaterThanOrEqualTo(4 - NUMBER_CAP);
        }
    }

    @Test
    void enrollingAVictimsNumberUpToItsCapDoesNotStopTheVictimsOwnSmsSignIn() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        String victim = TestUsers.create(realm, "sms-victim", PASSWORD);
        enrol(victim, number);                                   // text 1, an enrolment send

        // Two other accounts type the victim's number: enrolment sends 2 and 3, the cap.
        for (int i = 0; i < 2; i++) {
            String attacker = TestUsers.create(realm, "sms-attacker", PASSWORD);
            FormClient page = new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(attacker, PASSWORD);
            page.submit("cf-sms-phone-form", Map.of("phone", number));
            SmsOutbox.nth(number, 1 + i);
        }
        String attacker = TestUsers.create(realm, "sms-attacker", PASSWORD);
        FormClient refused = new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(attacker, PASSWORD);
        refused.submit("cf-sms-phone-form", Map.of("phone", number));
        assertThat(refused.page()).contains("Too many codes were sent to this phone number")
                .containsPattern("Try again in \\d+ minutes?, use a different number, or set up another method")
                .as("a refused send never claims a code was sent").doesNotContain("we sent").doesNotContain("We sent");
        assertThat(refused.has("cf-otp-form")).as("no code field without a code").isFalse();
        assertThat(refused.has("cf-otp-change-form")).as("another number can be tried").isTrue();
        Thread.sleep(500);
        assertThat(SmsOutbox.countTo(number)).isEqualTo(NUMBER_CAP);

        // The victim's own sign-in is counted for the victim: the code comes.
        FormClient signIn = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(victim, PASSWORD);
        assertThat(signIn.title()).isEqualTo("Enter the code from your text message");
        String code = SmsOutbox.code(SmsOutbox.nth(number, NUMBER_CAP));
        signIn.submit("cf-otp-form", Map.of("code", code));
        assertThat(signIn.page()).doesNotContain("cf-otp-form");
    }

    @Test
    void parallelResendsOnTheSignInPageSendOneTextAndParallelGuessesGetOnlyTheCodesAttempts() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        String email = TestUsers.create(realm, "sms-resend", PASSWORD);
        String userId = TestUsers.id(realm, email);
        enrol(email, number);                                    // text 1
        String configId = smsCodeConfigId();
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(configId);
        Map<String, String> original = Map.copyOf(config.getConfig());
        config.getConfig().put("cf.otp.resend-cooldown-seconds", "4");
        realm.admin().flows().updateAuthenticatorConfig(configId, config);
        try {
            FormClient page = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(email, PASSWORD);
            String code = SmsOutbox.code(SmsOutbox.nth(number, 1)); // text 2
            Thread.sleep(4_500);

            List<Callable<String>> resends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                FormClient same = page;
                String action = same.action("cf-otp-resend-form");
                resends.add(() -> same.postTo(action, Map.of("resend", "true")));
            }
            FormClient.atOnce(resends);
            Thread.sleep(1_000);
            assertThat(SmsOutbox.countTo(number)).as("sixteen resends at once: one text").isEqualTo(3);
            assertThat(SmsOutbox.code(SmsOutbox.nth(number, 2))).as("a resend repeats the code").isEqualTo(code);

            // Guesses on one sign-in page at once: Keycloak lets few of them past its own check of the
            // page's session code; whatever passes is compared at most as often as the code has attempts.
            List<Callable<String>> guesses = new ArrayList<>();
            String fresh = page.submit("cf-otp-resend-form", Map.of("resend", "true")).action("cf-otp-form");
            for (int i = 0; i < 16; i++) {
                FormClient same = page;
                guesses.add(() -> same.postTo(fresh, Map.of("code", LoginSteps.wrong(code))));
            }
            List<String> answers = FormClient.atOnce(guesses);
            long verdicts = answers.stream().filter(SmsGuardsIT::isWrongCodeVerdict).count();
            assertThat(verdicts).as("guesses compared").isLessThanOrEqualTo(5);
        } finally {
            config.setConfig(new java.util.HashMap<>(original));
            realm.admin().flows().updateAuthenticatorConfig(configId, config);
            realm.admin().attackDetection().clearBruteForceForUser(userId);
        }
    }

    @Test
    void wrongEnrolmentCodesLockTheAccountLikeWrongSignInCodes() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        String email = TestUsers.create(realm, "sms-enrol-guess", PASSWORD);
        String userId = TestUsers.id(realm, email);
        FormClient page = new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(email, PASSWORD);
        page.submit("cf-sms-phone-form", Map.of("phone", number));
        String code = SmsOutbox.code(SmsOutbox.nth(number, 0));
        try {
            for (int attempt = 1; attempt <= 4; attempt++) {
                page.submit("cf-otp-form", Map.of("code", LoginSteps.wrong(code)));
                assertThat(page.page()).contains(attempt == 4 ? "1 attempt left" : (5 - attempt) + " attempts left");
                Thread.sleep(1_100);
            }
            page.submit("cf-otp-form", Map.of("code", LoginSteps.wrong(code)));
            assertThat(realm.admin().attackDetection().bruteForceUserStatus(userId))
                    .containsEntry("disabled", true).containsEntry("numFailures", 5);
            page.submit("cf-otp-form", Map.of("code", code));
            assertThat(page.page()).contains("temporarily locked");
            assertThat(TestUsers.credentialTypes(realm, email)).doesNotContain("cf-sms-otp");
        } finally {
            realm.admin().attackDetection().clearBruteForceForUser(userId);
        }
    }

    @Test
    void reEnrollingANumberKeepsTheFactorsPlaceSoSignInStillOpensOnSms() throws Exception {
        String email = TestUsers.create(realm, "sms-re-enrol", PASSWORD);
        String first = SmsOutbox.newMobileNumber();
        enrol(email, first);                                     // SMS, then recovery codes
        String second = SmsOutbox.newMobileNumber();

        FormClient page = new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(email, PASSWORD);
        assertThat(page.title()).isEqualTo("Enter the code from your text message");
        page.submit("cf-otp-form", Map.of("code", SmsOutbox.code(SmsOutbox.nth(first, 1))));
        page.submit("cf-sms-phone-form", Map.of("phone", second));
        page.submit("cf-otp-form", Map.of("code", SmsOutbox.code(SmsOutbox.nth(second, 0))));
        assertThat(TestUsers.credentialTypes(realm, email)).containsOnlyOnce("cf-sms-otp");

        FormClient next = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(email, PASSWORD);
        assertThat(next.title()).as("not the recovery-code page").isEqualTo("Enter the code from your text message");
        assertThat(next.page()).contains(second.substring(second.length() - 2));
        SmsOutbox.nth(second, 1);
        assertThat(TestUsers.credentialTypes(realm, email).stream().filter(t -> !t.equals("password")).toList())
                .as("the second factors in the user's order").startsWith("cf-sms-otp", "cf-recovery-codes");
    }

    @Test
    void thePacksWarningsNameNoNumberAddressOrIp() throws Exception {
        String number = SmsOutbox.newMobileNumber();
        for (int i = 0; i <= NUMBER_CAP; i++) {
            new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup")
                    .signIn(TestUsers.create(realm, "sms-log", PASSWORD), PASSWORD)
                    .submit("cf-sms-phone-form", Map.of("phone", number));
        }
        Thread.sleep(500);
        List<String> warnings = ServerLog.packWarnings();
        assertThat(warnings).as("the refusal was logged").anyMatch(w -> w.contains("send cap per destination number"));
        assertThat(warnings).noneMatch(w -> w.contains("127.0.0.1") || w.contains("@") || w.contains("+49"));
        assertThat(ServerLog.lines()).as("not even the log gateway's own lines").noneMatch(l -> l.contains(number.substring(3)));
    }

    /** A page that answers a compared wrong code: attempts left, or the last attempt used. */
    private static boolean isWrongCodeVerdict(String html) {
        return html.contains("That code is not right");
    }

    // --- steps -----------------------------------------------------------------------------------

    private static List<Callable<FormClient>> submitPhone(List<FormClient> pages, String number) {
        List<Callable<FormClient>> tasks = new ArrayList<>();
        for (FormClient page : pages) {
            tasks.add(() -> page.submit("cf-sms-phone-form", Map.of("phone", number)));
        }
        return tasks;
    }

    /** {@code email} enrols {@code number} and stores the recovery codes, over HTTP. */
    private void enrol(String email, String number) throws Exception {
        int before = SmsOutbox.countTo(number);
        FormClient page = new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(email, PASSWORD);
        page.submit("cf-sms-phone-form", Map.of("phone", number));
        page.submit("cf-otp-form", Map.of("code", SmsOutbox.code(SmsOutbox.nth(number, before))));
        page.submit("cf-recovery-setup-form", Map.of("stored", "true", "confirm", ""));
        assertThat(TestUsers.credentialTypes(realm, email)).contains("cf-sms-otp", "cf-recovery-codes");
    }

    private String smsCodeConfigId() {
        return realm.admin().flows().getExecutions("creativeflow second factor").stream()
                .filter(e -> "cf-sms-otp".equals(e.getProviderId()))
                .map(AuthenticationExecutionInfoRepresentation::getAuthenticationConfig)
                .findFirst().orElseThrow();
    }
}
