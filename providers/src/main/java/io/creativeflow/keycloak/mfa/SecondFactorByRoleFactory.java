package io.creativeflow.keycloak.mfa;

import com.google.auto.service.AutoService;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Describes {@code cf-second-factor-by-role}: enabled, it checks every login. */
@AutoService(RequiredActionFactory.class)
public final class SecondFactorByRoleFactory implements RequiredActionFactory {

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

    @Override
    public void init(Config.Scope config) {
        // the roles are a realm attribute
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // stateless
    }
}
