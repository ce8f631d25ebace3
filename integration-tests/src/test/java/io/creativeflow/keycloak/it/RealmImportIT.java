package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * The realm we ship, as the real server imported it with the environment set in the POM's failsafe
 * configuration (ACCESS_TOKEN_EXPIRE_MINUTES=7, REFRESH_TOKEN_EXPIRE_DAYS=2, ...).
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class RealmImportIT {

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @Test
    void tokenLifetimesComeFromTheSpecsVariablesConvertedToSeconds() {
        RealmRepresentation rep = realm.admin().toRepresentation();

        assertThat(rep.getAccessTokenLifespan()).isEqualTo(7 * 60);
        assertThat(rep.getSsoSessionMaxLifespan()).isEqualTo(2 * 86_400);
        assertThat(rep.getSsoSessionIdleTimeout()).isEqualTo(2 * 86_400);
        assertThat(rep.getRevokeRefreshToken()).isTrue();
        assertThat(rep.getRefreshTokenMaxReuse()).isZero();
        assertThat(rep.getDefaultSignatureAlgorithm()).isEqualTo("ES256");
        assertThat(rep.getAttributes())
                .containsEntry("actionTokenGeneratedByUserLifespan.verify-email", String.valueOf(36 * 3_600))
                .containsEntry("actionTokenGeneratedByUserLifespan.reset-credentials", String.valueOf(2 * 3_600));
    }

    @Test
    void theRealmIsTheSpecsSignInPolicy() {
        RealmRepresentation rep = realm.admin().toRepresentation();

        assertThat(rep.getDisplayName()).isEqualTo("CreativeFlow Test");
        assertThat(rep.isRegistrationAllowed()).isTrue();
        assertThat(rep.isRegistrationEmailAsUsername()).isTrue();
        assertThat(rep.isVerifyEmail()).isTrue();
        assertThat(rep.isLoginWithEmailAllowed()).isTrue();
        assertThat(rep.isDuplicateEmailsAllowed()).isFalse();
        assertThat(rep.isResetPasswordAllowed()).isTrue();
        assertThat(rep.isRememberMe()).isTrue();
        assertThat(rep.isBruteForceProtected()).isTrue();
        assertThat(rep.getPasswordPolicy())
                .contains("length(12)", "notUsername", "notEmail", "passwordHistory(3)");
        assertThat(rep.isEventsEnabled()).isTrue();
        assertThat(rep.isAdminEventsEnabled()).isTrue();
        assertThat(rep.getLoginTheme()).isEqualTo("creativeflow");
        assertThat(rep.getEmailTheme()).isEqualTo("creativeflow");
        assertThat(rep.getSmtpServer())
                .containsEntry("host", "localhost")
                .containsEntry("port", "3025")
                .containsEntry("from", "no-reply@creativeflow.test")
                .containsEntry("auth", "false");
    }

    @Test
    void rolesNestOwnerAdminEditorViewerAndViewerIsEveryonesDefault() {
        assertThat(composites("OWNER")).containsExactly("ADMIN");
        assertThat(composites("ADMIN")).containsExactly("EDITOR");
        assertThat(composites("EDITOR")).containsExactly("VIEWER");
        assertThat(realm.admin().roles().get("VIEWER").toRepresentation().isComposite()).isFalse();
        for (String role : List.of("OWNER", "ADMIN", "EDITOR", "VIEWER")) {
            assertThat(realm.admin().roles().get(role).toRepresentation().getDescription())
                    .as(role).isNotBlank();
        }

        String defaultRole = realm.admin().toRepresentation().getDefaultRole().getName();
        assertThat(composites(defaultRole)).contains("VIEWER");
    }

    @Test
    void theWebClientIsPublicWithPkceAndTheApiClientIsConfidential() {
        ClientRepresentation web = client("creativeflow-web");
        assertThat(web.isPublicClient()).isTrue();
        assertThat(web.isStandardFlowEnabled()).isTrue();
        assertThat(web.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(web.isImplicitFlowEnabled()).isFalse();
        assertThat(web.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(web.getRedirectUris()).contains("http://127.0.0.1:8500/*");

        ClientRepresentation api = client("creativeflow-api");
        assertThat(api.isPublicClient()).isFalse();
        assertThat(api.isServiceAccountsEnabled()).isTrue();
        assertThat(realm.admin().clients().get(api.getId()).getSecret().getValue())
                .isEqualTo("integration-test-api-secret-0123");
    }

    @Test
    void theUserProfileCollectsCompanyAndJobTitleLaterAndAppsMayAskForLoginActivity() {
        org.keycloak.representations.userprofile.config.UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        assertThat(profile.getAttribute("company").getAnnotations()).containsEntry("creativeflow.ask-from-login", "2");
        assertThat(profile.getAttribute("jobTitle").getAnnotations()).containsEntry("creativeflow.ask-from-login", "3");
        assertThat(profile.getAttribute("company").getSelector().getScopes()).containsExactly("creativeflow-profile");
        assertThat(profile.getAttribute("firstName").getRequired()).isNotNull();

        String webId = client("creativeflow-web").getId();
        assertThat(realm.admin().clients().get(webId).getOptionalClientScopes())
                .extracting(org.keycloak.representations.idm.ClientScopeRepresentation::getName)
                .contains("creativeflow-activity", "offline_access");
        assertThat(realm.admin().clients().get(webId).getDefaultClientScopes())
                .extracting(org.keycloak.representations.idm.ClientScopeRepresentation::getName)
                .contains("profile", "email", "roles");
        assertThat(realm.admin().toRepresentation().getEventsListeners()).contains("cf-login-activity");
    }

    @Test
    void noPlaceholderIsLeftAnywhereInTheImportedRealm() throws Exception {
        RealmRepresentation export = realm.admin().partialExport(true, true);
        String everything = JsonSerialization.writeValueAsString(export)
                + JsonSerialization.writeValueAsString(realm.admin().toRepresentation());

        // Keycloak's own ${lowercase_message_keys} are localisation keys and belong there; an
        // environment variable (upper case) left unresolved would be a configuration bug.
        assertThat(everything).containsPattern("\\$\\{[a-z]");
        assertThat(everything).doesNotContainPattern("\\$\\{[A-Z][A-Za-z0-9_]*[:}]");
    }

    private Set<String> composites(String roleName) {
        return realm.admin().roles().get(roleName).getRoleComposites().stream()
                .filter(r -> !r.getClientRole())
                .map(RoleRepresentation::getName)
                .collect(Collectors.toSet());
    }

    private ClientRepresentation client(String clientId) {
        List<ClientRepresentation> found = realm.admin().clients().findByClientId(clientId);
        assertThat(found).as(clientId).hasSize(1);
        return found.get(0);
    }

}
