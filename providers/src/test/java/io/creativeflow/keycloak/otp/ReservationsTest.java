package io.creativeflow.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ReservationsTest {

    private static final long HOUR = 3_600_000L;

    private final MemoryStore store = new MemoryStore();
    private final Reservations reservations = new Reservations(store);

    private long now() {
        return store.clockSeconds.get() * 1000;
    }

    @RepeatedTest(3)
    void manyThreadsAtOnceGetAtMostTheCap() throws Exception {
        long now = now();
        int granted = atOnce(48, () -> {
            int mine = 0;
            for (int round = 0; round < 20; round++) {
                mine += reservations.reserve("sms-number:n1", 5, HOUR, now) ? 1 : 0;
            }
            return mine;
        });
        assertThat(granted).isEqualTo(5);
        assertThat(reservations.used("sms-number:n1", 5, HOUR, now)).isEqualTo(5);
    }

    @RepeatedTest(3)
    void aLargeBudgetIsExactUnderConcurrencyToo() throws Exception {
        long now = now();
        int granted = atOnce(32, () -> {
            int mine = 0;
            for (int round = 0; round < 50; round++) {
                mine += reservations.reserve("sms-budget:realm", 1_000, 24 * HOUR, now) ? 1 : 0;
            }
            return mine;
        });
        assertThat(granted).isEqualTo(1_000);
        assertThat(reservations.used("sms-budget:realm", 1_000, 24 * HOUR, now)).isEqualTo(1_000);
    }

    @Test
    void theNextWindowStartsEmpty() {
        long now = now();
        for (int i = 0; i < 3; i++) {
            assertThat(reservations.reserve("u", 3, HOUR, now)).isTrue();
        }
        assertThat(reservations.reserve("u", 3, HOUR, now)).isFalse();
        long next = now + Reservations.secondsUntilNextWindow(HOUR, now) * 1000L;
        assertThat(reservations.used("u", 3, HOUR, next)).isZero();
        assertThat(reservations.reserve("u", 3, HOUR, next)).isTrue();
    }

    @Test
    void countersAreIndependentBySubject() {
        long now = now();
        assertThat(reservations.reserve("a", 1, HOUR, now)).isTrue();
        assertThat(reservations.reserve("a", 1, HOUR, now)).isFalse();
        assertThat(reservations.reserve("b", 1, HOUR, now)).isTrue();
    }

    @Test
    void aWindowlessCounterLastsItsLifespan() {
        assertThat(reservations.reserve("attempts:nonce", 2, 300)).isTrue();
        assertThat(reservations.reserve("attempts:nonce", 2, 300)).isTrue();
        assertThat(reservations.reserve("attempts:nonce", 2, 300)).isFalse();
        assertThat(reservations.used("attempts:nonce", 2)).isEqualTo(2);
        store.clockSeconds.addAndGet(301);
        assertThat(reservations.used("attempts:nonce", 2)).isZero();
    }

    @RepeatedTest(3)
    void aClaimHasExactlyOneWinnerUntilItExpiresOrIsReleased() throws Exception {
        int winners = atOnce(20, () -> reservations.claim("used:nonce", 30) ? 1 : 0);
        assertThat(winners).isEqualTo(1);
        assertThat(reservations.claimed("used:nonce")).isTrue();
        reservations.release("used:nonce");
        assertThat(reservations.claim("used:nonce", 30)).isTrue();
        store.clockSeconds.addAndGet(31);
        assertThat(reservations.claim("used:nonce", 30)).isTrue();
    }

    @Test
    void theWaitUntilTheNextWindowIsRoundedUpAndPositive() {
        assertThat(Reservations.secondsUntilNextWindow(HOUR, 0)).isEqualTo(3600);
        assertThat(Reservations.secondsUntilNextWindow(HOUR, HOUR - 1)).isEqualTo(1);
        assertThat(Reservations.secondsUntilNextWindow(HOUR, HOUR - 1500)).isEqualTo(2);
    }

    /** Runs {@code each} on {@code threads} threads released by one latch; the sum of what they return. */
    static int atOnce(int threads, Callable<Integer> each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                start.await();
                return each.call();
            }));
        }
        start.countDown();
        int sum = 0;
        for (Future<Integer> future : done) {
            sum += future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return sum;
    }
}
