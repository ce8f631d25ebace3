package io.creativeflow.keycloak.otp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Codes sent per user and channel in the last hour, cluster-wide: kept in Keycloak's single-use
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
        return recent(load(key(channel, userId)), nowMillis).size() < maxPerHour;
    }

    /** Records a send that happened. */
    public void record(String channel, String userId, long nowMillis) {
        String key = key(channel, userId);
        List<Long> sends = recent(load(key), nowMillis);
        sends.add(nowMillis);
        store.remove(key);
        store.put(key, WINDOW_MILLIS / 1000, Map.of("sends", join(sends)));
    }

    static List<Long> recent(List<Long> sends, long nowMillis) {
        List<Long> recent = new ArrayList<>();
        for (Long sent : sends) {
            if (nowMillis - sent < WINDOW_MILLIS) {
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

    private static String key(String channel, String userId) {
        return KEY_PREFIX + channel + ':' + userId;
    }
}
