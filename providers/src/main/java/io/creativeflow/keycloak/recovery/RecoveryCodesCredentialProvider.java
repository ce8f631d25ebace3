package io.creativeflow.keycloak.recovery;

import io.creativeflow.keycloak.spi.StoredCredentialProvider;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Stores a user's batch: the salt and unused hashes as the credential's secret data, the counts as
 * its public data and label ("7 of 10 left"), so consoles can show them without the secret.
 */
public final class RecoveryCodesCredentialProvider implements StoredCredentialProvider {

    private final KeycloakSession session;

    RecoveryCodesCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return RecoveryCodes.TYPE;
    }

    /** Replaces the user's batch (regenerating invalidates every old code). */
    public void store(RealmModel realm, UserModel user, RecoveryCodeBatch batch) {
        user.credentialManager().getStoredCredentialsByTypeStream(RecoveryCodes.TYPE).toList()
                .forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        CredentialModel credential = new CredentialModel();
        credential.setType(RecoveryCodes.TYPE);
        credential.setCreatedDate(Time.currentTimeMillis());
        write(credential, batch);
        user.credentialManager().createStoredCredential(credential);
    }

    /** The user's batch, if they have one. */
    public Optional<Stored> find(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(RecoveryCodes.TYPE).findFirst()
                .map(credential -> new Stored(credential, read(credential)));
    }

    /** Persists a batch after a code was used. */
    public void update(UserModel user, Stored stored) {
        write(stored.credential(), stored.batch());
        user.credentialManager().updateStoredCredential(stored.credential());
    }

    /** A stored credential and the batch it holds. */
    public record Stored(CredentialModel credential, RecoveryCodeBatch batch) {
    }

    private static void write(CredentialModel credential, RecoveryCodeBatch batch) {
        try {
            credential.setSecretData(JsonSerialization.writeValueAsString(
                    Map.of("salt", batch.salt(), "unused", List.copyOf(batch.unusedHashes()))));
            credential.setCredentialData(JsonSerialization.writeValueAsString(
                    Map.of("total", batch.total(), "remaining", batch.remaining())));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a recovery-code batch", e);
        }
        credential.setUserLabel(batch.remaining() + " / " + batch.total());
    }

    @SuppressWarnings("unchecked")
    private static RecoveryCodeBatch read(CredentialModel credential) {
        try {
            Map<String, Object> secret = JsonSerialization.readValue(credential.getSecretData(), Map.class);
            Map<String, Object> data = JsonSerialization.readValue(credential.getCredentialData(), Map.class);
            return new RecoveryCodeBatch((String) secret.get("salt"),
                    new LinkedHashSet<>((List<String>) secret.get("unused")), ((Number) data.get("total")).intValue());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable recovery-code credential " + credential.getId(), e);
        }
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(RecoveryCodes.TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("cfRecoveryCodesDisplayName")
                .helpText("cfRecoveryCodesHelpText")
                .iconCssClass("kcAuthenticatorRecoveryAuthnCodesClass")
                .createAction(RecoveryCodes.SETUP_ACTION)
                .removeable(true)
                .build(session);
    }
}
