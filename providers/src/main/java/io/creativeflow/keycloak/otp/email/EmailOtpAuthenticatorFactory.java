package io.creativeflow.keycloak.otp.email;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import io.creativeflow.keycloak.otp.CodePolicy;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** Describes the {@code cf-email-otp} authenticator to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class EmailOtpAuthenticatorFactory implements AuthenticatorFactory, StatelessProviderFactory<Authenticator> {

    private static final EmailOtpAuthenticator INSTANCE = new EmailOtpAuthenticator();

    @Override
    public String getId() {
        return EmailOtp.TYPE;
    }

    @Override
    public String getDisplayType() {
        return "Email one-time code";
    }

    @Override
    public String getHelpText() {
        return "Sends a one-time code to the user's verified email address and asks for it. Wrong codes"
                + " count toward brute-force lockout; resends are throttled. Turned off by EnableMFA_EmailOTP=false.";
    }

    @Override
    public String getReferenceCategory() {
        return EmailOtp.TYPE;
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
