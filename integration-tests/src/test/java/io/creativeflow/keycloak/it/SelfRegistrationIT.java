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
import org.keycloak.testframework.ui.page.LoginPasswordUpdatePage;
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

    @InjectPage
    LoginPasswordUpdatePage passwordPage;

    @InjectMailServer
    MailServer mailServer;

    @Test
    void aNewUserRegistersVerifiesTheirEmailAndGetsViewerTokensThatRotate() throws Exception {
        String email = "maya-" + UUID.randomUUID() + "@example.com";
        PkceGenerator pkce = PkceGenerator.s256();
        webClient().loginForm().codeChallenge(pkce).open();

        loginPage.clickRegister();
        fillRegistration(email, "Maya", "Lindqvist");
        verifyEmailPage.assertCurrent();

        MimeMessage verification = new Mailbox(mailServer).lastTo(email);
        assertThat(verification.getSubject()).isEqualTo("Verify your CreativeFlow email address");
        assertThat(Mailbox.text(verification)).contains("CreativeFlow");

        // Keycloak 26.7 asks for the password once the address is proven, so nobody can squat an
        // address with a password of their choosing. The realm's password policy applies there.
        driver.open(Mailbox.firstLink(verification));
        passwordPage.assertCurrent();
        passwordPage.changePassword("too-short", "too-short");
        assertThat(passwordPage.getError()).contains("12");
        passwordPage.changePassword(email, email);
        assertThat(passwordPage.getError()).as("the email as password").isNotBlank();
        passwordPage.changePassword("Correct-Horse-42", "Correct-Horse-42");

        AuthorizationEndpointResponse authorization = oauth.parseLoginResponse();
        assertThat(authorization.getCode()).as("authorization code after verification").isNotNull();

        AccessTokenResponse tokens = oauth.accessTokenRequest(authorization.getCode()).codeVerifier(pkce).send();
        assertThat(tokens.isSuccess()).as(tokens.getErrorDescription()).isTrue();
        AccessToken accessToken = oauth.verifyToken(tokens.getAccessToken());
        assertThat(accessToken.getRealmAccess().getRoles()).contains("VIEWER").doesNotContain("EDITOR");
        assertThat(accessToken.getEmail()).isEqualTo(email);
        assertThat(accessToken.getEmailVerified()).isTrue();
        // The lifespan is the token's own exp - iat; expires_in is counted from "now" and can be a
        // second short when the response straddles a second boundary.
        assertThat(accessToken.getExp() - accessToken.getIat()).isEqualTo(7 * 60);
        assertThat(tokens.getExpiresIn()).isBetween(7 * 60 - 2, 7 * 60);

        AccessTokenResponse rotated = oauth.doRefreshTokenRequest(tokens.getRefreshToken());
        assertThat(rotated.isSuccess()).as(rotated.getErrorDescription()).isTrue();
        assertThat(rotated.getRefreshToken()).isNotEqualTo(tokens.getRefreshToken());

        AccessTokenResponse reused = oauth.doRefreshTokenRequest(tokens.getRefreshToken());
        assertThat(reused.isSuccess()).as("a used refresh token is refused").isFalse();
        assertThat(reused.getError()).isEqualTo("invalid_grant");
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
        fillRegistration(email, "Jon", "Park");
        driver.open(Mailbox.firstLink(new Mailbox(mailServer).lastTo(email)));
        passwordPage.changePassword("Another-Good-Pass-7", "Another-Good-Pass-7");
        String code = oauth.parseLoginResponse().getCode();
        AccessTokenResponse tokens = oauth.accessTokenRequest(code).codeVerifier(pkce).send();
        assertThat(tokens.isSuccess()).as(tokens.getErrorDescription()).isTrue();
        return tokens;
    }

    private void fillRegistration(String email, String firstName, String lastName) {
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("firstName")).sendKeys(firstName);
        driver.findElement(By.id("lastName")).sendKeys(lastName);
        driver.findElement(By.cssSelector("#kc-register-form [type=submit]")).click();
    }

    private OAuthClient webClient() {
        // Cookies are deleted for the page's own host: sign out of Keycloak's, not the test app's.
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        return oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri());
    }
}
