package io.creativeflow.keycloak.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * What Redis holds for the session limit, per realm and user:
 * <ul>
 *   <li>{@code cf:sessions:{realm:user}} — a sorted set of live Keycloak session ids, scored by start
 *   time (milliseconds);</li>
 *   <li>{@code cf:sessions:{realm:user}:<session id>} — a hash describing one session: ip, device
 *   (user agent), clients, started, last-seen;</li>
 *   <li>{@code cf:sessions:{realm:user}:evicted:<session id>} — the limit a session was evicted under:
 *   the mark that ends it wherever it shows up later (a login still completing when it was evicted,
 *   a refresh, a code exchange) and tells its device why on its next sign-in page;</li>
 *   <li>{@code cf:session-owner:<realm>:<session id>} — the user of a session, for events that name
 *   only the session; removed with the session.</li>
 * </ul>
 * The {@code {realm:user}} hash tag keeps one user's keys in one Redis Cluster slot, so the
 * admission script may touch them all. Every key expires with the realm's longest SSO session, so
 * nothing lingers after a missed logout.
 */
public final class SessionRegistry {

    /**
     * Admission and eviction in one round trip, atomically: record the session, then remove and
     * return the oldest sessions beyond the limit (never the new one). Concurrent logins of one user
     * are serialised by Redis, so the user never holds more than the limit.
     * KEYS[1] set; ARGV: sessionId, startedMillis, limit, ttlSeconds, ip, device, client.
     */
    static final String ADMIT = String.join("\n",
            "local set = KEYS[1]",
            "local id, started, limit, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])",
            "local info = set .. ':' .. id",
            "redis.call('DEL', set .. ':evicted:' .. id)",
            "if not redis.call('ZSCORE', set, id) then",
            "  local now = redis.call('TIME')",
            "  redis.call('ZADD', set, tonumber(now[1]) * 1000000 + tonumber(now[2]), id)",
            "  redis.call('HSET', info, 'started', ARGV[2])",
            "end",
            "redis.call('HSET', info, 'ip', ARGV[5], 'device', ARGV[6], 'lastSeen', ARGV[2])",
            "local clients = redis.call('HGET', info, 'clients')",
            "if ARGV[7] ~= '' and (not clients or not string.find(',' .. clients .. ',', ',' .. ARGV[7] .. ',', 1, true)) then",
            "  redis.call('HSET', info, 'clients', clients and (clients .. ',' .. ARGV[7]) or ARGV[7])",
            "end",
            "redis.call('EXPIRE', info, ttl)",
            "redis.call('EXPIRE', set, ttl)",
            "local evicted = {}",
            "if limit > 0 then",
            "  local excess = redis.call('ZCARD', set) - limit",
            "  if excess > 0 then",
            "    local oldest = redis.call('ZRANGE', set, 0, excess)",
            "    for _, candidate in ipairs(oldest) do",
            "      if #evicted < excess and candidate ~= id then",
            "        redis.call('ZREM', set, candidate)",
            "        redis.call('DEL', set .. ':' .. candidate)",
            "        redis.call('SET', set .. ':evicted:' .. candidate, limit, 'EX', ttl)",
            "        table.insert(evicted, candidate)",
            "      end",
            "    end",
            "  end",
            "end",
            "return evicted");

    /** KEYS[1] set; ARGV[1] session id. */
    static final String REMOVE = String.join("\n",
            "redis.call('ZREM', KEYS[1], ARGV[1])",
            "return redis.call('DEL', KEYS[1] .. ':' .. ARGV[1])");

    /**
     * KEYS[1] session hash, KEYS[2] its eviction mark, KEYS[3] the user's set; ARGV[1] now, ARGV[2]
     * ttl (0: keep). Only a session still registered is touched; returns 1 when the session was
     * evicted (it must end now).
     */
    static final String TOUCH = String.join("\n",
            "if redis.call('EXISTS', KEYS[2]) == 1 then",
            "  return 1",
            "end",
            "if redis.call('EXISTS', KEYS[1]) == 1 then",
            "  redis.call('HSET', KEYS[1], 'lastSeen', ARGV[1])",
            "  if tonumber(ARGV[2]) > 0 then",
            "    redis.call('EXPIRE', KEYS[1], ARGV[2])",
            "    redis.call('EXPIRE', KEYS[3], ARGV[2])",
            "  end",
            "end",
            "return 0");

    private final UnifiedJedis redis;

