package io.creativeflow.keycloak.otp.sms;

import com.google.auto.service.AutoService;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the {@code cf-sms-otp} credential type. */
@AutoService(CredentialProviderFactory.class)
public final class SmsOtpCredentialProviderFactory implements CredentialProviderFactory<SmsOtpCredentialProvider> {

    @Override
    public String getId() {
        return SmsOtp.TYPE;
    }

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new SmsOtpCredentialProvider(session);
    }
}
