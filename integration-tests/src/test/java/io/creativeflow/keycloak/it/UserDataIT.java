package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
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

/**
 * Login activity in Keycloak's database (JPA entities, Liquibase changelogs): every login path counts,
 * apps read it through the {@code creativeflow-activity} scope and {@code /creativeflow/me/activity}.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class UserDataIT {

    private static final String PASSWORD = "Saffron-Kettle-274";
    private static final String GRANT_CLIENT = "activity-probe";

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

    private LoginSteps steps;

    @BeforeEach
    void steps() {
        steps = new LoginSteps(realm, oauth, app, driver, loginPage, PASSWORD);
    }

    @Test
    void everyLoginPathCountsAndAppsReadItWithTheActivityScope() throws Exception {
        String email = TestUsers.create(realm, "activity", PASSWORD);

        // 1: the browser, with the password
        PkceGenerator pkce = PkceGenerator.s256();
        steps.webClient().scope("creativeflow-activity").loginForm().codeChallenge(pkce).open();
        steps.signIn(email);
        AccessTokenResponse first = oauth.accessTokenRequest(oauth.parseLoginResponse().getCode()).codeVerifier(pkce).send();
        Map<String, Object> afterFirst = activity(first.getAccessToken());
        assertThat(afterFirst).containsEntry("loginCount", 1).containsEntry("lastClientId", "creativeflow-web")
                .doesNotContainKey("previousLoginAt");
        assertThat((String) afterFirst.get("lastIpAddress")).isNotBlank();
        assertThat(afterFirst.get("firstLoginAt")).isEqualTo(afterFirst.get("lastLoginAt"));
        IDToken idToken = oauth.verifyIDToken(first.getIdToken());
        assertThat(idToken.getOtherClaims()).containsEntry("login_count", 1);
        assertThat(((Number) idToken.getOtherClaims().get("last_login_at")).longValue())
                .isEqualTo(Instant.parse((String) afterFirst.get("lastLoginAt")).getEpochSecond());
        assertThat(oauth.doUserInfoRequest(first.getAccessToken()).getUserInfo().getOtherClaims())
                .containsEntry("login_count", 1);

        // 2: the SSO cookie of the same browser
        Thread.sleep(1_100);
        PkceGenerator again = PkceGenerator.s256();
        oauth.scope("creativeflow-activity").loginForm().codeChallenge(again).open();
        AccessTokenResponse second = oauth.accessTokenRequest(oauth.parseLoginResponse().getCode()).codeVerifier(again).send();
        Map<String, Object> afterSecond = activity(second.getAccessToken());
        assertThat(afterSecond).containsEntry("loginCount", 2)
                .containsEntry("previousLoginAt", afterFirst.get("lastLoginAt"))
                .containsEntry("firstLoginAt", afterFirst.get("firstLoginAt"));
        assertThat(Instant.parse((String) afterSecond.get("lastLoginAt")))
                .isAfter(Instant.parse((String) afterFirst.get("lastLoginAt")));
        assertThat(oauth.verifyIDToken(second.getIdToken()).getOtherClaims()).containsEntry("login_count", 2)
                .containsKey("previous_login_at");

        // 3: the password grant, from another client
        Map<String, Object> grant = new TokenEndpoint(realm, GRANT_CLIENT).login(email, PASSWORD);
        assertThat(activity((String) grant.get("access_token")))
                .containsEntry("loginCount", 3).containsEntry("lastClientId", GRANT_CLIENT);

        // Without the scope, tokens carry no activity.
        PkceGenerator plain = PkceGenerator.s256();
        steps.webClient().scope(null).loginForm().codeChallenge(plain).open();
        steps.signIn(email);
        AccessTokenResponse without = oauth.accessTokenRequest(oauth.parseLoginResponse().getCode()).codeVerifier(plain).send();
        assertThat(oauth.verifyIDToken(without.getIdToken()).getOtherClaims()).doesNotContainKeys("login_count", "last_login_at");
        assertThat(activity(without.getAccessToken())).containsEntry("loginCount", 4);
    }

    @Test
    void theActivityEndpointAnswersOnlyThisRealmsBearerTokens() throws Exception {
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("not-a-token").statusCode()).isEqualTo(401);
        HttpResponse<String> otherRealm = get(admin.tokenManager().getAccessTokenString());
        assertThat(otherRealm.statusCode()).as("a master-realm token").isEqualTo(401);
        assertThat(otherRealm.body()).contains("invalid_token");
    }

    @Test
    void deletingAUserDeletesTheirRowsAndTheTablesCameFromOurChangelogs() throws Exception {
        String email = TestUsers.create(realm, "gone", PASSWORD);
        String userId = TestUsers.id(realm, email);
        Map<String, Object> tokens = new TokenEndpoint(realm, GRANT_CLIENT).login(email, PASSWORD);
        assertThat(activity((String) tokens.get("access_token"))).containsEntry("loginCount", 1);

        realm.admin().users().get(userId).remove();
        assertThat(get((String) tokens.get("access_token")).statusCode()).as("the user is gone").isEqualTo(401);
        if (Database.available()) {
            assertThat(Database.first("select count(*) from cf_login_activity where user_id = ?", userId)).contains("0");
            assertThat(Database.first("select count(*) from cf_profile_prompt where user_id = ?", userId)).contains("0");
            assertThat(Database.first("select count(*) from databasechangelog_cf_login_a where id = 'cf-login-activity-1'"))
                    .contains("1");
            assertThat(Database.first("select count(*) from databasechangelog_cf_profile where id = 'cf-profile-prompts-1'"))
                    .contains("1");
        }
    }

    // --- steps -----------------------------------------------------------------------------------

    @org.junit.jupiter.api.AfterEach
    void noExtraScopeForOtherTests() {
        oauth.scope(null);
    }

    @BeforeEach
    void aClientThatMayUseThePasswordGrant() {
        if (realm.admin().clients().findByClientId(GRANT_CLIENT).isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(GRANT_CLIENT);
            client.setPublicClient(true);
            client.setDirectAccessGrantsEnabled(true);
            client.setStandardFlowEnabled(false);
            realm.admin().clients().create(client).close();
        }
    }

    private Map<String, Object> activity(String accessToken) throws Exception {
        return new ActivityEndpoint(realm).of(accessToken);
    }

    private HttpResponse<String> get(String accessToken) throws Exception {
        return new ActivityEndpoint(realm).get(accessToken);
    }
}
