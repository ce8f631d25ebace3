package io.creativeflow.keycloak.sessions;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.config.SpecSettingsProvider;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
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
    private volatile KeycloakSessionFactory sessionFactory;
    /** Ends sessions that were evicted before their login had finished (see endWhenVisible). */
    private final ScheduledExecutorService laterEnds = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cf-session-limit-later-ends");
        thread.setDaemon(true);
        return thread;
    });

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
            RedisHealth.publish(health, registry, failOpen);
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

    /**
     * Ends {@code sessionId} if Keycloak has it, from outside the request that evicted it: Redis may
     * have evicted it while its login was still completing in another request, so nobody could end
     * it yet, or ended it while its own login was still committing. Tried {@code attempts} times,
     * after 0.2, 0.4, 0.8 … s, as long as its eviction mark stands (a new sign-in on the same session
     * lifts it); a look that finds it ends it, and the looks go on in case a late commit restores it. Without a request to speak for, clients are not sent a back-channel
     * logout for it.
     */
    void endWhenVisible(String realmId, String userId, String sessionId, int attempts) {
        endLater(realmId, userId, sessionId, 0, attempts);
    }

    private void endLater(String realmId, String userId, String sessionId, int attempt, int attempts) {
        if (attempt >= attempts || sessionFactory == null) {
            LOG.debugf("Evicted session %s of user %s never appeared: nothing to end", sessionId, userId);
            return;
        }
        laterEnds.schedule(() -> {
            try {
                if (registry.evictedUnder(realmId, userId, sessionId) == null) {
                    return;
                }
                boolean[] ended = {false};
                KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    if (realm != null) {
                        session.getContext().setRealm(realm);
                        ended[0] = SessionLimitEventListener.end(session, realm, sessionId, false);
                    }
                });
                if (ended[0]) {
                    LOG.debugf("Ended evicted session %s of user %s once it appeared", sessionId, userId);
                }
                endLater(realmId, userId, sessionId, attempt + 1, attempts);
            } catch (RuntimeException e) {
                LOG.debugf(e, "Could not end evicted session %s yet", sessionId);
                endLater(realmId, userId, sessionId, attempt + 1, attempts);
            }
        }, 200L << attempt, TimeUnit.MILLISECONDS);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // the Redis client starts with the first event
        this.sessionFactory = factory;
    }

    @Override
    public void close() {
        laterEnds.shutdownNow();
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
