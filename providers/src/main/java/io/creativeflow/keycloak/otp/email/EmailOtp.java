package io.creativeflow.keycloak.otp.email;

import io.creativeflow.keycloak.config.SpecSettingsProvider;
import io.creativeflow.keycloak.otp.CodePolicy;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;

/** The public names of the email-code factor and the settings it shares. */
public final class EmailOtp {

    /** Credential type, authenticator id and reference category: stable public names. */
    public static final String TYPE = "cf-email-otp";
    /** Required action that enrols the factor (also reachable with kc_action). */
    public static final String SETUP_ACTION = "cf-email-otp-setup";
    /** The spec's feature toggle. */
    public static final String TOGGLE = "EnableMFA_EmailOTP";

    private EmailOtp() {
    }

    static boolean enabled(KeycloakSession session) {
        return session.getProvider(SpecSettingsProvider.class).settings().enabled(TOGGLE);
    }

    static CodePolicy policy(KeycloakSession session, AuthenticatorConfigModel config) {
        int ttl = session.getProvider(SpecSettingsProvider.class).settings().otpTtlSeconds();
        return CodePolicy.defaults(ttl).with(config);
    }
}
