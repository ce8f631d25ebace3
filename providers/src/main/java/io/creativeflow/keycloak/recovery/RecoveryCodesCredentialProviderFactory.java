package io.creativeflow.keycloak.recovery;

import com.google.auto.service.AutoService;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the {@code cf-recovery-codes} credential type. */
@AutoService(CredentialProviderFactory.class)
public final class RecoveryCodesCredentialProviderFactory
        implements CredentialProviderFactory<RecoveryCodesCredentialProvider> {

    @Override
    public String getId() {
        return RecoveryCodes.TYPE;
    }

    @Override
    public CredentialProvider create(KeycloakSession session) {
        return new RecoveryCodesCredentialProvider(session);
    }
}
