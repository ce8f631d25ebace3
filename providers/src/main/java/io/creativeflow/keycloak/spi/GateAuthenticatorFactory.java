package io.creativeflow.keycloak.spi;

import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;

/** Describes a {@link GateAuthenticator}: required or off, no settings, no credential of its own. */
public interface GateAuthenticatorFactory extends AuthenticatorFactory, StatelessProviderFactory<Authenticator> {

    @Override
    default String getReferenceCategory() {
        return null;
    }

    @Override
    default boolean isConfigurable() {
        return false;
    }

    @Override
    default List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    default AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    default boolean isUserSetupAllowed() {
        return false;
    }
}
