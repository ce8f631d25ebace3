package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.oauth.annotations.InjectTestApp;
import org.keycloak.testframework.realm.ManagedRealm;
import redis.clients.jedis.RedisClient;

/**
 * The concurrent-session limit on the real server and the real Redis: the shipped realm's
 * cf-session-limit listener, with the limit set per realm and per client through attributes.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SessionLimitIT {

    private static final String PASSWORD = "Harbor-Violet-317";
    private static final String CLIENT = "session-limit-probe";

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectTestApp
    TestApp app;

    @InjectMailServer
    MailServer mailServer;

    private TokenEndpoint tokens;
    private RedisClient redis;
    private String clientUuid;

    @BeforeEach
    void limitTwoAndAProbeClient() {
        setRealmLimit("2");
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        realm.admin().clients().create(client).close();
        clientUuid = realm.admin().clients().findByClientId(CLIENT).get(0).getId();
        tokens = new TokenEndpoint(realm, CLIENT);
        redis = RedisClient.create(URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379")));
    }

    @AfterEach
    void restore() {
        setRealmLimit(null);
        if (clientUuid != null) {
            realm.admin().clients().get(clientUuid).remove();
        }
        redis.close();
    }

    @Test
    void aThirdLoginEndsTheOldestSession() throws Exception {
        String user = newUser();
        Map<String, Object> first = login(user);
        Map<String, Object> second = login(user);
        Map<String, Object> third = login(user);

        assertThat(refresh(first).statusCode()).as("the oldest session's refresh token").isEqualTo(400);
        assertThat(refresh(second).statusCode()).isEqualTo(200);
        assertThat(refresh(third).statusCode()).isEqualTo(200);
        assertThat(sessionIds(user)).containsExactlyInAnyOrder(sessionId(second), sessionId(third));
        assertThat(registered(user)).containsExactlyInAnyOrder(sessionId(second), sessionId(third));
        Map<String, String> info = redis.hgetAll(key(user) + ":" + sessionId(third));
        assertThat(info).containsKeys("ip", "device", "started", "lastSeen").containsEntry("clients", CLIENT);
    }

    @Test
    void twentyParallelPasswordGrantsWithTheShippedBruteForceSettingsLeaveExactlyTheLimit() throws Exception {
        for (int run = 1; run <= 3; run++) {
            String user = newUser();
            List<Callable<HttpResponse<String>>> grants = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                grants.add(() -> tokens.passwordGrant(user, PASSWORD));
            }
            List<HttpResponse<String>> responses = FormClient.atOnce(grants);
            int succeeded = 0;
            for (HttpResponse<String> response : responses) {
                if (response.statusCode() == 200) {
                    succeeded++;
                } else {
                    // Keycloak's brute-force protector lets one login of a user run at a time and refuses
                    // the others as it refuses a wrong password (user_temporarily_disabled); a login whose
                    // session a later one evicted before its tokens were issued is invalid_grant too.
                    assertThat(response.statusCode()).as(response.body()).isIn(400, 401);
                    assertThat(response.body()).contains("invalid_grant");
                }
            }
            assertThat(succeeded).as("run %d", run).isPositive();
            awaitExactly(user, Math.min(2, succeeded));
        }
    }

    @Test
    void twentyBrowserSignInsCompletingAtOnceLeaveExactlyTheLimitInKeycloakAndRedis() throws Exception {
        String configId = emailCodeConfigId();
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(configId);
        Map<String, String> original = Map.copyOf(config.getConfig());
        // Twenty devices of one user each need their own code this hour.
        config.getConfig().put("cf.otp.max-sends-per-hour", "100");
        realm.admin().flows().updateAuthenticatorConfig(configId, config);
        try {
            for (int run = 1; run <= 3; run++) {
                String user = userWithEmailCodes();
                Mailbox mailbox = new Mailbox(mailServer);
                List<FormClient> devices = new ArrayList<>();
                List<String> codes = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int before = mailbox.countTo(user);
                    FormClient device = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(user, PASSWORD);
                    assertThat(device.has("cf-otp-form")).as("run %d device %d: %s (credentials %s)", run, i,
                            FormClient.describe(device.page()), TestUsers.credentialTypes(realm, user)).isTrue();
                    devices.add(device);
                    codes.add(Mailbox.code(mailbox.nextTo(user, before)));
                }
                List<Callable<FormClient>> completions = new ArrayList<>();
                for (int i = 0; i < devices.size(); i++) {
                    FormClient device = devices.get(i);
                    String code = codes.get(i);
                    completions.add(() -> device.submit("cf-otp-form", Map.of("code", code)));
                }
                FormClient.atOnce(completions);
                long completed = devices.stream().filter(d -> !d.has("cf-otp-form")).count();
                assertThat(completed).as("run %d: sign-ins that completed: %s", run,
                        devices.stream().map(d -> FormClient.describe(d.page())).toList()).isGreaterThan(2);
                awaitExactly(user, 2);
            }
        } finally {
            config.setConfig(new HashMap<>(original));
            realm.admin().flows().updateAuthenticatorConfig(configId, config);
        }
    }

    @Test
    void offlineSessionsCountAndEvictionEndsThemToo() throws Exception {
        for (int run = 1; run <= 3; run++) {
            String user = newUser();
            List<Map<String, Object>> logins = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                logins.add(tokens.login(user, PASSWORD, "openid offline_access"));
            }
            for (int i = 0; i < 6; i++) {
                assertThat(refresh(logins.get(i)).statusCode()).as("run %d: offline token %d", run, i)
                        .isEqualTo(i < 4 ? 400 : 200);
            }
            assertThat(offlineSessionIds(user)).as("run %d", run)
                    .containsExactlyInAnyOrder(sessionId(logins.get(4)), sessionId(logins.get(5)));
            assertThat(registered(user)).containsExactlyInAnyOrder(sessionId(logins.get(4)), sessionId(logins.get(5)));
        }
    }

    @Test
    void aDeviceSignedOutByTheLimitIsToldWhyOnItsNextSignInPage() throws Exception {
        String user = newUser();
        FormClient first = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(user, PASSWORD);
        new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(user, PASSWORD);
        new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(user, PASSWORD);
        awaitExactly(user, 2);

        first.openSignIn(app.getRedirectionUri(), null);
        assertThat(first.page()).as(FormClient.describe(first.page())).contains("You were signed out because your account signed in on another device;"
                + " 2 devices are allowed at a time.");
        assertThat(first.has("kc-form-login")).isTrue();
        first.openSignIn(app.getRedirectionUri(), null);
        assertThat(first.page()).as("told once").doesNotContain("You were signed out");
    }

    @Test
    void logoutAndAdminDeletionUnregister() throws Exception {
        String user = newUser();
        Map<String, Object> first = login(user);
        Map<String, Object> second = login(user);

        HttpResponse<String> logout = tokens.logout(first);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(registered(user)).containsExactly(sessionId(second));

        realm.admin().deleteSession(sessionId(second), false);
        assertThat(registered(user)).isEmpty();
    }

    @Test
    void aClientsOwnLimitWinsOverTheRealms() throws Exception {
        ClientRepresentation client = realm.admin().clients().get(clientUuid).toRepresentation();
        client.setAttributes(new HashMap<>(Map.of("creativeflow.session-limit", "1")));
        realm.admin().clients().get(clientUuid).update(client);
        String user = newUser();

        Map<String, Object> first = login(user);
        Map<String, Object> second = login(user);

        assertThat(refresh(first).statusCode()).isEqualTo(400);
        assertThat(sessionIds(user)).containsExactly(sessionId(second));
    }

    @Test
    void denyNewRefusesTheLoginBeyondTheLimitAndKeepsTheOldSessions() throws Exception {
        String flowId = requiredFlow("deny-new-", "direct-grant-validate-username", "direct-grant-validate-password", "cf-session-limit");
        ClientRepresentation client = realm.admin().clients().get(clientUuid).toRepresentation();
        client.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowId));
        realm.admin().clients().get(clientUuid).update(client);
        String user = newUser();

        Map<String, Object> first = login(user);
        Map<String, Object> second = login(user);
        HttpResponse<String> third = tokens.passwordGrant(user, PASSWORD);

        assertThat(third.statusCode()).isEqualTo(403);
        assertThat(third.body()).contains("\"error\":\"access_denied\"")
                .contains("2 devices are already signed in to this account");
        assertThat(refresh(first).statusCode()).as("deny-new keeps the old sessions").isEqualTo(200);
        assertThat(refresh(second).statusCode()).isEqualTo(200);
        assertThat(sessionIds(user)).hasSize(2);

        // A flow bound to a client cannot be deleted: the client goes first.
        realm.admin().clients().get(clientUuid).remove();
        clientUuid = null;
        realm.admin().flows().deleteFlow(flowId);
    }

    @Test
    void denyNewOffersToSignOutTheOtherDevicesAndContinue() throws Exception {
        String flowId = requiredFlow("deny-new-browser-", "auth-username-password-form", "cf-session-limit");
        ClientRepresentation web = new ClientRepresentation();
        web.setClientId("deny-new-web-" + UUID.randomUUID());
        web.setPublicClient(true);
        web.setStandardFlowEnabled(true);
        web.setRedirectUris(List.of(app.getRedirectionUri()));
        web.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        realm.admin().clients().create(web).close();
        String webUuid = realm.admin().clients().findByClientId(web.getClientId()).get(0).getId();
        try {
            String user = newUser();
            login(user);
            login(user);
            FormClient third = new FormClient().openSignIn(web.getClientId(), app.getRedirectionUri(), null)
                    .signIn(user, PASSWORD);
            assertThat(third.title()).as(FormClient.describe(third.page())).isEqualTo("Too many devices");
            assertThat(third.page()).contains("2 devices are already signed in to this account")
                    .doesNotContain("device(s)").doesNotContain("We are sorry");
            assertThat(sessionIds(user)).hasSize(2);

            third.submit("cf-session-limit-form", Map.of("sign-out-others", "true"));
            assertThat(third.has("cf-session-limit-form")).as(FormClient.describe(third.page())).isFalse();
            awaitExactly(user, 1);
        } finally {
            realm.admin().clients().get(webUuid).remove();
            realm.admin().flows().deleteFlow(flowId);
        }
    }

    @Test
    void theLimitAndRedisErrorsShowOnTheMetricsEndpoint() throws Exception {
        String user = newUser();
        login(user);
        login(user);
        login(user);

        String metrics = tokens.metrics();
        assertThat(metrics).contains("creativeflow_session_limit_evictions_total", "creativeflow_session_limit_redis_up",
                "creativeflow_session_limit_denials_total", "creativeflow_session_limit_redis_errors_total");
    }

    // --- steps -----------------------------------------------------------------------------------

    private void setRealmLimit(String limit) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributes());
        if (limit == null) {
            attributes.remove("creativeflow.session-limit");
        } else {
            attributes.put("creativeflow.session-limit", limit);
        }
        rep.setAttributes(attributes);
        realm.admin().update(rep);
    }

    private String newUser() {
        return TestUsers.create(realm, "sessions", PASSWORD);
    }

    private Map<String, Object> login(String email) throws Exception {
        return tokens.login(email, PASSWORD);
    }

    private HttpResponse<String> refresh(Map<String, Object> issued) throws Exception {
        return tokens.refresh(issued);
    }

    private static String sessionId(Map<String, Object> issued) {
        return TokenEndpoint.sessionId(issued);
    }

    private String userId(String email) {
        return TestUsers.id(realm, email);
    }

    private List<String> sessionIds(String email) {
        return realm.admin().users().get(userId(email)).getUserSessions().stream()
                .map(UserSessionRepresentation::getId).toList();
    }

    /** A new top-level flow of {@code providers}, each REQUIRED; its id. */
    private String requiredFlow(String aliasPrefix, String... providers) {
        String flowAlias = aliasPrefix + UUID.randomUUID();
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(flowAlias);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        realm.admin().flows().createFlow(flow).close();
        for (String provider : providers) {
            realm.admin().flows().addExecution(flowAlias, Map.of("provider", provider));
        }
        for (AuthenticationExecutionInfoRepresentation execution : realm.admin().flows().getExecutions(flowAlias)) {
            execution.setRequirement("REQUIRED");
            realm.admin().flows().updateExecutions(flowAlias, execution);
        }
        return realm.admin().flows().getFlows().stream().filter(f -> flowAlias.equals(f.getAlias()))
                .findFirst().orElseThrow().getId();
    }

    private List<String> offlineSessionIds(String email) {
        return realm.admin().users().get(userId(email)).getOfflineSessions(clientUuid).stream()
                .map(UserSessionRepresentation::getId).toList();
    }

    /**
     * Waits (up to 30 s: an evicted login still completing is ended once it appears) until Keycloak
     * holds exactly {@code expected} sessions of the user and Redis lists exactly those.
     */
    private void awaitExactly(String email, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            List<String> live = sessionIds(email);
            if (live.size() == expected && new java.util.HashSet<>(registered(email)).equals(new java.util.HashSet<>(live))) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(sessionIds(email)).as("sessions in Keycloak").hasSize(expected);
        assertThat(registered(email)).as("sessions in Redis").containsExactlyInAnyOrderElementsOf(sessionIds(email));
    }

    private String userWithEmailCodes() {
        org.keycloak.representations.idm.CredentialRepresentation emailCodes =
                new org.keycloak.representations.idm.CredentialRepresentation();
        emailCodes.setType("cf-email-otp");
        emailCodes.setCredentialData("{}");
        emailCodes.setSecretData("{}");
        return TestUsers.create(realm, "sessions-race", PASSWORD, emailCodes);
    }

    private String emailCodeConfigId() {
        return realm.admin().flows().getExecutions("creativeflow second factor").stream()
                .filter(e -> "cf-email-otp".equals(e.getProviderId()))
                .map(AuthenticationExecutionInfoRepresentation::getAuthenticationConfig)
                .findFirst().orElseThrow();
    }

    private String key(String email) {
        return "cf:sessions:{" + realm.getId() + ":" + userId(email) + "}";
    }

    private List<String> registered(String email) {
        return redis.zrange(key(email), 0, -1);
    }
}
