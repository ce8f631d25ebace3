package io.creativeflow.keycloak.mfa;

import java.util.Set;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * When a user enrols a second factor (TOTP, email or SMS codes) and has no recovery codes yet,
 * recovery-code setup follows right away, in the same sign-in: Keycloak runs required actions added
 * while it works through them.
 */
final class RecoveryCodesFollowUp implements EventListenerProvider {

    private static final Set<String> ENROLMENTS = Set.of("UPDATE_TOTP", "UPDATE_CREDENTIAL", "CUSTOM_REQUIRED_ACTION");
    private static final Set<String> FIRST_FACTORS = Set.of("otp", "cf-email-otp", "cf-sms-otp");

    private final KeycloakSession session;

    RecoveryCodesFollowUp(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getUserId() == null || !ENROLMENTS.contains(event.getType().name())) {
            return;
        }
        String type = event.getDetails() == null ? null : event.getDetails().get(Details.CREDENTIAL_TYPE);
        if (type == null && "UPDATE_TOTP".equals(event.getType().name())) {
            type = "otp";
        }
        if (type == null || !FIRST_FACTORS.contains(type)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = session.users().getUserById(realm, event.getUserId());
        if (user != null && user.credentialManager().getStoredCredentialsByTypeStream("cf-recovery-codes").findAny().isEmpty()) {
            user.addRequiredAction("cf-recovery-codes-setup");
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // enrolments are user events
    }

    @Override
    public void close() {
        // stateless
    }
}
