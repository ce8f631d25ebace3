package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Runs in its own failsafe execution: the server's REDIS_URL points at a Redis this test starts,
 * kills and restarts. Logins go on while Redis is down (fail-open), and the limit holds again, with
 * the sessions made during the outage counted, once it is back.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class RedisOutageIT {

    private static final int PORT = 6391;
    private static final String PASSWORD = "Cobalt-Fern-662";
    private static final String CLIENT = "redis-outage-probe";
    private static final OwnRedis REDIS = new OwnRedis(PORT);

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    private TokenEndpoint tokens() {
        return new TokenEndpoint(realm, CLIENT);
    }

    @BeforeAll
    static void startOwnRedis() throws Exception {
        REDIS.start();
    }

    @AfterAll
    static void stopOwnRedis() throws Exception {
        REDIS.stop();
    }

    @Test
    void loginsGoOnWhileRedisIsDownAndTheLimitHoldsAgainWhenItReturns() throws Exception {
        ProbeClient.limitTwo(realm, CLIENT);
        String early = newUser();
        Map<String, Object> first = login(early);
        login(early);
        login(early);
        assertThat(refresh(first).statusCode()).as("limit enforced while Redis is up").isEqualTo(400);

        REDIS.stop();
        double errorsBefore = metric("creativeflow_session_limit_redis_errors_total");
        String during = newUser();
        for (int i = 0; i < 4; i++) {
            long started = System.currentTimeMillis();
            login(during);
            assertThat(System.currentTimeMillis() - started).as("a login never waits long on Redis").isLessThan(5_000);
        }
        assertThat(sessions(during)).as("fail-open: every login went through").isEqualTo(4);
        assertThat(metric("creativeflow_session_limit_redis_errors_total")).isGreaterThan(errorsBefore);
        assertThat(metric("creativeflow_session_limit_redis_up")).isZero();
        String ready = health();
        assertThat(ready).as("fail-open: the node stays ready and says the limit is off")
                .containsPattern("\"status\"\\s*:\\s*\"UP\"").contains("CreativeFlow session registry (Redis)")
                .containsPattern("\"redis\"\\s*:\\s*\"down\"").contains("fail-open");

        // Redis comes back empty. The login that ends this node's first outage is reconciled with the
        // four made during it, and the limit applies to all five at once.
        REDIS.start();
        Map<String, Object> ending = login(during);
        assertThat(sessions(during)).isEqualTo(2);
        assertThat(registered(during)).hasSize(2).contains(TokenEndpoint.sessionId(ending))
                .containsExactlyInAnyOrderElementsOf(sessionIds(during));
        assertThat(metric("creativeflow_session_limit_redis_up")).isEqualTo(1.0);
        assertThat(health()).containsPattern("\"redis\"\\s*:\\s*\"up\"");

        Map<String, Object> afterFirst = login(early);
        login(early);
        login(early);
        assertThat(refresh(afterFirst).statusCode()).as("limit enforced again").isEqualTo(400);
        assertThat(sessions(early)).isEqualTo(2);
    }

    // --- steps -----------------------------------------------------------------------------------

    private String newUser() {
        return TestUsers.create(realm, "outage", PASSWORD);
    }

    private Map<String, Object> login(String email) throws Exception {
        return tokens().login(email, PASSWORD);
    }

    private HttpResponse<String> refresh(Map<String, Object> issued) throws Exception {
        return tokens().refresh(issued);
    }

    private int sessions(String email) {
        String id = TestUsers.id(realm, email);
        return realm.admin().users().get(id).getUserSessions().size();
    }

    private List<String> sessionIds(String email) {
        return realm.admin().users().get(TestUsers.id(realm, email)).getUserSessions().stream()
                .map(org.keycloak.representations.idm.UserSessionRepresentation::getId).toList();
    }

    private List<String> registered(String email) {
        try (RedisClient client = RedisClient.create(
                java.net.URI.create(REDIS.url()))) {
            return client.zrange("cf:sessions:{" + realm.getId() + ":" + TestUsers.id(realm, email) + "}", 0, -1);
        }
    }

    private static String health() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:9000/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private double metric(String name) throws Exception {
        String body = tokens().metrics();
        Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*})?\\s+([0-9.eE+-]+)$").matcher(body);
        return matcher.find() ? Double.parseDouble(matcher.group(2)) : 0;
    }
}
