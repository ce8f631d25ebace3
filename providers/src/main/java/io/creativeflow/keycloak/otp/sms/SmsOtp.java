package io.creativeflow.keycloak.otp.sms;

import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.config.SpecSettingsProvider;
import io.creativeflow.keycloak.otp.CodePolicy;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;

/** The public names of the SMS-code factor and the settings it shares. */
public final class SmsOtp {

    /** Credential type, authenticator id and reference category: stable public names. */
    public static final String TYPE = "cf-sms-otp";
    /** Required action that enrols (or changes) the phone number; also reachable with kc_action. */
    public static final String SETUP_ACTION = "cf-sms-setup";
    /** The spec's feature toggle. */
    public static final String TOGGLE = "EnableMFA_SMS";
    /** Event error when a guard (country, per-number or per-IP cap) refuses to send. */
    static final String SEND_REFUSED = "sms_send_refused";
    /** Event error when the gateway did not take the message. */
    static final String SEND_FAILED = "sms_send_failed";

    private SmsOtp() {
    }

    static SpecSettings settings(KeycloakSession session) {
        return session.getProvider(SpecSettingsProvider.class).settings();
    }

    static boolean enabled(KeycloakSession session) {
        return settings(session).enabled(TOGGLE);
    }

    static CodePolicy policy(KeycloakSession session, AuthenticatorConfigModel config) {
        return CodePolicy.defaults(settings(session).otpTtlSeconds()).with(config);
    }
}
