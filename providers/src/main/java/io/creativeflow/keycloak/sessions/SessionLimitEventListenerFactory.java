package io.creativeflow.keycloak.sessions;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.config.SpecSettingsProvider;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import redis.clients.jedis.UnifiedJedis;

/**
 * The {@code cf-session-limit} event listener: add it to a realm's event listeners (the shipped
 * realm has it) to limit concurrent sessions per user across every Keycloak node that shares Redis.
 *
 * <p>Configuration: REDIS_URL, REDIS_CLUSTER, REDIS_TIMEOUT_MS, CONCURRENT_SESSION_LIMIT (0 = unlimited),
 * SESSION_LIMIT_ON_REDIS_FAILURE ({@code fail-open} or {@code fail-closed}); per realm or client
 * the attribute {@value SessionLimit#ATTRIBUTE} overrides the limit.
 */
@AutoService(EventListenerProviderFactory.class)
public final class SessionLimitEventListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "cf-session-limit";

    private static final Logger LOG = Logger.getLogger(SessionLimitEventListenerFactory.class);

    private volatile SessionRegistry registry;
    private volatile UnifiedJedis redis;
    private volatile RedisHealth health;
    private volatile int defaultLimit;
    private volatile boolean failOpen = true;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        ensureStarted(session);
        return new SessionLimitEventListener(session, this);
    }

    private void ensureStarted(KeycloakSession session) {
        if (registry != null) {
            return;
        }
        synchronized (this) {
            if (registry != null) {
                return;
            }
            SpecSettings settings = session.getProvider(SpecSettingsProvider.class).settings();
            RedisEndpoint endpoint = RedisEndpoint.parse(settings.get("cf.redis.url"));
            defaultLimit = Integer.parseInt(settings.get("cf.sessions.limit"));
            failOpen = "fail-open".equals(settings.get("cf.sessions.on-redis-failure"));
            health = new RedisHealth(endpoint.toString());
            boolean cluster = Boolean.parseBoolean(settings.get("cf.redis.cluster"));
            redis = endpoint.connect(Integer.parseInt(settings.get("cf.redis.timeout-millis")), cluster);
            registry = new SessionRegistry(redis);
            LOG.infof("Concurrent-session limit: registry at %s%s, default limit %d, %s", endpoint,
                    cluster ? " (Redis Cluster)" : "", defaultLimit, failOpen ? "fail-open" : "fail-closed");
        }
    }

    SessionRegistry registry() {
        return registry;
    }

    RedisHealth health() {
        return health;
    }

    int defaultLimit() {
        return defaultLimit;
    }

    boolean failOpen() {
        return failOpen;
    }

    /** The registry for the companion authenticator, starting it if no event has yet. */
    SessionRegistry registry(KeycloakSession session) {
        ensureStarted(session);
        return registry;
    }

    @Override
    public void init(Config.Scope config) {
        // configured from the environment (cf-settings)
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // the Redis client starts with the first event
    }

    @Override
    public void close() {
        UnifiedJedis client = redis;
        if (client != null) {
            client.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create().build();
    }
}
