package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.keycloak.testsuite.util.oauth.PkceGenerator;
import org.openqa.selenium.By;

/**
 * The {@code twilio} gateway inside the real server: the Twilio SDK and its HTTP client as we ship
 * them, talking to a stand-in for api.twilio.com on port 8591 (SMS_PROVIDER_API_URL, set with the
 * Twilio credentials by the {@code twilio-gateway} failsafe execution).
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class TwilioGatewayIT {

    private static final String PASSWORD = "Copper-Lagoon-652";
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String API_KEY = "SK0123456789abcdef0123456789abcdef";

    private static HttpServer twilio;
    private static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();
    private static volatile int nextStatus = 201;
    private static volatile String nextBody = "{\"sid\":\"SM0001\",\"status\":\"queued\"}";

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

    @BeforeAll
    static void startTwilio() throws Exception {
        twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 8591), 0);
        twilio.createContext("/", exchange -> {
            Map<String, String> request = new LinkedHashMap<>();
            request.put(":method", exchange.getRequestMethod());
            request.put(":path", exchange.getRequestURI().getPath());
            request.put(":authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    request.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            RECEIVED.add(request);
            byte[] out = nextBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(nextStatus, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        twilio.start();
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop(0);
    }

    @Test
    void enrolmentAndLoginCodesGoThroughTwiliosMessagesApi() throws Exception {
        answer(201, "{\"sid\":\"SM0001\",\"status\":\"queued\"}");
        String email = TestUsers.create(realm, "twilio", PASSWORD);
        String number = SmsOutbox.newMobileNumber();

        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("cf-sms-setup").open();
        steps.signIn(email);
        int before = RECEIVED.size();
        steps.enterPhone(number);
        assertThat(steps.heading()).isEqualTo("Confirm your phone number");
        Map<String, String> request = RECEIVED.get(before);
        assertThat(request).containsEntry(":method", "POST")
                .containsEntry(":path", "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json")
                .containsEntry(":authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((API_KEY + ":integration-test-key-secret").getBytes(StandardCharsets.UTF_8)))
                .containsEntry("To", number)
                .containsEntry("From", "CreativeFlw");
        steps.submitCode(SmsOutbox.code(request.get("Body")));
        driver.findElement(By.id("stored")).click();
        driver.findElement(By.id("cf-recovery-confirm")).click();
        assertThat(oauth.parseLoginResponse().getKcActionStatus()).isEqualTo("success");
        assertThat(TestUsers.credentialTypes(realm, email)).contains("cf-sms-otp");

        // Twilio refuses the next send: the user is told why and can pick another factor.
        answer(400, "{\"code\":21612,\"message\":\"The 'To' phone number is not currently reachable\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21612\",\"status\":400}");
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
        assertThat(loginPage.getErrorMessage().orElse("")).contains("Your phone could not be reached");
        assertThat(driver.driver().getPageSource()).doesNotContain("Exception");
        driver.findElement(By.id("try-another-way")).click();
        assertThat(driver.driver().getPageSource()).contains("Recovery code");

        // Bad credentials at Twilio: a plain "not now", never a stack trace.
        answer(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
        assertThat(loginPage.getErrorMessage().orElse("")).contains("could not send the text message right now");
    }

    private static void answer(int status, String body) {
        nextStatus = status;
        nextBody = body;
    }

}
