package io.creativeflow.keycloak.it;

import java.util.List;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.TestApp;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** What a user does on our login pages, as the code-factor tests drive it. */
final class LoginSteps {

    private final ManagedRealm realm;
    private final OAuthClient oauth;
    private final TestApp app;
    private final ManagedWebDriver driver;
    private final LoginPage loginPage;
    private final String password;

    LoginSteps(ManagedRealm realm, OAuthClient oauth, TestApp app, ManagedWebDriver driver, LoginPage loginPage,
            String password) {
        this.realm = realm;
        this.oauth = oauth;
        this.app = app;
        this.driver = driver;
        this.loginPage = loginPage;
        this.password = password;
    }

    /** The web app's client on our realm, in a browser without cookies. */
    OAuthClient webClient() {
        driver.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        driver.cookies().deleteAll();
        return oauth.realm("creativeflow").client("creativeflow-web").redirectUri(app.getRedirectionUri());
    }

    void signIn(String email) {
        loginPage.fillLogin(email, password);
        loginPage.submit();
    }

    void submitCode(String code) {
        driver.findElement(By.id("code")).clear();
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.id("cf-otp-submit")).click();
    }

    void enterPhone(String phone) {
        driver.findElement(By.id("phone")).clear();
        driver.findElement(By.id("phone")).sendKeys(phone);
        driver.findElement(By.id("cf-sms-phone-submit")).click();
    }

    void resend() {
        driver.findElement(By.id("cf-otp-resend")).click();
    }

    void confirmRecoveryCodes() {
        driver.findElement(By.id("stored")).click();
        driver.findElement(By.id("cf-recovery-confirm")).click();
    }

    String heading() {
        return driver.findElement(By.id("kc-page-title")).getText().trim();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The page's error and the errors under the code and phone fields. */
    String error() {
        StringBuilder all = new StringBuilder(loginPage.getErrorMessage().orElse(""));
        for (String field : List.of("input-error-code", "input-error-phone")) {
            driver.driver().findElements(By.id(field)).forEach(e -> all.append(' ').append(e.getText()));
        }
        return all.toString();
    }

    String info() {
        return loginPage.getInfoMessage().orElse("");
    }

    /** {@code code} with its last digit changed. */
    static String wrong(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (last == '9' ? '0' : (char) (last + 1));
    }
}
