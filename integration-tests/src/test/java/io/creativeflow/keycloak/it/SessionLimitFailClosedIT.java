package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.oauth.annotations.InjectTestApp;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * SESSION_LIMIT_ON_REDIS_FAILURE=fail-closed with the shipped realm (failsafe execution
 * {@code redis-outage-fail-closed}: the registry on a Redis of this test's own, port 6392): while
 * Redis is down, nobody signs in — not in the browser, not with a password grant — and each is told
 * why; the node reports itself not ready. When Redis returns, "Try again" goes on.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SessionLimitFailClosedIT {

    private static final int PORT = 6392;
    private static final String PASSWORD = "Quartz-Meadow-514";
    private static final String CLIENT = "fail-closed-probe";
    private static final OwnRedis REDIS = new OwnRedis(PORT);

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectTestApp
    TestApp app;

    @BeforeAll
    static void startOwnRedis() throws Exception {
        REDIS.start();
    }

    @AfterAll
    static void stopOwnRedis() throws Exception {
        REDIS.stop();
    }

    @Test
    void whileRedisIsDownEverySignInIsRefusedWithAReasonAndGoesOnWhenItReturns() throws Exception {
        ProbeClient.limitTwo(realm, CLIENT);
        TokenEndpoint tokens = new TokenEndpoint(realm, CLIENT);
        String user = TestUsers.create(realm, "fail-closed", PASSWORD);
        tokens.login(user, PASSWORD);
        FormClient browser = new FormClient().openSignIn(app.getRedirectionUri(), null);
        assertThat(browser.has("kc-form-login")).isTrue();

        REDIS.stop();
        FormClient refused = new FormClient().openSignIn(app.getRedirectionUri(), null);
        assertThat(refused.title()).isEqualTo("Sign-in is paused");
        assertThat(refused.page()).contains("We cannot check your signed-in devices right now")
                .doesNotContain("We are sorry");
        assertThat(refused.has("kc-form-login")).as("no password is asked for").isFalse();

        HttpResponse<String> grant = tokens.passwordGrant(user, PASSWORD);
        assertThat(grant.statusCode()).isEqualTo(503);
        assertThat(grant.body()).contains("\"error\":\"temporarily_unavailable\"")
                .contains("We cannot check your signed-in devices right now");

        String ready = get("http://localhost:9000/health/ready");
        assertThat(ready).containsPattern("\"status\"\\s*:\\s*\"DOWN\"").contains("CreativeFlow session registry (Redis)")
                .contains("fail-closed");

        REDIS.start();
        refused.submit("cf-session-limit-form", Map.of("try-again", "true"));
        assertThat(refused.has("kc-form-login")).as(FormClient.describe(refused.page())).isTrue();
        refused.signIn(user, PASSWORD);
        assertThat(refused.page()).doesNotContain("kc-form-login");
        assertThat(tokens.passwordGrant(user, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("http://localhost:9000/health/ready")).containsPattern("\"status\"\\s*:\\s*\"UP\"");
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
