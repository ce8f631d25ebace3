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
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
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
    void theResetMailboxAndAnEmailCodeDoNotResetThePasswordPastTotp() throws Exception {
        String email = TestUsers.create(realm, "reset-totp", PASSWORD, totp(), emailCodes());
        Mailbox mailbox = new Mailbox(mailServer);
        webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.resetPassword();
        resetPage.changePassword(email);
        MimeMessage link = mailbox.nextTo(email, 0);

        driver.open(Mailbox.firstLink(link));
        assertThat(driver.driver().findElements(By.id("otp"))).as("the authenticator app is asked").isNotEmpty();
        assertThat(driver.driver().findElements(By.id("code"))).as("no email code").isEmpty();
        assertThat(driver.driver().getPageSource()).doesNotContain("Email code");
        Thread.sleep(500);
        assertThat(mailbox.countTo(email)).as("no code went to the mailbox that got the link").isEqualTo(1);

        driver.findElement(By.id("otp")).sendKeys(totpNow("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
        driver.findElement(By.id("kc-login")).click();
        passwordPage.changePassword("Brand-New-Secret-78", "Brand-New-Secret-78");
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

    @Test
    void ownerCannotDeleteLastTotpThroughAccountRestApi() throws Exception {
        String email = TestUsers.create(realm, "owner-rest", PASSWORD, totp());
        String userId = TestUsers.id(realm, email);
        realm.admin().users().get(userId).roles().realmLevel()
                .add(java.util.List.of(realm.admin().roles().get("OWNER").toRepresentation()));
        String token = accessTokenWithTotp(email);
        String totpId = realm.admin().users().get(userId).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).findFirst().orElseThrow().getId();

        java.net.http.HttpResponse<String> listed = account("GET", "/account/credentials", token);
        assertThat(listed.body()).as("no Remove offered that would be refused")
                .containsPattern("\"type\":\"otp\"[^}]*\"removeable\":false");

        // The versioned path Keycloak serves too, and a matrix parameter, are the same endpoint.
        assertThat(account("DELETE", "/account/v1alpha1/credentials/" + totpId, token).statusCode()).isEqualTo(400);
        assertThat(account("DELETE", "/account/credentials/" + totpId + ";x=1", token).statusCode()).isIn(400, 404);
        assertThat(TestUsers.credentialTypes(realm, email)).contains("otp");
        java.net.http.HttpResponse<String> deleted = account("DELETE", "/account/credentials/" + totpId, token);
        assertThat(deleted.statusCode()).isEqualTo(400);
        assertThat(deleted.body()).contains("\"error\":\"last_required_second_factor\"")
                .contains("Your role requires a second sign-in factor");
        assertThat(TestUsers.credentialTypes(realm, email)).contains("otp");

        // Admins keep their way: the admin API removes it.
        realm.admin().users().get(userId).removeCredential(totpId);
        assertThat(TestUsers.credentialTypes(realm, email)).doesNotContain("otp");
    }

    @Test
    void aUserWithoutARequiringRoleStillRemovesTotpThroughTheAccountRestApi() throws Exception {
        String email = TestUsers.create(realm, "viewer-rest", PASSWORD, totp());
        String token = accessTokenWithTotp(email);
        String totpId = realm.admin().users().get(TestUsers.id(realm, email)).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).findFirst().orElseThrow().getId();

        assertThat(account("GET", "/account/credentials", token).body())
                .containsPattern("\"type\":\"otp\"[^}]*\"removeable\":true");
        assertThat(account("DELETE", "/account/credentials/" + totpId, token).statusCode()).isEqualTo(204);
        assertThat(TestUsers.credentialTypes(realm, email)).doesNotContain("otp");
    }

    /** A creativeflow-web sign-in with the password and the current TOTP code; its access token. */
    private String accessTokenWithTotp(String email) throws Exception {
        FormClient browser = new FormClient().openSignIn(app.getRedirectionUri(), null).signIn(email, PASSWORD);
        java.util.regex.Matcher selected = java.util.regex.Pattern
                .compile("name=\"selectedCredentialId\" value=\"([^\"]*)\"").matcher(browser.page());
        Map<String, String> form = new java.util.HashMap<>(Map.of("otp", totpNow("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")));
        if (selected.find()) {
            form.put("selectedCredentialId", selected.group(1));
        }
        browser.submit("kc-otp-login-form", form);
        String[] code = browser.codeAndVerifier();
        AccessTokenResponse tokens = oauth.realm("creativeflow").client("creativeflow-web")
                .redirectUri(app.getRedirectionUri()).accessTokenRequest(code[0]).codeVerifier(code[1]).send();
        assertThat(tokens.isSuccess()).as(tokens.getErrorDescription()).isTrue();
        return tokens.getAccessToken();
    }

    private java.net.http.HttpResponse<String> account(String method, String path, String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(realm.getBaseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** RFC 6238 with Keycloak's defaults (HmacSHA1, 6 digits, 30 s), the secret as Keycloak keeps it. */
    private static String totpNow(String secret) throws Exception {
        long counter = System.currentTimeMillis() / 1000 / 30;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
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
