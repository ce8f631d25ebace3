package io.creativeflow.keycloak.sessions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Redis availability as the session limit sees it: one warning when an outage starts, one line when
 * it ends — not one per login — and counters on Keycloak's metrics endpoint.
 */
final class RedisHealth {

    private static final Logger LOG = Logger.getLogger(RedisHealth.class);

    private final AtomicBoolean down = new AtomicBoolean(false);
    private volatile long outageEndedAtMillis;
    private final String endpoint;
    private final Counter errors = Metrics.counter("creativeflow_session_limit_redis_errors_total");
    final Counter evictions = Metrics.counter("creativeflow_session_limit_evictions_total");
    final Counter denials = Metrics.counter("creativeflow_session_limit_denials_total");

    /** The registry this node runs, for the readiness check (a CDI bean outside the SPI's reach). */
    record Published(RedisHealth health, SessionRegistry registry, boolean failOpen) {
    }

    private static volatile Published published;

    RedisHealth(String endpoint) {
        this.endpoint = endpoint;
        Gauge.builder("creativeflow_session_limit_redis_up", down, d -> d.get() ? 0 : 1)
                .description("1 while the session registry's Redis answers, 0 during an outage")
                .register(Metrics.globalRegistry);
    }

    static void publish(RedisHealth health, SessionRegistry registry, boolean failOpen) {
        published = new Published(health, registry, failOpen);
    }

    static Published published() {
        return published;
    }

    String endpoint() {
        return endpoint;
    }

    void failed(RuntimeException e, boolean failOpen) {
        errors.increment();
        if (down.compareAndSet(false, true)) {
            LOG.warnf("Redis at %s is unreachable (%s): the concurrent-session limit is %s until it returns",
                    endpoint, e.getClass().getSimpleName(),
                    failOpen ? "not enforced (fail-open)" : "refusing new logins (fail-closed)");
        }
    }

    void succeeded() {
        if (down.compareAndSet(true, false)) {
            outageEndedAtMillis = System.currentTimeMillis();
            LOG.infof("Redis at %s is reachable again: the concurrent-session limit is enforced", endpoint);
        }
    }

    /** When the last outage ended (0: none yet): sessions made during it are not in Redis. */
    long outageEndedAtMillis() {
        return outageEndedAtMillis;
    }

    boolean isDown() {
        return down.get();
    }
}
