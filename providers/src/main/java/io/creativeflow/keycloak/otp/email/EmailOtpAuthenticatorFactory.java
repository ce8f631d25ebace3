package io.creativeflow.keycloak.otp.email;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.otp.CodeAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSession;

/** Describes the {@code cf-email-otp} authenticator to the admin console. */
@AutoService(AuthenticatorFactory.class)
public final class EmailOtpAuthenticatorFactory extends CodeAuthenticatorFactory {

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
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
