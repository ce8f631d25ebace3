/**
 * The concurrent-session limit ({@code cf-session-limit}): a session registry in Redis shared by
 * every Keycloak node, fed by an event listener on every login path, with the oldest sessions beyond
 * the limit signed out.
 *
 * <p>Reading order: {@link io.creativeflow.keycloak.sessions.SessionLimitEventListenerFactory} (what
 * it is, how it is configured, its Redis client and metrics) → {@link
 * io.creativeflow.keycloak.sessions.SessionLimitEventListener} (what happens on login and logout) →
 * {@link io.creativeflow.keycloak.sessions.SessionLimitAuthenticator} (deny-new instead of
 * evict-oldest) → {@link io.creativeflow.keycloak.sessions.SessionRegistry} (what Redis holds, the
 * atomic admission script) → {@link io.creativeflow.keycloak.sessions.RedisEndpoint} (REDIS_URL).
 */
package io.creativeflow.keycloak.sessions;
