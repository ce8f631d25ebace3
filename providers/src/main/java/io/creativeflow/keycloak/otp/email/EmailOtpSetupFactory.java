package io.creativeflow.keycloak.otp.email;

import com.google.auto.service.AutoService;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Describes the {@code cf-email-otp-setup} required action. */
@AutoService(RequiredActionFactory.class)
public final class EmailOtpSetupFactory implements RequiredActionFactory {

    private static final EmailOtpSetup INSTANCE = new EmailOtpSetup();

    @Override
    public String getId() {
        return EmailOtp.SETUP_ACTION;
    }

    @Override
    public String getDisplayText() {
        return "Set up email one-time codes";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public void init(Config.Scope config) {
        // nothing to configure
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
