package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
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
    void twentyParallelLoginsLeaveExactlyTheLimit() throws Exception {
        String user = newUser();
        // Keycloak's brute-force detector takes 20 simultaneous logins of one user for an attack
        // (user_temporarily_disabled); this test is about the session limit alone.
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setBruteForceProtected(false);
        realm.admin().update(rep);
        try {
            parallelLogins(user);
        } finally {
            RealmRepresentation restore = realm.admin().toRepresentation();
            restore.setBruteForceProtected(true);
            realm.admin().update(restore);
        }
    }

    private void parallelLogins(String user) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> logins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            logins.add(pool.submit(() -> tokens.passwordGrant(user, PASSWORD)));
        }
        int succeeded = 0;
        for (Future<HttpResponse<String>> login : logins) {
            HttpResponse<String> response = login.get();
            if (response.statusCode() == 200) {
                succeeded++;
            } else {
                // A login whose session a later login evicted before its tokens were issued.
                assertThat(response.body()).contains("invalid_grant");
            }
        }
        pool.shutdown();

        assertThat(succeeded).isPositive();
        assertThat(sessionIds(user)).hasSize(2);
        assertThat(registered(user)).containsExactlyInAnyOrderElementsOf(sessionIds(user));
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
        String flowAlias = "deny-new-" + UUID.randomUUID();
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(flowAlias);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        realm.admin().flows().createFlow(flow).close();
        for (String provider : List.of("direct-grant-validate-username", "direct-grant-validate-password", "cf-session-limit")) {
            realm.admin().flows().addExecution(flowAlias, Map.of("provider", provider));
        }
        for (AuthenticationExecutionInfoRepresentation execution : realm.admin().flows().getExecutions(flowAlias)) {
            execution.setRequirement("REQUIRED");
            realm.admin().flows().updateExecutions(flowAlias, execution);
        }
        String flowId = realm.admin().flows().getFlows().stream().filter(f -> flowAlias.equals(f.getAlias()))
                .findFirst().orElseThrow().getId();
        ClientRepresentation client = realm.admin().clients().get(clientUuid).toRepresentation();
        client.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", flowId));
        realm.admin().clients().get(clientUuid).update(client);
        String user = newUser();

        Map<String, Object> first = login(user);
        Map<String, Object> second = login(user);
        HttpResponse<String> third = tokens.passwordGrant(user, PASSWORD);

        assertThat(third.statusCode()).isEqualTo(403);
        assertThat(third.body()).contains("already signed in on 2 device(s)");
        assertThat(refresh(first).statusCode()).as("deny-new keeps the old sessions").isEqualTo(200);
        assertThat(refresh(second).statusCode()).isEqualTo(200);
        assertThat(sessionIds(user)).hasSize(2);

        // A flow bound to a client cannot be deleted: the client goes first.
        realm.admin().clients().get(clientUuid).remove();
        clientUuid = null;
        realm.admin().flows().deleteFlow(flowId);
    }

    @Test
    void theLimitAndRedisErrorsShowOnTheMetricsEndpoint() throws Exception {
        String user = newUser();
        login(user);
        login(user);
        login(user);

        String metrics = tokens.metrics();
        assertThat(metrics).contains("creativeflow_session_limit_evictions_total",
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

    private String key(String email) {
        return "cf:sessions:{" + realm.getId() + ":" + userId(email) + "}";
    }

    private List<String> registered(String email) {
        return redis.zrange(key(email), 0, -1);
    }
}
