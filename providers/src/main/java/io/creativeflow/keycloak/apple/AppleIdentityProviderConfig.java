package io.creativeflow.keycloak.apple;

import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;

/** The settings of an {@code apple} identity provider, with Apple's endpoints as defaults. */
public class AppleIdentityProviderConfig extends OIDCIdentityProviderConfig {

    public static final String APPLE_ISSUER = "https://appleid.apple.com";
    static final String TEAM_ID = "teamId";
    static final String KEY_ID = "keyId";
    static final String PRIVATE_KEY = "privateKey";
    static final String REFUSE_PRIVATE_RELAY = "refusePrivateRelay";
    static final String SECRET_LIFETIME = "clientSecretLifetimeSeconds";

    public AppleIdentityProviderConfig() {
        applyDefaults();
    }

    public AppleIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
        applyDefaults();
    }

    private void applyDefaults() {
        if (isBlank(getIssuer())) {
            setIssuer(APPLE_ISSUER);
        }
        if (isBlank(getAuthorizationUrl())) {
            setAuthorizationUrl(APPLE_ISSUER + "/auth/authorize");
        }
        if (isBlank(getTokenUrl())) {
            setTokenUrl(APPLE_ISSUER + "/auth/token");
        }
        if (isBlank(getJwksUrl())) {
            setJwksUrl(APPLE_ISSUER + "/auth/keys");
        }
        if (isBlank(getDefaultScope()) || "openid".equals(getDefaultScope())) {
            setDefaultScope("openid name email");
        }
        setUseJwksUrl(true);
        setValidateSignature(true);
        setDisableUserInfoService(true);
        setClientAuthMethod("client_secret_post");
    }

    public String getTeamId() {
        return getConfig().get(TEAM_ID);
    }

    public String getKeyId() {
        return getConfig().get(KEY_ID);
    }

    /** The .p8 key (PEM), or a {@code ${vault.<name>}} reference. */
    public String getPrivateKey() {
        return getConfig().get(PRIVATE_KEY);
    }

    public boolean isRefusePrivateRelay() {
        return Boolean.parseBoolean(getConfig().get(REFUSE_PRIVATE_RELAY));
    }

    /** How long each client-secret JWT is valid (default 1 hour; Apple allows up to 6 months). */
    public long getClientSecretLifetimeSeconds() {
        try {
            long value = Long.parseLong(getConfig().getOrDefault(SECRET_LIFETIME, "3600"));
            return Math.max(60, Math.min(value, 15_552_000L));
        } catch (NumberFormatException e) {
            return 3600;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
