package io.creativeflow.keycloak.otp.sms;

import io.creativeflow.keycloak.otp.Reservations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@code creativeflow_sms_budget_remaining{realm}} on {@code /metrics}: texts the realm may still
 * send in this hour and day (the smaller), read from the cluster-wide counters at each scrape.
 * Registered with the realm's first SMS send on this node.
 */
final class SmsBudgetGauge {

    static final String NAME = "creativeflow_sms_budget_remaining";

    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private SmsBudgetGauge() {
    }

    static void register(KeycloakSessionFactory factory, RealmModel realm, SmsGuards guards) {
        String realmId = realm.getId();
        if (!REGISTERED.add(realmId)) {
            return;
        }
        Gauge.builder(NAME, () -> KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        session -> guards.budgetLeft(Reservations.of(session), realmId, Time.currentTimeMillis())))
                .tag("realm", realm.getName())
                .description("SMS codes the realm may still send within this hour and this day (SMS_BUDGET_PER_HOUR, SMS_BUDGET_PER_DAY)")
                .register(Metrics.globalRegistry);
    }
}
