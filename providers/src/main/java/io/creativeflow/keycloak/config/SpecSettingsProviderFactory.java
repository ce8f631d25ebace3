package io.creativeflow.keycloak.config;

import org.keycloak.provider.ProviderFactory;

/** Factory type of the {@value SpecSettingsSpi#NAME} SPI. */
public interface SpecSettingsProviderFactory extends ProviderFactory<SpecSettingsProvider> {
}
