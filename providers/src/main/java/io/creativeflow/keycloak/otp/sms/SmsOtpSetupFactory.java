package io.creativeflow.keycloak.otp.sms;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;

/** Describes the {@code cf-sms-setup} required action. */
@AutoService(RequiredActionFactory.class)
public final class SmsOtpSetupFactory implements RequiredActionFactory, StatelessProviderFactory<RequiredActionProvider> {

    private static final SmsOtpSetup INSTANCE = new SmsOtpSetup();

    @Override
    public String getId() {
        return SmsOtp.SETUP_ACTION;
    }

    @Override
    public String getDisplayText() {
        return "Set up SMS one-time codes (phone number)";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }
}
