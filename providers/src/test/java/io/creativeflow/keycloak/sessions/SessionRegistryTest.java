package io.creativeflow.keycloak.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The registry's scripts against the real Redis (REDIS_URL, default the local one; database 15). */
class SessionRegistryTest {

    private static UnifiedJedis redis;
    private static SessionRegistry registry;

    private final String realm = "realm-" + UUID.randomUUID();
    private final String user = "user-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        String url = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
        RedisEndpoint local = RedisEndpoint.parse(url);
        redis = new RedisEndpoint(local.host(), local.port(), local.tls(), local.user(), local.password(), 15)
                .connect(2_000);
        registry = new SessionRegistry(redis);
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private SessionRegistry.Login login(String sessionId, long started) {
        return new SessionRegistry.Login(realm, user, sessionId, started, "203.0.113.7", "Firefox", "creativeflow-web");
    }

    @Test
    void aLoginBeyondTheLimitEvictsTheOldestSessions() {
        assertThat(registry.admit(login("s1", 1_000), 2, 60)).isEmpty();
        assertThat(registry.admit(login("s2", 2_000), 2, 60)).isEmpty();
        assertThat(registry.admit(login("s3", 3_000), 2, 60)).containsExactly("s1");
        assertThat(registry.sessions(realm, user)).containsExactly("s2", "s3");
        assertThat(registry.describe(realm, user, "s1")).isEmpty();
        assertThat(registry.owner(realm, "s1")).as("the owner key goes with the session").isNull();
    }

    @Test
    void anEvictedSessionIsMarkedSoThatItEndsWhereverItShowsUpUntilItSignsInAgain() {
        registry.admit(login("s1", 1_000), 1, 60);
        assertThat(registry.admit(login("s2", 2_000), 1, 60)).containsExactly("s1");

        assertThat(registry.evictedUnder(realm, user, "s1")).isEqualTo(1);
        assertThat(registry.touch(realm, user, "s1", 3_000)).as("a refresh of s1 must end it").isTrue();
        assertThat(registry.touch(realm, user, "s2", 3_000)).isFalse();

        // s1 signs in again through its SSO cookie: a new admission, the mark lifted, s2 evicted.
        assertThat(registry.admit(login("s1", 4_000), 1, 60)).containsExactly("s2");
        assertThat(registry.evictedUnder(realm, user, "s1")).isNull();
        registry.forgetEviction(realm, user, "s2");
        assertThat(registry.evictedUnder(realm, user, "s2")).isNull();
        assertThat(registry.ping()).isTrue();
    }

    @Test
    void oldestMeansFirstAdmittedEvenWhenTheNodesClocksDisagree() {
        registry.admit(login("s1", 5_000), 1, 60);

        assertThat(registry.admit(login("s2", 1_000), 1, 60)).containsExactly("s1");
        assertThat(registry.sessions(realm, user)).containsExactly("s2");
    }

    @Test
    void loginsInTheSameMillisecondStillEvictInAdmissionOrder() {
        registry.admit(login("zzz", 1_000), 2, 60);
        registry.admit(login("aaa", 1_000), 2, 60);

        assertThat(registry.admit(login("mmm", 1_000), 2, 60)).containsExactly("zzz");
    }

    @Test
    void aRepeatedLoginOfTheSameSessionKeepsItsStartAndCollectsClients() {
        registry.admit(login("s1", 1_000), 0, 60);
        registry.admit(new SessionRegistry.Login(realm, user, "s1", 9_000, "203.0.113.8", "Safari", "admin-app"), 0, 60);

        Map<String, String> info = registry.describe(realm, user, "s1");
        assertThat(info).containsEntry("started", "1000").containsEntry("ip", "203.0.113.8")
                .containsEntry("device", "Safari").containsEntry("clients", "creativeflow-web,admin-app");
        assertThat(registry.sessions(realm, user)).containsExactly("s1");
    }

    @Test
    void unlimitedMeansNoEvictionAndEveryKeyExpires() {
        for (int i = 0; i < 5; i++) {
            assertThat(registry.admit(login("s" + i, i), 0, 60)).isEmpty();
        }
        assertThat(registry.sessions(realm, user)).hasSize(5);
        assertThat(redis.ttl(SessionRegistry.key(realm, user))).isBetween(1L, 60L);
        assertThat(redis.ttl(SessionRegistry.key(realm, user) + ":s0")).isBetween(1L, 60L);
        assertThat(redis.ttl(SessionRegistry.ownerKey(realm, "s0"))).isBetween(1L, 60L);
    }

    @Test
    void twentyConcurrentLoginsLeaveExactlyTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "p" + i;
            long started = 1_000 + i;
            results.add(pool.submit(() -> registry.admit(login(id, started), 3, 60)));
        }
        List<String> evicted = Collections.synchronizedList(new ArrayList<>());
        for (Future<List<String>> result : results) {
            evicted.addAll(result.get());
        }
        pool.shutdown();

        assertThat(registry.sessions(realm, user)).hasSize(3);
        assertThat(evicted).hasSize(17).doesNotHaveDuplicates();
    }

    @Test
    void removingForgetsTheSessionAndItsOwnerTouchingRecordsActivity() {
        registry.admit(login("s1", 1_000), 0, 60);
        registry.touch(realm, user, "s1", 7_000);
        assertThat(registry.describe(realm, user, "s1")).containsEntry("lastSeen", "7000");

        registry.remove(realm, user, "s1");
        registry.touch(realm, user, "s1", 8_000);
        assertThat(registry.sessions(realm, user)).isEmpty();
        assertThat(registry.describe(realm, user, "s1")).as("touch does not resurrect").isEmpty();
        assertThat(registry.owner(realm, "s1")).isNull();
    }

    @Test
    void reconcilingAddsSessionsMadeWhileRedisWasDownWithoutEvicting() {
        long now = System.currentTimeMillis();
        registry.reconcile(realm, user, Map.of("k1", now - 3_000L, "k2", now - 2_000L), 60);
        registry.admit(login("s3", now), 2, 60);
        assertThat(registry.sessions(realm, user)).containsExactly("k2", "s3");

        registry.reconcile(realm, user, Map.of("k2", now - 2_000L, "k4", now - 1_000L), 60);
        assertThat(registry.sessions(realm, user)).as("no eviction while reconciling").containsExactly("k2", "k4", "s3");
    }
}
