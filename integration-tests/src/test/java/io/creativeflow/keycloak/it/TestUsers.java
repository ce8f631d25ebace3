package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Users made through the admin API: verified email, a password, optionally more credentials. */
final class TestUsers {

    private TestUsers() {
    }

    /**
     * A new user {@code <prefix>-<uuid>@example.com} with a complete profile (so progressive profiling
     * asks nothing); returns the email (also the username).
     */
    static String create(ManagedRealm realm, String prefix, String password, CredentialRepresentation... more) {
        return create(realm, prefix, password, Map.of("company", List.of("Test Studio"), "jobTitle", List.of("Tester")), more);
    }

    /** A new user with only the profile fields registration asks for (name and email). */
    static String createWithoutProfile(ManagedRealm realm, String prefix, String password) {
        return create(realm, prefix, password, Map.of());
    }

    private static String create(ManagedRealm realm, String prefix, String password,
            Map<String, List<String>> attributes, CredentialRepresentation... more) {
        String email = prefix + "-" + UUID.randomUUID() + "@example.com";
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setFirstName("Test");
        user.setLastName(prefix);
        user.setEnabled(true);
        user.setEmailVerified(true);
        user.setAttributes(new java.util.HashMap<>(attributes));
        CredentialRepresentation secret = new CredentialRepresentation();
        secret.setType(CredentialRepresentation.PASSWORD);
        secret.setValue(password);
        secret.setTemporary(false);
        List<CredentialRepresentation> credentials = new ArrayList<>(List.of(secret));
        credentials.addAll(List.of(more));
        user.setCredentials(credentials);
        assertThat(realm.admin().users().create(user).getStatus()).isEqualTo(201);
        return email;
    }

    static String id(ManagedRealm realm, String email) {
        return realm.admin().users().searchByEmail(email, true).get(0).getId();
    }

    static List<String> credentialTypes(ManagedRealm realm, String email) {
        return realm.admin().users().get(id(realm, email)).credentials().stream()
                .map(CredentialRepresentation::getType).toList();
    }
}
