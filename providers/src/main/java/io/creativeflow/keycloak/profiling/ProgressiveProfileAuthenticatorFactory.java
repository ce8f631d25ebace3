package io.creativeflow.keycloak.profiling;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.GateAuthenticatorFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** Describes {@code cf-progressive-profile} to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class ProgressiveProfileAuthenticatorFactory implements GateAuthenticatorFactory {

    public static final String ID = "cf-progressive-profile";

    private static final ProgressiveProfileAuthenticator INSTANCE = new ProgressiveProfileAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Progressive profiling";
    }

    @Override
    public String getHelpText() {
        return "Asks for a few missing user-profile attributes per login. Which ones, and from which login on:"
                + " the user-profile annotation creativeflow.ask-from-login (1 = first login). Validators come from the"
                + " user profile. Turned on by EnableProgressiveProfilingTrigger=true.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProgressiveProfileSettings.properties();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
