package io.creativeflow.keycloak.recovery;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import java.util.List;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Describes the {@code cf-recovery-codes-setup} required action (configurable batch size). */
@AutoService(RequiredActionFactory.class)
public final class RecoveryCodesSetupFactory implements RequiredActionFactory, StatelessProviderFactory<RequiredActionProvider> {

    private static final RecoveryCodesSetup INSTANCE = new RecoveryCodesSetup();

    @Override
    public String getId() {
        return RecoveryCodes.SETUP_ACTION;
    }

    @Override
    public String getDisplayText() {
        return "Generate recovery codes";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(RecoveryCodesSetup.COUNT).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Codes per batch").defaultValue(String.valueOf(RecoveryCodes.DEFAULT_COUNT))
                .helpText("How many recovery codes a batch holds (1-50). Each code works once.").add()
                .build();
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }
}
