package io.creativeflow.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        int threads = 48;
        int cap = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        long now = now();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < 20; round++) {
                    if (reservations.reserve("sms-number:n1", cap, HOUR, now)) {
                        granted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(granted.get()).isEqualTo(cap);
        assertThat(reservations.used("sms-number:n1", cap, HOUR, now)).isEqualTo(cap);
    }

    @RepeatedTest(3)
    void aLargeBudgetIsExactUnderConcurrencyToo() throws Exception {
        int threads = 32;
        int budget = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        long now = now();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < 50; round++) {
                    if (reservations.reserve("sms-budget:realm", budget, 24 * HOUR, now)) {
                        granted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(granted.get()).isEqualTo(budget);
        assertThat(reservations.used("sms-budget:realm", budget, 24 * HOUR, now)).isEqualTo(budget);
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
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger winners = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                start.await();
                if (reservations.claim("used:nonce", 30)) {
                    winners.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(winners.get()).isEqualTo(1);
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
}
