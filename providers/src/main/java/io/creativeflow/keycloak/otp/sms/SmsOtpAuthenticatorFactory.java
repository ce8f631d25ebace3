package io.creativeflow.keycloak.otp.sms;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import io.creativeflow.keycloak.otp.CodePolicy;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** Describes the {@code cf-sms-otp} authenticator to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class SmsOtpAuthenticatorFactory implements AuthenticatorFactory, StatelessProviderFactory<Authenticator> {

    private static final SmsOtpAuthenticator INSTANCE = new SmsOtpAuthenticator();

    @Override
    public String getId() {
        return SmsOtp.TYPE;
    }

    @Override
    public String getDisplayType() {
        return "SMS one-time code";
    }

    @Override
    public String getHelpText() {
        return "Texts a one-time code to the user's confirmed mobile number and asks for it. Wrong codes"
                + " count toward brute-force lockout; resends are throttled; sends are capped per number, per IP"
                + " and by country (SMS_ALLOWED_COUNTRIES). Turned on by EnableMFA_SMS=true.";
    }

    @Override
    public String getReferenceCategory() {
        return SmsOtp.TYPE;
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

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
