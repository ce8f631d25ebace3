package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
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
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.PkceGenerator;
import org.openqa.selenium.By;

/**
 * Sign in with Apple through our {@code apple} identity provider, the realm file's {@code apple}
 * entry pointed at a stand-in for Apple's endpoints ({@link AppleStandIn}) for the test's duration.
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class AppleSignInIT {

    private static final String PASSWORD = "Meadow-Lantern-516";
    private static final String SERVICES_ID = "io.creativeflow.web.test";
    private static final String TEAM_ID = "TEAM123456";
    private static final String KEY_ID = "KEY1234567";

    private static AppleStandIn apple;

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

    @InjectMailServer
    MailServer mailServer;

    @InjectPage
    org.keycloak.testframework.ui.page.SelectAuthenticatorPage selectAuthenticator;

    private LoginSteps steps;

    @BeforeAll
    static void startApple() throws Exception {
        apple = new AppleStandIn();
        apple.clientId = SERVICES_ID;
    }

    @AfterAll
    static void stopApple() {
        apple.close();
    }

    @BeforeEach
    void pointTheRealmsAppleAtTheStandIn() {
        steps = new LoginSteps(realm, oauth, app, driver, loginPage, PASSWORD);
        IdentityProviderRepresentation idp = realm.admin().identityProviders().get("apple").toRepresentation();
        idp.setEnabled(true);
        Map<String, String> config = idp.getConfig();
        config.put("clientId", SERVICES_ID);
        config.put("teamId", TEAM_ID);
        config.put("keyId", KEY_ID);
        config.put("privateKey", apple.p8());
        config.put("authorizationUrl", AppleStandIn.ISSUER + "/auth/authorize");
        config.put("tokenUrl", AppleStandIn.ISSUER + "/auth/token");
        config.put("jwksUrl", AppleStandIn.ISSUER + "/auth/keys");
        config.put("issuer", AppleStandIn.ISSUER);
        config.put("refusePrivateRelay", "false");
        realm.admin().identityProviders().get("apple").update(idp);
        apple.answer = new AppleStandIn.Answer();
    }

    @AfterEach
    void turnAppleOffAgain() {
        IdentityProviderRepresentation idp = realm.admin().identityProviders().get("apple").toRepresentation();
        idp.setEnabled(false);
        idp.getConfig().put("refusePrivateRelay", "false");
        realm.admin().identityProviders().get("apple").update(idp);
    }

    @Test
    void aFirstSignInCreatesTheUserWithApplesNameAndALaterOneKeepsIt() throws Exception {
        String email = "apple-" + UUID.randomUUID() + "@example.com";
        apple.answer.email = email;
        apple.answer.userJson = "{\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"},\"email\":\"" + email + "\"}";

        PkceGenerator pkce = signInWithApple();
        String code = oauth.parseLoginResponse().getCode();
        assertThat(code).as("signed in").isNotNull();
        String accessToken = oauth.accessTokenRequest(code).codeVerifier(pkce).send().getAccessToken();
        assertThat(new ActivityEndpoint(realm).of(accessToken)).as("a social login counts like any other")
                .containsEntry("loginCount", 1).containsEntry("lastIdentityProvider", "apple");

        Map<String, String> authorization = apple.authorizations.get(apple.authorizations.size() - 1);
        assertThat(authorization).containsEntry("response_mode", "form_post").containsEntry("client_id", SERVICES_ID)
                .containsKey("nonce");
        assertThat(authorization.get("scope")).contains("name", "email");

        Map<String, String> tokenRequest = apple.tokenRequests.get(apple.tokenRequests.size() - 1);
        assertThat(tokenRequest).containsEntry("client_id", SERVICES_ID).containsEntry("grant_type", "authorization_code");
        Map<String, Object> secret = AppleStandIn.verifiedEs256(tokenRequest.get("client_secret"), apple.teamKey.getPublic());
        assertThat(secret).containsEntry("iss", TEAM_ID).containsEntry("sub", SERVICES_ID).containsEntry("aud", AppleStandIn.ISSUER);
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) secret.get("header");
        assertThat(header).containsEntry("kid", KEY_ID).containsEntry("alg", "ES256");
        long lifetime = ((Number) secret.get("exp")).longValue() - ((Number) secret.get("iat")).longValue();
        assertThat(lifetime).isPositive().isLessThanOrEqualTo(3600);

        UserRepresentation user = user(email);
        assertThat(user.getFirstName()).isEqualTo("Ada");
        assertThat(user.getLastName()).isEqualTo("Lovelace");
        assertThat(user.isEmailVerified()).as("Apple's verified email counts as verified").isTrue();
        assertThat(user.getAttributes()).containsEntry("is_private_email", List.of("false"));
        assertThat(realm.admin().users().get(user.getId()).roles().realmLevel().listEffective())
                .extracting("name").contains("VIEWER");

        // Apple sends the name only once: a later sign-in without it changes nothing.
        apple.answer.userJson = null;
        signInWithApple();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
        assertThat(user(email).getFirstName()).isEqualTo("Ada");
        assertThat(user(email).getLastName()).isEqualTo("Lovelace");
    }

    @Test
    void anIdTokenThatDoesNotVerifyIsRefusedAndCreatesNobody() throws Exception {
        refused("for another app", answer -> answer.audience = "com.example.other");
        refused("expired", answer -> answer.expiresIn = -120);
        refused("signed by someone else", answer -> answer.wrongSignature = true);
        refused("with another nonce", answer -> answer.nonceOverride = "not-the-nonce-we-sent");
    }

    @Test
    void privateRelayAddressesCanBeRefused() throws Exception {
        IdentityProviderRepresentation idp = realm.admin().identityProviders().get("apple").toRepresentation();
        idp.getConfig().put("refusePrivateRelay", "true");
        realm.admin().identityProviders().get("apple").update(idp);
        String relay = UUID.randomUUID().toString().substring(0, 8) + "@privaterelay.appleid.com";
        apple.answer.email = relay;
        apple.answer.privateEmail = true;

        signInWithApple();
        assertThat(driver.driver().getPageSource()).contains("share your real email address");
        assertThat(realm.admin().users().searchByEmail(relay, true)).isEmpty();
    }

    @Test
    void anExistingAccountIsLinkedOnlyAfterItsOwnerProvesIt() throws Exception {
        String email = TestUsers.create(realm, "linked", PASSWORD);
        String userId = TestUsers.id(realm, email);
        apple.answer.email = email;
        apple.answer.userJson = "{\"name\":{\"firstName\":\"Grace\",\"lastName\":\"Hopper\"}}";

        signInWithApple();
        assertThat(driver.driver().getPageSource()).as("Keycloak asks before linking").contains("already exists");
        driver.findElement(By.id("linkAccount")).click();
        assertThat(realm.admin().users().get(userId).getFederatedIdentity()).as("not linked without proof").isEmpty();

        MimeMessage proof = new Mailbox(mailServer).lastTo(email);
        driver.open(Mailbox.firstLink(proof));
        assertThat(realm.admin().users().get(userId).getFederatedIdentity()).extracting("identityProvider")
                .containsExactly("apple");
        assertThat(realm.admin().users().searchByEmail(email, true)).hasSize(1);
    }

    @Test
    void linkingWithThePasswordAlsoDemandsTheAccountsSecondFactor() throws Exception {
        org.keycloak.representations.idm.CredentialRepresentation emailCodes =
                new org.keycloak.representations.idm.CredentialRepresentation();
        emailCodes.setType("cf-email-otp");
        emailCodes.setCredentialData("{}");
        emailCodes.setSecretData("{}");
        String email = TestUsers.create(realm, "linked-2fa", PASSWORD, emailCodes);
        String userId = TestUsers.id(realm, email);
        apple.answer.email = email;
        apple.answer.userJson = "{\"name\":{\"firstName\":\"Alan\",\"lastName\":\"Turing\"}}";
        Mailbox mailbox = new Mailbox(mailServer);

        signInWithApple();
        driver.findElement(By.id("linkAccount")).click();
        int mails = mailbox.countTo(email);
        driver.findElement(By.id("try-another-way")).click();
        selectAuthenticator.selectLoginMethod("Username and password");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        assertThat(steps.heading()).as(driver.driver().getPageSource()).isEqualTo("Enter the code from your email");
        assertThat(realm.admin().users().get(userId).getFederatedIdentity()).as("the password alone links nothing").isEmpty();

        steps.submitCode(Mailbox.code(mailbox.nextTo(email, mails)));
        assertThat(oauth.parseLoginResponse().getCode()).as("signed in: the second factor is not asked twice").isNotNull();
        assertThat(realm.admin().users().get(userId).getFederatedIdentity()).extracting("identityProvider")
                .containsExactly("apple");

        // Later Apple sign-ins of the linked account still ask for its second factor.
        int before = mailbox.countTo(email);
        signInWithApple();
        assertThat(steps.heading()).isEqualTo("Enter the code from your email");
        steps.submitCode(Mailbox.code(mailbox.nextTo(email, before)));
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    // --- steps -----------------------------------------------------------------------------------

    private interface Tweak {
        void apply(AppleStandIn.Answer answer);
    }

    private void refused(String why, Tweak tweak) throws Exception {
        AppleStandIn.Answer answer = new AppleStandIn.Answer();
        answer.email = "refused-" + UUID.randomUUID() + "@example.com";
        answer.userJson = "{\"name\":{\"firstName\":\"Eve\",\"lastName\":\"Mallory\"}}";
        tweak.apply(answer);
        apple.answer = answer;
        signInWithApple();
        assertThat(driver.driver().getPageSource()).as("an ID token %s", why)
                .contains("could not verify your sign-in with Apple");
        assertThat(realm.admin().users().searchByEmail(answer.email, true)).as("an ID token %s", why).isEmpty();
    }

    private PkceGenerator signInWithApple() {
        PkceGenerator pkce = PkceGenerator.s256();
        steps.webClient().loginForm().codeChallenge(pkce).open();
        driver.findElement(By.id("social-apple")).click();
        driver.findElement(By.id("apple-continue")).click();
        return pkce;
    }


    private UserRepresentation user(String email) {
        List<UserRepresentation> found = realm.admin().users().searchByEmail(email, true);
        assertThat(found).as("user %s", email).hasSize(1);
        return found.get(0);
    }
}
