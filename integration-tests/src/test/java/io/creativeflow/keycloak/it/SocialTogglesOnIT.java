package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectTestApp;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.PkceGenerator;
import org.openqa.selenium.By;

/**
 * Runs on the server of the {@code providers-on} failsafe execution, started with
 * EnableSocialLoginGoogle=true and EnableSocialLoginFacebook=true and their SOCIAL_* credentials.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SocialTogglesOnIT {

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTestApp
    TestApp app;

    @InjectWebDriver
    ManagedWebDriver driver;

    @Test
    void googleAndFacebookShowTheirButtonsWithTheEnvironmentsCredentials() {
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri())
                .loginForm().codeChallenge(PkceGenerator.s256()).open();
        assertThat(driver.driver().findElements(By.id("social-google"))).isNotEmpty();
        assertThat(driver.driver().findElements(By.id("social-facebook"))).isNotEmpty();
        assertThat(driver.driver().findElements(By.id("social-apple"))).as("Apple's toggle stays off").isEmpty();

        IdentityProviderRepresentation google = realm.admin().identityProviders().get("google").toRepresentation();
        assertThat(google.isEnabled()).isTrue();
        assertThat(google.getConfig()).containsEntry("clientId", "google-it-client.apps.googleusercontent.com");
        IdentityProviderRepresentation facebook = realm.admin().identityProviders().get("facebook").toRepresentation();
        assertThat(facebook.getConfig()).containsEntry("clientId", "1234567890123456");
        assertThat(String.valueOf(google.getConfig()) + facebook.getConfig()).doesNotContain("${");
    }
}
