package io.creativeflow.keycloak.config;

import org.keycloak.provider.Provider;

/** Access to the validated spec configuration from a Keycloak session. */
public interface SpecSettingsProvider extends Provider {

    SpecSettings settings();

    @Override
    default void close() {
        // holds nothing per session
    }
}
