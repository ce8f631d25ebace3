package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectTestApp;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.page.VerifyEmailPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.keycloak.testsuite.util.oauth.AuthorizationEndpointResponse;
import org.keycloak.testsuite.util.oauth.PkceGenerator;
import org.openqa.selenium.By;

/**
 * A new user signs up through our login pages, verifies their email, and the web app gets tokens
 * through the authorization-code flow with PKCE — as the spec's register / verify / login / refresh /
 * logout endpoints would have done.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SelfRegistrationIT {

    @InjectRealm(attachTo = "creativeflow")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTestApp
    TestApp app;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    VerifyEmailPage verifyEmailPage;

    @InjectMailServer
    MailServer mailServer;

    @Test
    void aNewUserRegistersVerifiesTheirEmailAndGetsViewerTokensThatRotateAndEndAtLogout() throws Exception {
        String email = "maya-" + UUID.randomUUID() + "@example.com";
        PkceGenerator pkce = PkceGenerator.s256();
        webClient().loginForm().codeChallenge(pkce).open();

        loginPage.clickRegister();
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("firstName")).sendKeys("Maya");
        driver.findElement(By.id("lastName")).sendKeys("Lindqvist");
        driver.findElement(By.id("password")).sendKeys("Correct-Horse-42");
        driver.findElement(By.id("password-confirm")).sendKeys("Correct-Horse-42");
        driver.findElement(By.cssSelector("[type=submit]")).click();

        verifyEmailPage.assertCurrent();
        MimeMessage verification = new Mailbox(mailServer).lastTo(email);
        assertThat(verification.getSubject()).isEqualTo("Verify your CreativeFlow email address");
        assertThat(Mailbox.text(verification)).contains("CreativeFlow");

        driver.open(Mailbox.firstLink(verification));
        AuthorizationEndpointResponse authorization = oauth.parseLoginResponse();
        assertThat(authorization.getCode()).as("authorization code after verification").isNotNull();

        AccessTokenResponse tokens = oauth.accessTokenRequest(authorization.getCode()).codeVerifier(pkce).send();
        assertThat(tokens.isSuccess()).as(tokens.getErrorDescription()).isTrue();
        AccessToken accessToken = oauth.verifyToken(tokens.getAccessToken());
        assertThat(accessToken.getRealmAccess().getRoles()).contains("VIEWER");
        assertThat(accessToken.getOtherClaims()).containsEntry("email_verified", true);
        assertThat(accessToken.getOtherClaims()).containsEntry("email", email);

        AccessTokenResponse rotated = oauth.doRefreshTokenRequest(tokens.getRefreshToken());
        assertThat(rotated.isSuccess()).as(rotated.getErrorDescription()).isTrue();
        assertThat(rotated.getRefreshToken()).isNotEqualTo(tokens.getRefreshToken());

        AccessTokenResponse reused = oauth.doRefreshTokenRequest(tokens.getRefreshToken());
        assertThat(reused.isSuccess()).as("a used refresh token is refused").isFalse();
        assertThat(reused.getError()).isEqualTo("invalid_grant");

        // Reusing a rotated token is treated as theft: Keycloak revokes the whole chain.
        AccessTokenResponse afterTheft = oauth.doRefreshTokenRequest(rotated.getRefreshToken());
        assertThat(afterTheft.isSuccess()).isFalse();
    }

    @Test
    void logoutEndsTheSessionAndItsRefreshToken() throws Exception {
        String email = "jon-" + UUID.randomUUID() + "@example.com";
        AccessTokenResponse tokens = registerAndSignIn(email);

        assertThat(oauth.doLogout(tokens.getRefreshToken()).isSuccess()).isTrue();

        AccessTokenResponse afterLogout = oauth.doRefreshTokenRequest(tokens.getRefreshToken());
        assertThat(afterLogout.isSuccess()).isFalse();
        assertThat(oauth.doUserInfoRequest(tokens.getAccessToken()).getStatusCode()).isEqualTo(401);
    }

    @Test
    void theWebClientRefusesAnAuthorizationRequestWithoutPkce() {
        webClient().loginForm().open();

        AuthorizationEndpointResponse response = oauth.parseLoginResponse();
        assertThat(response.getError()).isEqualTo("invalid_request");
        assertThat(response.getErrorDescription()).contains("code_challenge_method");
    }

    private AccessTokenResponse registerAndSignIn(String email) throws Exception {
        PkceGenerator pkce = PkceGenerator.s256();
        webClient().loginForm().codeChallenge(pkce).open();
        loginPage.clickRegister();
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("firstName")).sendKeys("Jon");
        driver.findElement(By.id("lastName")).sendKeys("Park");
        driver.findElement(By.id("password")).sendKeys("Another-Good-Pass-7");
        driver.findElement(By.id("password-confirm")).sendKeys("Another-Good-Pass-7");
        driver.findElement(By.cssSelector("[type=submit]")).click();
        driver.open(Mailbox.firstLink(new Mailbox(mailServer).lastTo(email)));
        String code = oauth.parseLoginResponse().getCode();
        AccessTokenResponse tokens = oauth.accessTokenRequest(code).codeVerifier(pkce).send();
        assertThat(tokens.isSuccess()).as(tokens.getErrorDescription()).isTrue();
        return tokens;
    }

    private OAuthClient webClient() {
        driver.cookies().deleteAll();
        return oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri());
    }
}
