package io.creativeflow.keycloak.it.container;

import static org.assertj.core.api.Assertions.assertThat;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The container image ops run, built from our Dockerfile, starts with our providers and imports our
 * realm with the spec's variables applied. Runs only with -Pcontainer, where Docker exists.
 */
class ContainerImageSmokeIT {

    private static KeycloakContainer keycloak;

    @BeforeAll
    static void buildAndStartTheImage() throws Exception {
        Path root = Path.of(System.getProperty("cf.project.root", "..")).toAbsolutePath().normalize();
        String image = new ImageFromDockerfile("creativeflow-identity-smoke", true)
                .withFileFromPath(".", root)
                .get();
        keycloak = new KeycloakContainer(image)
                .withEnv("KC_DB", "dev-file")
                .withEnv("ACCESS_TOKEN_EXPIRE_MINUTES", "9")
                .withEnv("TOTP_ISSUER_NAME", "CreativeFlow Container")
                .withEnv("CREATIVEFLOW_API_CLIENT_SECRET", "container-smoke-secret-0123")
                .withCustomCommand("--import-realm");
        keycloak.start();
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void theImageImportsTheRealmWithTheSpecsSettings() {
        RealmRepresentation realm = keycloak.getKeycloakAdminClient().realm("creativeflow").toRepresentation();

        assertThat(realm.getDisplayName()).isEqualTo("CreativeFlow Container");
        assertThat(realm.getAccessTokenLifespan()).isEqualTo(9 * 60);
        assertThat(realm.getLoginTheme()).isEqualTo("creativeflow");
    }
}
