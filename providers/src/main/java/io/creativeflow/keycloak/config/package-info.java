/**
 * The operator's configuration: the spec's environment variables (minutes, days, hours, toggles) read
 * once at start-up, validated, converted into the units Keycloak wants, and written into the realm
 * when it is imported. Reading order: {@link
 * io.creativeflow.keycloak.config.EnvironmentSettingsProviderFactory} (when it runs) → {@link
 * io.creativeflow.keycloak.config.SpecRealmSettings} (what it writes) → {@link
 * io.creativeflow.keycloak.config.SpecSettings} (what it reads and derives).
 */
package io.creativeflow.keycloak.config;
