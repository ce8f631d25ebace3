package io.creativeflow.keycloak.sessions;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import java.util.Set;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/** REDIS_URL ({@code redis[s]://[user[:password]@]host[:port][/db]}) and the pooled client it makes. */
public record RedisEndpoint(String host, int port, boolean tls, String user, String password, int database) {

    public static RedisEndpoint parse(String url) {
        URI uri = URI.create(url);
        boolean tls = "rediss".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"redis".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("REDIS_URL must use redis:// or rediss://");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            if (parts.length == 2) {
                user = parts[0].isEmpty() ? null : decode(parts[0]);
                password = decode(parts[1]);
            } else {
                // redis://secret@host: a password alone, as most clients read it
                password = decode(parts[0]);
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            database = Integer.parseInt(path.substring(1));
        }
        return new RedisEndpoint(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379, tls, user, password, database);
    }

    /** A pooled client for a single Redis (or a primary behind a proxy/sentinel address). */
    public UnifiedJedis connect(int timeoutMillis) {
        return connect(timeoutMillis, false);
    }

    /**
     * A pooled client with short timeouts: a slow Redis must never hold a login for long. With
     * {@code cluster}, the URL's host is a seed node of a Redis Cluster; the client discovers the
     * others and follows slot moves.
     */
    public UnifiedJedis connect(int timeoutMillis, boolean cluster) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .ssl(tls)
                .database(database)
                .clientName("creativeflow-keycloak");
        if (password != null) {
            config.user(user).password(password);
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(16);
        // Waiting for a pooled connection is bounded by the same timeout.
        pool.setMaxWait(Duration.ofMillis(timeoutMillis));
        if (cluster) {
            if (database != 0) {
                throw new IllegalArgumentException("Redis Cluster has only database 0; REDIS_URL names " + database);
            }
            return RedisClusterClient.builder()
                    .nodes(Set.of(new HostAndPort(host, port)))
                    .clientConfig(config.build())
                    .poolConfig(pool)
                    .maxAttempts(3)
                    .maxTotalRetriesDuration(Duration.ofMillis(3L * timeoutMillis))
                    .build();
        }
        return RedisClient.builder()
                .hostAndPort(new HostAndPort(host, port))
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
    }

    /** For logs: no credentials. */
    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + host + ':' + port + '/' + database;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
