package io.creativeflow.keycloak.sessions;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The session registry's Redis on {@code /health/ready} (Keycloak's management port): a CDI bean,
 * which {@code kc.sh build} finds in our jar (META-INF/beans.xml). Under fail-closed a Redis outage
 * makes the node not ready (it refuses sign-ins anyway); under fail-open the node stays ready and
 * the check's data says the limit is not enforced.
 */
@Readiness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    static final String NAME = "CreativeFlow session registry (Redis)";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        RedisHealth.Published registry = RedisHealth.published();
        if (registry == null) {
            return response.up().withData("state", "not started: no sign-in on this node yet").build();
        }
        boolean answers;
        try {
            answers = registry.registry().ping();
        } catch (RuntimeException e) {
            answers = false;
        }
        response.withData("endpoint", registry.health().endpoint())
                .withData("onRedisFailure", registry.failOpen() ? "fail-open" : "fail-closed")
                .withData("redis", answers ? "up" : "down");
        if (answers) {
            return response.up().withData("limit", "enforced").build();
        }
        if (registry.failOpen()) {
            return response.up().withData("limit", "not enforced until Redis returns (fail-open)").build();
        }
        return response.down().withData("limit", "sign-ins refused until Redis returns (fail-closed)").build();
    }
}
