package io.creativeflow.keycloak.mfa;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.GateAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** Describes {@code cf-direct-grant-second-factor-guard} to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class DirectGrantGuardFactory implements GateAuthenticatorFactory {

    public static final String ID = "cf-direct-grant-second-factor-guard";
    private static final DirectGrantGuard INSTANCE = new DirectGrantGuard();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Refuse password grant for users with a second factor";
    }

    @Override
    public String getHelpText() {
        return "Put after the password in a direct-grant flow: users with TOTP, email or SMS codes or recovery"
                + " codes are refused (invalid_grant), so the password grant cannot skip the second factor."
                + " A client with the attribute " + DirectGrantGuard.ALLOW_ATTRIBUTE + "=true is let through.";
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
