package io.creativeflow.keycloak.otp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Sends counted in a sliding window, cluster-wide (per user and channel in the last hour; for SMS
 * also per destination number and client IP): kept in Keycloak's single-use
 * object store (replicated across nodes), so the cap holds across logins, enrolments, browsers and
 * nodes. Two sends racing on two nodes can both pass; the cap is a cost guard, not a security
 * boundary (attempts and brute-force lockout are).
 */
public final class SendLedger {

    static final long WINDOW_MILLIS = 3_600_000L;
    private static final String KEY_PREFIX = "cf-otp-sends:";

    private final SingleUseObjectProvider store;

    public SendLedger(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** Whether one more send fits under {@code maxPerHour}. */
    public boolean allows(String channel, String userId, int maxPerHour, long nowMillis) {
        return allows(userKey(channel, userId), maxPerHour, WINDOW_MILLIS, nowMillis);
    }

    /** Records a send that happened. */
    public void record(String channel, String userId, long nowMillis) {
        record(userKey(channel, userId), WINDOW_MILLIS, nowMillis);
    }

    /** Whether one more send under {@code subject} fits under {@code max} per {@code windowMillis}. */
    public boolean allows(String subject, int max, long windowMillis, long nowMillis) {
        return recent(load(KEY_PREFIX + subject), windowMillis, nowMillis).size() < max;
    }

    /** Records a send under {@code subject}, kept for {@code windowMillis}. */
    public void record(String subject, long windowMillis, long nowMillis) {
        String key = KEY_PREFIX + subject;
        List<Long> sends = recent(load(key), windowMillis, nowMillis);
        sends.add(nowMillis);
        store.remove(key);
        store.put(key, Math.max(1, windowMillis / 1000), Map.of("sends", join(sends)));
    }

    static List<Long> recent(List<Long> sends, long nowMillis) {
        return recent(sends, WINDOW_MILLIS, nowMillis);
    }

    static List<Long> recent(List<Long> sends, long windowMillis, long nowMillis) {
        List<Long> recent = new ArrayList<>();
        for (Long sent : sends) {
            if (nowMillis - sent < windowMillis) {
                recent.add(sent);
            }
        }
        return recent;
    }

    private List<Long> load(String key) {
        Map<String, String> notes = store.get(key);
        List<Long> sends = new ArrayList<>();
        if (notes != null && notes.get("sends") != null && !notes.get("sends").isEmpty()) {
            for (String part : notes.get("sends").split(",")) {
                try {
                    sends.add(Long.parseLong(part));
                } catch (NumberFormatException ignored) {
                    // a corrupt entry is dropped
                }
            }
        }
        return sends;
    }

    private static String join(List<Long> sends) {
        StringBuilder joined = new StringBuilder();
        for (Long sent : sends) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(sent);
        }
        return joined.toString();
    }

    private static String userKey(String channel, String userId) {
        return channel + ':' + userId;
    }
}
