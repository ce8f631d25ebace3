package io.creativeflow.keycloak.otp;

import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What every code authenticator tells the admin console: its id is also its credential type (the
 * account console's reference category), it takes the code policy as execution settings, it is an
 * alternative (or required, or off) and users may enrol from the flow.
 */
public abstract class CodeAuthenticatorFactory implements AuthenticatorFactory, StatelessProviderFactory<Authenticator> {

    @Override
    public String getReferenceCategory() {
        return getId();
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CodePolicy.configProperties();
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
    }
}
