package io.creativeflow.keycloak.otp.email;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/** Describes the {@code cf-email-otp-setup} required action. */
@AutoService(RequiredActionFactory.class)
public final class EmailOtpSetupFactory implements RequiredActionFactory, StatelessProviderFactory<RequiredActionProvider> {

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
}
