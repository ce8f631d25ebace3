package io.creativeflow.keycloak.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The registry on a real three-node Redis Cluster, started here (redis-server and redis-cli on the
 * PATH, ports 7111-7113): every user's keys share a slot through the {realm:user} hash tag, so the
 * admission script runs unchanged.
 */
class SessionRegistryClusterTest {

    private static final int[] PORTS = {7111, 7112, 7113};
    private static final List<Process> NODES = new ArrayList<>();
    private static Path workDir;
    private static UnifiedJedis cluster;
    private static SessionRegistry registry;

    @BeforeAll
    static void startCluster() throws Exception {
        workDir = Files.createTempDirectory("cf-redis-cluster");
        for (int port : PORTS) {
            Path dir = Files.createDirectories(workDir.resolve(String.valueOf(port)));
            NODES.add(new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                    "--dir", dir.toString(), "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            awaitPort(port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (int port : PORTS) {
            create.add("127.0.0.1:" + port);
        }
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process creating = new ProcessBuilder(create).redirectErrorStream(true).start();
        String output = new String(creating.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(creating.waitFor()).as(output).isZero();
        awaitClusterOk();
        cluster = new RedisEndpoint("127.0.0.1", PORTS[0], false, null, null, 0).connect(2_000, true);
        registry = new SessionRegistry(cluster);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        for (Process node : NODES) {
            node.destroyForcibly().waitFor();
        }
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void admissionEvictionAndCleanupWorkAcrossTheClusterForManyUsers() {
        String realm = "realm-" + UUID.randomUUID();
        for (int u = 0; u < 20; u++) {
            String user = "user-" + u;
            for (int s = 0; s < 4; s++) {
                registry.admit(new SessionRegistry.Login(realm, user, user + "-s" + s, s, "203.0.113.1", "curl",
                        "creativeflow-web"), 2, 60);
            }
            assertThat(registry.sessions(realm, user)).containsExactly(user + "-s2", user + "-s3");
            assertThat(registry.owner(realm, user + "-s3")).isEqualTo(user);
            registry.reconcile(realm, user, Map.of(user + "-k", 5L), 60);
            registry.removeAll(realm, user);
            assertThat(registry.sessions(realm, user)).isEmpty();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on " + port);
    }

    private static void awaitClusterOk() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            boolean allOk = true;
            for (int port : PORTS) {
                Process info = new ProcessBuilder("redis-cli", "-p", String.valueOf(port), "cluster", "info")
                        .redirectErrorStream(true).start();
                String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                info.waitFor();
                allOk &= text.contains("cluster_state:ok");
            }
            if (allOk) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Redis Cluster did not reach cluster_state:ok");
    }
}
