package io.creativeflow.keycloak.spi;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A credential type whose model is stored as it is (no subclass of {@link CredentialModel}): create,
 * delete and read go straight to the user's stored credentials. Each of ours adds its enrolment and
 * its account-console metadata.
 */
public interface StoredCredentialProvider extends CredentialProvider<CredentialModel> {

    @Override
    default CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        if (credential.getCreatedDate() == null) {
            credential.setCreatedDate(Time.currentTimeMillis());
        }
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    default boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    default CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }
}