    public SessionRegistry(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** One login as Redis needs it. */
    public record Login(String realmId, String userId, String sessionId, long startedMillis, String ip,
                        String device, String clientId) {
    }

    /**
     * Registers the session and returns the ids of the sessions that must end so that the user holds
     * at most {@code limit} (0 = unlimited).
     */
    @SuppressWarnings("unchecked")
    public List<String> admit(Login login, int limit, int ttlSeconds) {
        Object result;
        // One round trip: the admission script and the session's owner record, pipelined.
        try (AbstractPipeline pipeline = redis.pipelined()) {
            Response<Object> admitted = pipeline.eval(ADMIT, List.of(key(login.realmId(), login.userId())), List.of(
                    login.sessionId(), Long.toString(login.startedMillis()), Integer.toString(limit),
                    Integer.toString(Math.max(1, ttlSeconds)), nullToEmpty(login.ip()), nullToEmpty(login.device()),
                    nullToEmpty(login.clientId())));
            pipeline.setex(ownerKey(login.realmId(), login.sessionId()), Math.max(1, ttlSeconds), login.userId());
            pipeline.sync();
            result = admitted.get();
        }
        List<String> evicted = result instanceof List<?> list ? new ArrayList<>((List<String>) list) : List.of();
        for (String id : evicted) {
            // Owner records live outside the user's cluster slot: removed here, one key per command
            // (a multi-key DEL across slots is refused by Redis Cluster), and never at the cost of
            // the evictions themselves.
            try {
                redis.del(ownerKey(login.realmId(), id));
            } catch (RuntimeException e) {
                // it expires with its TTL
            }
        }
        return evicted;
    }

    /** The limit {@code sessionId} was evicted under, or null when it was not evicted. */
    public Integer evictedUnder(String realmId, String userId, String sessionId) {
        String limit = redis.get(evictedKey(realmId, userId, sessionId));
        try {
            return limit == null ? null : Integer.valueOf(limit);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Forgets the eviction of {@code sessionId} (its device has been told). */
    public void forgetEviction(String realmId, String userId, String sessionId) {
        redis.del(evictedKey(realmId, userId, sessionId));
    }

    /** Whether Redis answers (the fail-closed guard and the readiness check ask). */
    public boolean ping() {
        return "PONG".equalsIgnoreCase(redis.ping());
    }

    /** Adds sessions Keycloak has but Redis missed (made while Redis was down), without evicting. */
    public void reconcile(String realmId, String userId, Map<String, Long> startedBySessionId, int ttlSeconds) {
        String set = key(realmId, userId);
        try (AbstractPipeline pipeline = redis.pipelined()) {
            startedBySessionId.forEach((sessionId, started) -> {
                pipeline.zadd(set, started * 1000.0, sessionId, ZAddParams.zAddParams().nx());
                pipeline.hsetnx(set + ':' + sessionId, "started", Long.toString(started));
                pipeline.expire(set + ':' + sessionId, ttlSeconds);
                pipeline.setex(ownerKey(realmId, sessionId), ttlSeconds, userId);
            });
            pipeline.expire(set, ttlSeconds);
            pipeline.sync();
        }
    }

    /** The user a session belongs to, for events that name only the session (admin deletion). */
    public String owner(String realmId, String sessionId) {
        return redis.get(ownerKey(realmId, sessionId));
    }

    /** Forgets every session of a user (all signed out). */
    public void removeAll(String realmId, String userId) {
        for (String sessionId : sessions(realmId, userId)) {
            remove(realmId, userId, sessionId);
        }
    }

    /**
     * Records activity (a token refresh, a code exchange) of a registered session; true when the
     * session was evicted meanwhile and must end.
     */
    public boolean touch(String realmId, String userId, String sessionId, long nowMillis) {
        return touch(realmId, userId, sessionId, nowMillis, 0);
    }

    /** As {@link #touch(String, String, String, long)}, keeping the user's keys for {@code ttlSeconds} more. */
    public boolean touch(String realmId, String userId, String sessionId, long nowMillis, int ttlSeconds) {
        Object evicted = redis.eval(TOUCH, List.of(key(realmId, userId) + ':' + sessionId,
                evictedKey(realmId, userId, sessionId), key(realmId, userId)),
                List.of(Long.toString(nowMillis), Integer.toString(Math.max(0, ttlSeconds))));
        return evicted instanceof Long flag && flag == 1L;
    }

    public void remove(String realmId, String userId, String sessionId) {
        redis.eval(REMOVE, List.of(key(realmId, userId)), List.of(sessionId));
        redis.del(ownerKey(realmId, sessionId));
    }

    /** The user's registered session ids, oldest first. */
    public List<String> sessions(String realmId, String userId) {
        return new ArrayList<>(redis.zrange(key(realmId, userId), 0, -1));
    }

    /** What the registry knows of one session (ip, device, clients, started, lastSeen). */
    public Map<String, String> describe(String realmId, String userId, String sessionId) {
        return redis.hgetAll(key(realmId, userId) + ':' + sessionId);
    }

    static String evictedKey(String realmId, String userId, String sessionId) {
        return key(realmId, userId) + ":evicted:" + sessionId;
    }

    static String ownerKey(String realmId, String sessionId) {
        return "cf:session-owner:" + realmId + ':' + sessionId;
    }

    static String key(String realmId, String userId) {
        return "cf:sessions:{" + realmId + ':' + userId + '}';
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
