package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
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
import org.keycloak.testframework.ui.page.LoginPasswordResetPage;
import org.keycloak.testframework.ui.page.LoginPasswordUpdatePage;
import org.keycloak.testframework.ui.page.SelectAuthenticatorPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.PkceGenerator;
import org.openqa.selenium.By;

/** The realm's second-factor rules across factors: switching between them, and the password grant. */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class SecondFactorRulesIT {

    private static final String PASSWORD = "Juniper-Anchor-845";
    private static final String CLIENT = "second-factor-probe";

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
    SelectAuthenticatorPage selectAuthenticator;

    @InjectPage
    LoginPasswordResetPage resetPage;

    @InjectPage
    LoginPasswordUpdatePage passwordPage;

    @InjectMailServer
    MailServer mailServer;

    private String clientUuid;

    @BeforeEach
    void aClientWithPasswordGrant() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT);
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        realm.admin().clients().create(client).close();
        clientUuid = realm.admin().clients().findByClientId(CLIENT).get(0).getId();
    }

    @AfterEach
    void removeTheClient() {
        realm.admin().clients().get(clientUuid).remove();
    }

    @Test
    void thePasswordGrantCannotSkipTheSecondFactor() throws Exception {
        TokenEndpoint tokens = new TokenEndpoint(realm, CLIENT);
        String plain = TestUsers.create(realm, "plain", PASSWORD);
        String protectedUser = TestUsers.create(realm, "mfa", PASSWORD, emailCodes());

        assertThat(tokens.passwordGrant(plain, PASSWORD).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = tokens.passwordGrant(protectedUser, PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant", "second factor");

        // A client explicitly trusted to do so may still use the password grant.
        ClientRepresentation client = realm.admin().clients().get(clientUuid).toRepresentation();
        client.setAttributes(new HashMap<>(Map.of("creativeflow.password-grant-skips-second-factor", "true")));
        realm.admin().clients().get(clientUuid).update(client);
        assertThat(tokens.passwordGrant(protectedUser, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserWithTotpAndEmailCodesCanSwitchWithTryAnotherWay() throws Exception {
        String email = TestUsers.create(realm, "switch", PASSWORD, totp(), emailCodes());
        Mailbox mailbox = new Mailbox(mailServer);

        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri())
                .loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.fillLogin(email, PASSWORD);
        loginPage.submit();
        assertThat(driver.driver().findElements(By.id("otp"))).as("TOTP first").isNotEmpty();
        assertThat(mailbox.countTo(email)).as("no email code unless chosen").isZero();

        driver.findElement(By.id("try-another-way")).click();
        selectAuthenticator.selectLoginMethod("Email code");
        String code = Mailbox.code(mailbox.nextTo(email, 0));
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.id("cf-otp-submit")).click();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    @Test
    void theUsersFirstCredentialIsTheMethodOfferedFirst() throws Exception {
        String email = TestUsers.create(realm, "preferred", PASSWORD, totp(), emailCodes());
        String userId = TestUsers.id(realm, email);
        String emailCredential = realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "cf-email-otp".equals(c.getType())).findFirst().orElseThrow().getId();
        // What dragging "Email code" to the top of the user's credentials in the admin console does.
        realm.admin().users().get(userId).moveCredentialToFirst(emailCredential);
        Mailbox mailbox = new Mailbox(mailServer);

        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.fillLogin(email, PASSWORD);
        loginPage.submit();

        assertThat(driver.findElement(By.id("kc-page-title")).getText()).isEqualTo("Enter the code from your email");
        driver.findElement(By.id("code")).sendKeys(Mailbox.code(mailbox.nextTo(email, 0)));
        driver.findElement(By.id("cf-otp-submit")).click();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    @Test
    void aPasswordResetLinkDoesNotReplaceTheSecondFactor() throws Exception {
        String email = TestUsers.create(realm, "reset", PASSWORD, emailCodes());
        Mailbox mailbox = new Mailbox(mailServer);
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.resetPassword();
        resetPage.changePassword(email);
        MimeMessage link = mailbox.nextTo(email, 0);
        assertThat(link.getSubject()).isEqualTo("Reset your CreativeFlow password");

        driver.open(Mailbox.firstLink(link));
        assertThat(driver.findElement(By.id("kc-page-title")).getText()).isEqualTo("Enter the code from your email");
        driver.findElement(By.id("code")).sendKeys(Mailbox.code(mailbox.nextTo(email, 1)));
        driver.findElement(By.id("cf-otp-submit")).click();
        passwordPage.changePassword("Brand-New-Secret-77", "Brand-New-Secret-77");

        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    @Test
    void anOwnerWithoutASecondFactorMustEnrolOneAtTheNextLogin() throws Exception {
        String email = TestUsers.create(realm, "owner", PASSWORD);
        String userId = TestUsers.id(realm, email);
        realm.admin().users().get(userId).roles().realmLevel()
                .add(java.util.List.of(realm.admin().roles().get("OWNER").toRepresentation()));
        Mailbox mailbox = new Mailbox(mailServer);

        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.fillLogin(email, PASSWORD);
        loginPage.submit();

        assertThat(driver.findElement(By.id("kc-page-title")).getText()).isEqualTo("Set up sign-in codes by email");
        driver.findElement(By.id("code")).sendKeys(Mailbox.code(mailbox.nextTo(email, 0)));
        driver.findElement(By.id("cf-otp-submit")).click();
        driver.findElement(By.id("stored")).click();
        driver.findElement(By.id("cf-recovery-confirm")).click();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
        assertThat(TestUsers.credentialTypes(realm, email)).contains("cf-email-otp", "cf-recovery-codes");

        // While the role holds, the last factor cannot be removed (the account console's "Remove").
        String emailCredential = realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "cf-email-otp".equals(c.getType())).findFirst().orElseThrow().getId();
        int sent = mailbox.countTo(email);
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).kcAction("delete_credential:" + emailCredential).open();
        loginPage.fillLogin(email, PASSWORD);
        loginPage.submit();
        driver.findElement(By.id("code")).sendKeys(Mailbox.code(mailbox.nextTo(email, sent)));
        driver.findElement(By.id("cf-otp-submit")).click();
        assertThat(driver.driver().getPageSource()).contains("Your role requires a second sign-in factor");
        assertThat(TestUsers.credentialTypes(realm, email)).contains("cf-email-otp");

        // An editor is not asked.
        String editor = TestUsers.create(realm, "editor", PASSWORD);
        realm.admin().users().get(TestUsers.id(realm, editor)).roles().realmLevel()
                .add(java.util.List.of(realm.admin().roles().get("EDITOR").toRepresentation()));
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.fillLogin(editor, PASSWORD);
        loginPage.submit();
        assertThat(oauth.parseLoginResponse().getCode()).isNotNull();
    }

    private OAuthClient webClient() {
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        return oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri());
    }

    private static CredentialRepresentation emailCodes() {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType("cf-email-otp");
        credential.setCredentialData("{}");
        credential.setSecretData("{}");
        return credential;
    }

    private static CredentialRepresentation totp() {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType("otp");
        credential.setUserLabel("Phone");
        credential.setSecretData("{\"value\":\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\"}");
        credential.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        return credential;
    }
}
