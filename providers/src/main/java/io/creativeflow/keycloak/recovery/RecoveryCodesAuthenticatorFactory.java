package io.creativeflow.keycloak.recovery;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Describes the {@code cf-recovery-codes} authenticator to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class RecoveryCodesAuthenticatorFactory implements AuthenticatorFactory, StatelessProviderFactory<Authenticator> {

    private static final RecoveryCodesAuthenticator INSTANCE = new RecoveryCodesAuthenticator();

    @Override
    public String getId() {
        return RecoveryCodes.TYPE;
    }

    @Override
    public String getDisplayType() {
        return "Recovery code (any unused)";
    }

    @Override
    public String getHelpText() {
        return "Accepts any unused code of the user's recovery-code batch, once. Wrong codes count toward"
                + " brute-force lockout; the user is asked to regenerate when few codes remain and gets a"
                + " security email for each use.";
    }

    @Override
    public String getReferenceCategory() {
        return RecoveryCodes.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(RecoveryCodesAuthenticator.LOW_THRESHOLD).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Ask to regenerate at").defaultValue(String.valueOf(RecoveryCodes.DEFAULT_LOW_THRESHOLD))
                .helpText("When a login leaves this many unused codes or fewer, the user is asked to generate"
                        + " a new batch.").add()
                .build();
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
