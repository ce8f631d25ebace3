package io.creativeflow.keycloak.mfa;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/** Describes {@code cf-second-factor-by-role}: enabled, it checks every login. */
@AutoService(RequiredActionFactory.class)
public final class SecondFactorByRoleFactory implements RequiredActionFactory, StatelessProviderFactory<RequiredActionProvider> {

    public static final String ID = "cf-second-factor-by-role";
    private static final SecondFactorByRole INSTANCE = new SecondFactorByRole();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Second factor required by role (realm attribute " + SecondFactorByRole.ROLES_ATTRIBUTE + ")";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }
}
