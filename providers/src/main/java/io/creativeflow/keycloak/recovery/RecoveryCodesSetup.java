package io.creativeflow.keycloak.recovery;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Generates a batch, shows it once (copy, download, print) and stores it only when the user
 * confirms they kept the codes. Until then the session holds the batch's salt and hashes, never
 * the codes: a reload shows a fresh batch. Regenerating replaces the whole old batch.
 */
final class RecoveryCodesSetup implements RequiredActionProvider {

    static final String COUNT = "cf.recovery.count";
    private static final String NOTE_SALT = "cf-recovery.setup.salt";
    private static final String NOTE_HASHES = "cf-recovery.setup.hashes";
    private static final String NOTE_TOTAL = "cf-recovery.setup.total";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // asked for by enrolment of a first factor, by a low count at login, or by the user
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(showNewBatch(context, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String salt = authSession.getAuthNote(NOTE_SALT);
        if (salt == null) {
            context.challenge(showNewBatch(context, null));
            return;
        }
        if (!"on".equals(form.getFirst("stored")) && !"true".equals(form.getFirst("stored"))) {
            // The codes on screen are not kept anywhere: a new batch, and the reason.
            context.challenge(showNewBatch(context, "cfRecoveryCodesConfirmStored"));
            return;
        }
        RecoveryCodeBatch batch = new RecoveryCodeBatch(salt,
                new LinkedHashSet<>(List.of(authSession.getAuthNote(NOTE_HASHES).split(","))),
                Integer.parseInt(authSession.getAuthNote(NOTE_TOTAL)));
        RecoveryCodesCredentialProvider credentials = (RecoveryCodesCredentialProvider) context.getSession()
                .getProvider(CredentialProvider.class, RecoveryCodes.TYPE);
        credentials.store(context.getRealm(), context.getUser(), batch);
        authSession.removeAuthNote(NOTE_SALT);
        authSession.removeAuthNote(NOTE_HASHES);
        authSession.removeAuthNote(NOTE_TOTAL);
        context.getEvent().detail(Details.CREDENTIAL_TYPE, RecoveryCodes.TYPE);
        context.success();
    }

    private static jakarta.ws.rs.core.Response showNewBatch(RequiredActionContext context, String error) {
        RecoveryCodeBatch.Generated generated = RecoveryCodeBatch.generate(count(context.getConfig()));
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(NOTE_SALT, generated.batch().salt());
        authSession.setAuthNote(NOTE_HASHES, String.join(",", generated.batch().unusedHashes()));
        authSession.setAuthNote(NOTE_TOTAL, Integer.toString(generated.batch().total()));
        var form = context.form().setAttribute("cfRecovery", Map.of("codes", generated.codes(),
                "download", String.join("\r\n", generated.codes()) + "\r\n"));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm("cf-recovery-codes-setup.ftl");
    }

    private static int count(RequiredActionConfigModel config) {
        if (config == null || config.getConfig() == null || config.getConfig().get(COUNT) == null) {
            return RecoveryCodes.DEFAULT_COUNT;
        }
        try {
            return Math.max(1, Math.min(50, Integer.parseInt(config.getConfig().get(COUNT).trim())));
        } catch (NumberFormatException e) {
            return RecoveryCodes.DEFAULT_COUNT;
        }
    }

    @Override
    public void close() {
        // stateless
    }
}
