package io.creativeflow.keycloak.config;

import com.google.auto.service.AutoService;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Keycloak SPI under which the spec's configuration is loaded once per server. */
@AutoService(Spi.class)
public final class SpecSettingsSpi implements Spi {

    public static final String NAME = "cf-settings";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SpecSettingsProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SpecSettingsProviderFactory.class;
    }
}
