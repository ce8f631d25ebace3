package io.creativeflow.keycloak.it;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The server every integration test runs against: the real Keycloak distribution with the jars we
 * ship (resolved from this build's reactor) and our realm imported from {@code realm-config/}.
 *
 * <p>The environment (spec variables, {@code JAVA_OPTS_APPEND} pointing the import at the realm
 * directory) comes from failsafe's {@code environmentVariables}: the server process inherits it.
 */
public class CreativeFlowServerConfig implements KeycloakServerConfig {

    public static final String GROUP_ID = "io.creativeflow.identity";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        // The server's log also goes to KC_LOG_FILE (set by failsafe), where ServerLog reads it.
        config.log().handlers(KeycloakServerConfigBuilder.LogHandlers.CONSOLE, KeycloakServerConfigBuilder.LogHandlers.FILE);
        return config
                .dependency(GROUP_ID, "creativeflow-identity-providers")
                .dependency(GROUP_ID, "creativeflow-identity-themes")
                // The third-party jars we ship next to ours (distribution/target/keycloak/providers).
                .dependency("redis.clients", "jedis")
                .dependency("org.apache.commons", "commons-pool2")
                .dependency("org.json", "json")
                .dependency("redis.clients.authentication", "redis-authx-core")
                .dependency("com.twilio.sdk", "twilio")
                .dependency("org.apache.httpcomponents.client5", "httpclient5")
                .dependency("org.apache.httpcomponents.core5", "httpcore5")
                .dependency("org.apache.httpcomponents.core5", "httpcore5-h2")
                .dependency("com.googlecode.libphonenumber", "libphonenumber")
                .option("metrics-enabled", "true")
                .option("health-enabled", "true");
    }
}
