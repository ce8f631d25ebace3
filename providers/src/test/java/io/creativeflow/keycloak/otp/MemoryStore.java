package io.creativeflow.keycloak.otp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Keycloak's single-use store as the counters see it: atomic putIfAbsent, expiry on a clock. */
public final class MemoryStore implements Reservations.Store {

    private final ConcurrentMap<String, Long> expiries = new ConcurrentHashMap<>();
    /** Seconds, moved by the tests. */
    public final AtomicLong clockSeconds = new AtomicLong(1_800_000_000L);

    @Override
    public boolean putIfAbsent(String key, long lifespanSeconds) {
        long now = clockSeconds.get();
        long expiry = now + lifespanSeconds;
        boolean[] stored = {false};
        // Same as Infinispan: an expired entry counts as absent. compute() is atomic per key.
        expiries.compute(key, (k, current) -> {
            if (current == null || current <= now) {
                stored[0] = true;
                return expiry;
            }
            return current;
        });
        return stored[0];
    }

    @Override
    public boolean contains(String key) {
        Long expiry = expiries.get(key);
        return expiry != null && expiry > clockSeconds.get();
    }

    @Override
    public void remove(String key) {
        expiries.remove(key);
    }
}
