package io.creativeflow.keycloak.apple;

import com.google.auto.service.AutoService;
import java.util.List;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.broker.social.SocialIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Registers "Sign in with Apple" ({@code apple}) among the admin console's social providers. */
@AutoService(SocialIdentityProviderFactory.class)
public class AppleIdentityProviderFactory extends AbstractIdentityProviderFactory<AppleIdentityProvider>
        implements SocialIdentityProviderFactory<AppleIdentityProvider> {

    public static final String PROVIDER_ID = "apple";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "Apple";
    }

    @Override
    public AppleIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new AppleIdentityProvider(session, new AppleIdentityProviderConfig(model));
    }

    @Override
    public AppleIdentityProviderConfig createConfig() {
        return new AppleIdentityProviderConfig();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(AppleIdentityProviderConfig.TEAM_ID).label("Team ID")
                .helpText("Your Apple Developer team id (10 characters): the client-secret JWT's issuer.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(AppleIdentityProviderConfig.KEY_ID).label("Key ID")
                .helpText("The id of the Sign in with Apple key (.p8) in your Apple Developer account.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(AppleIdentityProviderConfig.PRIVATE_KEY).label("Private key (.p8)")
                .helpText("The .p8 file's content, PEM with its BEGIN/END lines, or a vault reference ${vault.name}."
                        + " The client secret Apple wants is made from it: a short-lived JWT, never stored.")
                .type(ProviderConfigProperty.TEXT_TYPE).secret(true).add()
                .property().name(AppleIdentityProviderConfig.REFUSE_PRIVATE_RELAY).label("Refuse private-relay emails")
                .helpText("Refuse users who hide their email behind Apple's private relay (…@privaterelay.appleid.com)."
                        + " Either way, the user attribute is_private_email tells apps which kind they have.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(AppleIdentityProviderConfig.SECRET_LIFETIME).label("Client secret lifetime (seconds)")
                .helpText("How long each client-secret JWT is valid; a new one is made a minute before. Default 3600.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("3600").add()
                .property().name("authorizationUrl").label("Authorization URL")
                .helpText("Apple's authorization endpoint; change only for a staging stand-in.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(AppleIdentityProviderConfig.APPLE_ISSUER + "/auth/authorize").add()
                .property().name("tokenUrl").label("Token URL")
                .helpText("Apple's token endpoint; change only for a staging stand-in.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(AppleIdentityProviderConfig.APPLE_ISSUER + "/auth/token").add()
                .property().name("jwksUrl").label("JWKS URL")
                .helpText("Apple's public keys for ID tokens; change only for a staging stand-in.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(AppleIdentityProviderConfig.APPLE_ISSUER + "/auth/keys").add()
                .property().name("issuer").label("Issuer")
                .helpText("The ID tokens' issuer and the client secret's audience.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(AppleIdentityProviderConfig.APPLE_ISSUER).add()
                .build();
    }
}
