package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.oauth.annotations.InjectTestApp;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The realm-wide SMS budget, on a server of its own with SMS_BUDGET_PER_HOUR=4 (failsafe execution
 * {@code sms-budget}): once four texts went out this hour, nobody gets one, whatever number, account
 * or network asks, and operators see it on {@code /metrics}.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SmsBudgetIT {

    private static final String PASSWORD = "Harbour-Violet-371";
    private static final int BUDGET = 4;

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectTestApp
    TestApp app;

    @Test
    void tenEnrolmentsAtOnceToTenNumbersGetTheBudgetAndNoMore() throws Exception {
        waitOutTheTurnOfTheHour();
        List<String> numbers = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<FormClient> pages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String email = TestUsers.create(realm, "sms-budget", PASSWORD);
            users.add(email);
            numbers.add(SmsOutbox.newMobileNumber());
            pages.add(new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup").signIn(email, PASSWORD));
        }
        List<Callable<FormClient>> submissions = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            FormClient page = pages.get(i);
            String number = numbers.get(i);
            submissions.add(() -> page.submit("cf-sms-phone-form", Map.of("phone", number)));
        }
        FormClient.atOnce(submissions);
        Thread.sleep(1_000);

        int texts = 0;
        for (String number : numbers) {
            texts += SmsOutbox.countTo(number);
        }
        assertThat(texts).isEqualTo(BUDGET);
        List<FormClient> refused = pages.stream().filter(p -> p.page().contains("Text messages are paused")).toList();
        assertThat(refused).hasSize(10 - BUDGET);
        assertThat(refused.get(0).page()).containsPattern("Try again in \\d+ minutes?, or set up another method")
                .doesNotContain("We sent");

        // Later requests are refused too, and each refusal is an error event naming the budget.
        FormClient late = new FormClient().openSignIn(app.getRedirectionUri(), "cf-sms-setup")
                .signIn(TestUsers.create(realm, "sms-budget-late", PASSWORD), PASSWORD)
                .submit("cf-sms-phone-form", Map.of("phone", SmsOutbox.newMobileNumber()));
        assertThat(late.page()).contains("Text messages are paused");
        String refusedUser = users.get(pages.indexOf(refused.get(0)));
        List<EventRepresentation> events = realm.admin().getEvents(null, null, TestUsers.id(realm, refusedUser),
                null, null, null, 0, 20);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getError()).isEqualTo("sms_send_refused");
            assertThat(e.getDetails()).containsEntry("reason", "cfSmsBudgetReached");
        });

        // Operators see what is left.
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:9000/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).containsPattern("creativeflow_sms_budget_remaining\\{[^}]*realm=\"creativeflow\"[^}]*\\} 0\\.0");

        // One warning for the window, however many refusals; no number, address or IP in the log.
        Thread.sleep(500);
        List<String> warnings = ServerLog.packWarnings();
        assertThat(warnings.stream().filter(w -> w.contains("reached its SMS budget"))).hasSize(1);
        assertThat(warnings).noneMatch(w -> w.contains("127.0.0.1") || w.contains("@"));
        for (String number : numbers) {
            assertThat(ServerLog.lines()).noneMatch(line -> line.contains(number.substring(3)));
        }
    }

    /** A run that straddles the turn of the hour would see two hourly budgets. */
    private static void waitOutTheTurnOfTheHour() throws InterruptedException {
        long intoHour = System.currentTimeMillis() % 3_600_000L;
        if (intoHour > 3_600_000L - 90_000L) {
            Thread.sleep(3_600_000L - intoHour + 1_000L);
        }
    }
}
