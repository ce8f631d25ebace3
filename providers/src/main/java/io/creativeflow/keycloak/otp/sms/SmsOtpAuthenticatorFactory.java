package io.creativeflow.keycloak.otp.sms;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.otp.CodeAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** Describes the {@code cf-sms-otp} authenticator to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class SmsOtpAuthenticatorFactory extends CodeAuthenticatorFactory {

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
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
