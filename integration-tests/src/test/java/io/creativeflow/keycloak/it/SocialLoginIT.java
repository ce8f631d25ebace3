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
 * The realm's social providers with their toggles off (the default): no button, and every entry
 * wired to our first-login and post-login flows.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SocialLoginIT {

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTestApp
    TestApp app;

    @InjectWebDriver
    ManagedWebDriver driver;

    @Test
    void withTheTogglesOffNoSocialButtonShows() {
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri())
                .loginForm().codeChallenge(PkceGenerator.s256()).open();
        for (String alias : new String[] {"google", "facebook", "apple"}) {
            assertThat(driver.driver().findElements(By.id("social-" + alias))).as(alias).isEmpty();
        }
    }

    @Test
    void everyProviderUsesOurFirstLoginAndPostLoginFlows() {
        for (String alias : new String[] {"google", "facebook", "apple"}) {
            IdentityProviderRepresentation idp = realm.admin().identityProviders().get(alias).toRepresentation();
            assertThat(idp.isEnabled()).as(alias).isFalse();
            assertThat(idp.getFirstBrokerLoginFlowAlias()).as(alias).isEqualTo("creativeflow first broker login");
            assertThat(idp.getPostBrokerLoginFlowAlias()).as(alias).isEqualTo("creativeflow post broker");
            assertThat(String.valueOf(idp.getConfig())).as(alias).doesNotContain("${");
        }
        assertThat(realm.admin().identityProviders().get("google").toRepresentation().isTrustEmail()).isTrue();
        assertThat(realm.admin().identityProviders().get("apple").toRepresentation().isTrustEmail()).isTrue();
        assertThat(realm.admin().identityProviders().get("facebook").toRepresentation().isTrustEmail()).isFalse();
    }
}
