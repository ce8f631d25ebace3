package io.creativeflow.keycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creativeflow.keycloak.config.SpecSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak leaves an unset {@code ${VAR}} in an imported realm as literal text, silently. This test
 * makes that impossible: every placeholder in the realm file has a default, or names a variable
 * without which the server refuses to start.
 */
class RealmFileTest {

    private static final Path REALM_FILE = Path.of("creativeflow-realm.json");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(:[^}]*)?}");
    private static final String SECRET = "a-secret-of-sixteen-or-more";

    @Test
    void everyPlaceholderHasADefaultOrIsRequiredAtStartUp() throws IOException {
        Set<String> withoutDefault = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(REALM_FILE));
        int found = 0;
        while (matcher.find()) {
            found++;
            if (matcher.group(2) == null) {
                withoutDefault.add(matcher.group(1));
            }
        }

        assertThat(found).isPositive();
        for (String variable : withoutDefault) {
            assertThatThrownBy(() -> SpecSettings.from(Map.of()))
                    .as("starting without %s", variable)
                    .hasMessageContaining(variable);
        }
    }

    @Test
    void theFileIsARealmKeycloakCanReadWithDefaultsMatchingTheSettings() throws IOException {
        RealmRepresentation realm = JsonSerialization.readValue(
                Files.readString(REALM_FILE).replaceAll("\\$\\{[^}]+}", "x"), RealmRepresentation.class);
        SpecSettings defaults = SpecSettings.from(Map.of("CREATIVEFLOW_API_CLIENT_SECRET", SECRET));

        assertThat(REALM_FILE.getFileName().toString()).isEqualTo(realm.getRealm() + "-realm.json");
        assertThat(realm.getAttributes()).containsEntry("creativeflow.spec-settings", "true");
        assertThat(realm.getAccessTokenLifespan()).isEqualTo(defaults.seconds("cf.token.access-lifespan-seconds"));
        assertThat(realm.getSsoSessionMaxLifespan()).isEqualTo(defaults.seconds("cf.token.refresh-lifespan-seconds"));
        assertThat(realm.getAttributes())
                .containsEntry("actionTokenGeneratedByUserLifespan.verify-email",
                        defaults.get("cf.token.verify-email-lifespan-seconds"))
                .containsEntry("actionTokenGeneratedByUserLifespan.reset-credentials",
                        defaults.get("cf.token.reset-password-lifespan-seconds"));
        assertThat(realm.getDisplayName()).isEqualTo(defaults.get("cf.realm.display-name"));
        assertThat(realm.getClients()).extracting("clientId")
                .containsExactlyInAnyOrder("creativeflow-web", "creativeflow-api");
    }
}
