package io.creativeflow.keycloak.otp.email;

import com.google.auto.service.AutoService;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the {@code cf-email-otp} credential type. */
@AutoService(CredentialProviderFactory.class)
public final class EmailOtpCredentialProviderFactory implements CredentialProviderFactory<EmailOtpCredentialProvider> {

    @Override
    public String getId() {
        return EmailOtp.TYPE;
    }

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new EmailOtpCredentialProvider(session);
    }
}
