package io.creativeflow.keycloak.otp;

import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The one counting primitive behind every code guard (send caps, the SMS budget, attempts per code,
 * resend cooldowns, single use): atomic and cluster-wide, built on
 * {@link SingleUseObjectProvider#putIfAbsent}, the only operation of Keycloak's single-use store that
 * is atomic across nodes. A counter with limit {@code k} is {@code k} slots; reserving one is a
 * {@code putIfAbsent} on the lowest free slot, so {@code n} concurrent reservations against
 * {@code k} slots succeed at most {@code k} times. Nothing here reads a value, changes it and writes
 * it back: {@code remove} is immediate and {@code put} waits for the commit, so a read-modify-write
 * of that store loses counts under concurrency.
 *
 * <p>Slots are only ever taken, never given back, until they expire together: the taken slots of a
 * counter are always a prefix {@code 0..m-1}, so {@link #used} finds {@code m} by binary search and
 * a reservation starts there (a few lookups even for a daily budget of thousands).
 *
 * <p>Windows are fixed and aligned to the clock ({@code floor(now / window)}): "5 per hour" means at
 * most 5 in each clock hour, so a burst across the turn of an hour can reach twice the cap.
 */
public final class Reservations {

    /** What the counters need from Keycloak's single-use store; a map in unit tests. */
    public interface Store {
        /** Atomically: true and stored if {@code key} was absent (or expired), false otherwise. */
        boolean putIfAbsent(String key, long lifespanSeconds);

        boolean contains(String key);

        /** Immediate removal. */
        void remove(String key);
    }

    private static final String PREFIX = "cf-q:";
    /** Slots outlive their window a little, so a request at the turn of the window still sees them. */
    private static final long MARGIN_SECONDS = 60;

    private final Store store;

    public Reservations(Store store) {
        this.store = store;
    }

    public static Reservations of(KeycloakSession session) {
        SingleUseObjectProvider singleUse = session.singleUseObjects();
        return new Reservations(new Store() {
            @Override
            public boolean putIfAbsent(String key, long lifespanSeconds) {
                return singleUse.putIfAbsent(key, lifespanSeconds);
            }

            @Override
            public boolean contains(String key) {
                return singleUse.contains(key);
            }

            @Override
            public void remove(String key) {
                Map<String, String> ignored = singleUse.remove(key);
            }
        });
    }

    /**
     * Reserves one of {@code limit} uses of {@code subject} in the current window of
     * {@code windowMillis}. True: the use is counted, go ahead. False: the window is full.
     */
    public boolean reserve(String subject, int limit, long windowMillis, long nowMillis) {
        return reserve(windowed(subject, windowMillis, nowMillis), limit, lifespan(windowMillis, nowMillis));
    }

    /** Uses of {@code subject} counted in the current window (at most {@code limit}). */
    public int used(String subject, int limit, long windowMillis, long nowMillis) {
        return used(windowed(subject, windowMillis, nowMillis), limit);
    }

    /**
     * Reserves one of {@code limit} uses of a counter that lives {@code lifespanSeconds} and has no
     * window (the attempts of one code: its key is unique to that code).
     */
    public boolean reserve(String counter, int limit, long lifespanSeconds) {
        for (int slot = used(counter, limit); slot < limit; slot++) {
            if (store.putIfAbsent(slotKey(counter, slot), Math.max(1, lifespanSeconds))) {
                return true;
            }
        }
        return false;
    }

    /** Uses of a windowless counter so far (at most {@code limit}). */
    public int used(String counter, int limit) {
        int low = 0;
        int high = limit;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (store.contains(slotKey(counter, middle))) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * Takes {@code key} for {@code lifespanSeconds} if nobody holds it: a lock that expires by itself
     * (one sender at a time, a cooldown, single use of a code). True for exactly one caller.
     */
    public boolean claim(String key, long lifespanSeconds) {
        return store.putIfAbsent(PREFIX + "claim:" + key, Math.max(1, lifespanSeconds));
    }

    /** Whether somebody holds {@code key}. */
    public boolean claimed(String key) {
        return store.contains(PREFIX + "claim:" + key);
    }

    /** Gives {@code key} back before it expires (a send that failed should not block a retry). */
    public void release(String key) {
        store.remove(PREFIX + "claim:" + key);
    }

    /** Seconds until the current window of {@code windowMillis} ends: when a full cap frees up. */
    public static int secondsUntilNextWindow(long windowMillis, long nowMillis) {
        long end = (Math.floorDiv(nowMillis, windowMillis) + 1) * windowMillis;
        return (int) Math.max(1, (end - nowMillis + 999) / 1000);
    }

    private static String windowed(String subject, long windowMillis, long nowMillis) {
        return subject + '@' + windowMillis / 1000 + 's' + Math.floorDiv(nowMillis, windowMillis);
    }

    private static long lifespan(long windowMillis, long nowMillis) {
        return secondsUntilNextWindow(windowMillis, nowMillis) + MARGIN_SECONDS;
    }

    private static String slotKey(String counter, int slot) {
        return PREFIX + counter + '#' + slot;
    }
}
