package io.creativeflow.keycloak.otp.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creativeflow.keycloak.otp.CodeDeliveryException;
import io.creativeflow.keycloak.otp.MemoryStore;
import io.creativeflow.keycloak.otp.Reservations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SmsGuardsTest {

    private static final String REALM = "realm-1";

    private final MemoryStore store = new MemoryStore();
    private final Reservations reservations = new Reservations(store);
    /** 2 per number and hour, 3 per number and day, 4 per network and hour, budget 6 per hour, 8 per day. */
    private final SmsGuards guards = new SmsGuards(Set.of("DE", "AT", "US"), 2, 3, 4, 6, 8);
    /** The start of a day (and of an hour) on the store's clock. */
    private final long t0 = Math.floorDiv(store.clockSeconds.get() * 1000, SmsGuards.DAY) * SmsGuards.DAY;

    @Test
    void onlyAllowedCountriesGetCodesAndStarAllowsAll() {
        assertThat(guards.countryAllowed("DE")).isTrue();
        assertThat(guards.countryAllowed("FR")).isFalse();
        assertThat(new SmsGuards(Set.of("*"), 1, 1, 1, 1, 1).countryAllowed("FR")).isTrue();
        assertThat(new SmsGuards(Set.of(), 1, 1, 1, 1, 1).countryAllowed("FR")).as("empty allows none").isFalse();
        assertThatThrownBy(() -> guards.reserve(reservations, REALM, "FR", "n1", null, "10.0.0.1", t0))
                .isInstanceOf(CodeDeliveryException.class).hasMessageContaining("FR")
                .extracting(e -> ((CodeDeliveryException) e).userMessageKey()).isEqualTo("cfSmsCountryNotAllowed");
    }

    @Test
    void aNumberGetsAtMostItsHourlyAndDailyShareAndTheWaitIsTold() throws Exception {
        send("n1", "u1", "10.0.0.1", t0);
        send("n1", "u1", "10.0.0.2", t0 + 1_000);
        CodeDeliveryException refused = refusal("n1", "u1", "10.0.0.3", t0 + 2_000);
        assertThat(refused.userMessageKey()).isEqualTo("cfSmsNumberCapReached");
        assertThat(refused.retryAfterSeconds()).isEqualTo(3600 - 2);
        // next hour: room again in the hour; the day (3) has one left
        send("n1", "u1", "10.0.0.3", t0 + SmsGuards.HOUR);
        assertThat(refusal("n1", "u1", "10.0.0.4", t0 + 2 * SmsGuards.HOUR).userMessageKey())
                .isEqualTo("cfSmsNumberCapReached");
        send("n1", "u1", "10.0.0.4", t0 + SmsGuards.DAY);
    }

    @Test
    void enrollingSomebodyElsesNumberNeverBlocksThatPersonsOwnSignIn() throws Exception {
        send("victim", null, "10.0.0.1", t0);
        send("victim", null, "10.0.0.2", t0);
        assertThat(refusal("victim", null, "10.0.0.3", t0).userMessageKey()).isEqualTo("cfSmsNumberCapReached");

        send("victim", "victim-user", "10.9.0.1", t0);
        send("victim", "victim-user", "10.9.0.1", t0);
    }

    @Test
    void oneClientNetworkCannotPumpManyNumbersAndIpv6CountsPerSlash64() throws Exception {
        for (int i = 0; i < 4; i++) {
            send("number-" + i, null, "2001:db8:1:2::" + (i + 1), t0);
        }
        assertThat(refusal("number-9", null, "2001:db8:1:2:ffff::9", t0).userMessageKey()).isEqualTo("cfSmsIpCapReached");
        send("number-9", null, "2001:db8:1:3::1", t0);
    }

    @Test
    void theRealmBudgetStopsEverySendOnceUsedUp() throws Exception {
        for (int i = 0; i < 6; i++) {
            send("number-" + i, null, "10.0." + i + ".1", t0);
        }
        CodeDeliveryException refused = refusal("number-7", null, "10.1.0.1", t0);
        assertThat(refused.userMessageKey()).isEqualTo("cfSmsBudgetReached");
        assertThat(guards.budgetLeft(reservations, REALM, t0)).isZero();
        assertThat(guards.budgetLeft(reservations, REALM, t0 + SmsGuards.HOUR)).as("the day has 2 left").isEqualTo(2);
        assertThat(guards.budgetLeft(reservations, "other-realm", t0)).isEqualTo(6);
    }

    @RepeatedTest(3)
    void parallelSendsToOneNumberGetAtMostTheCap() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String ip = "10.2.0." + i;
            done.add(pool.submit(() -> {
                start.await();
                try {
                    guards.reserve(reservations, REALM, "DE", "hammered", null, ip, t0);
                    admitted.incrementAndGet();
                } catch (CodeDeliveryException refused) {
                    // expected beyond the cap
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(admitted.get()).isEqualTo(2);
        store.clockSeconds.addAndGet(2 * 24 * 3600);
    }

    private void send(String number, String owner, String ip, long now) throws CodeDeliveryException {
        guards.reserve(reservations, REALM, "DE", number, owner, ip, now);
    }

    private CodeDeliveryException refusal(String number, String owner, String ip, long now) {
        try {
            send(number, owner, ip, now);
        } catch (CodeDeliveryException e) {
            return e;
        }
        throw new AssertionError("the send was not refused");
    }
}
