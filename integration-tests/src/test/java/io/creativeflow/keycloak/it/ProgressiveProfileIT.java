package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
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
 * Progressive profiling on the shipped realm: the user profile defines company (asked from login 2)
 * and jobTitle (from login 3); the browser flow asks one field per login, two skips per field, then
 * requires it (EnableProgressiveProfilingTrigger=true in integration-tests/pom.xml).
 */
@KeycloakIntegrationTest(config = CreativeFlowServerConfig.class)
class ProgressiveProfileIT {

    private static final String PASSWORD = "Juniper-Anvil-835";

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

    private LoginSteps steps;

    @BeforeEach
    void steps() {
        steps = new LoginSteps(realm, oauth, app, driver, loginPage, PASSWORD);
    }

    @Test
    void oneFieldPerLoginFromItsTurnOnWithSkipsThenRequiredAndValidated() throws Exception {
        String email = TestUsers.createWithoutProfile(realm, "profile", PASSWORD);

        signIn(email);
        assertSignedIn("login 1: nothing is due yet");

        signIn(email);
        assertThat(steps.heading()).isEqualTo("Tell us a little more");
        assertThat(fields()).containsExactly("company");
        driver.findElement(By.id("cf-profile-skip")).click();
        assertSignedIn("login 2: company skipped");

        signIn(email);
        assertThat(fields()).as("login 3: company comes first, one field per prompt").containsExactly("company");
        driver.findElement(By.id("cf-profile-skip")).click();
        assertSignedIn("login 3: company skipped again");

        signIn(email);
        assertThat(fields()).containsExactly("company");
        assertThat(driver.driver().findElements(By.id("cf-profile-skip"))).as("no third skip").isEmpty();
        save("company", "");
        assertThat(steps.error()).contains("Please fill this in");
        save("company", "X");
        assertThat(steps.heading()).as("the user profile's length validator refuses one letter")
                .isEqualTo("Tell us a little more");
        assertThat(errorUnder("company")).isNotBlank();
        assertThat(attribute(email, "company")).isNull();
        save("company", "Acme Studio");
        assertSignedIn("login 4: company saved");
        assertThat(attribute(email, "company")).isEqualTo("Acme Studio");

        signIn(email);
        assertThat(fields()).as("login 5: the job title's turn").containsExactly("jobTitle");
        save("jobTitle", "Art Director");
        assertSignedIn("login 5: job title saved");
        assertThat(attribute(email, "jobTitle")).isEqualTo("Art Director");

        signIn(email);
        assertSignedIn("login 6: the profile is complete");

        if (Database.available()) {
            String userId = TestUsers.id(realm, email);
            assertThat(Database.first("select times_skipped from cf_profile_prompt where user_id = ? and attribute_name = 'company'",
                    userId)).contains("2");
            assertThat(Database.first("select count(*) from cf_profile_prompt where user_id = ? and completed_at is not null",
                    userId)).contains("2");
        }
    }

    @Test
    void aCompleteProfileIsNeverAskedAndRegistrationLeavesTheFieldsForLater() throws Exception {
        String email = TestUsers.create(realm, "complete", PASSWORD);
        for (int login = 1; login <= 3; login++) {
            signIn(email);
            assertSignedIn("login " + login + " of a complete profile");
        }

        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        loginPage.clickRegister();
        assertThat(driver.driver().findElements(By.id("company"))).as("company is asked later, not at registration").isEmpty();
        assertThat(driver.driver().findElements(By.id("firstName"))).isNotEmpty();
    }

    private void signIn(String email) {
        steps.webClient().loginForm().codeChallenge(PkceGenerator.s256()).open();
        steps.signIn(email);
    }

    private void assertSignedIn(String when) {
        assertThat(oauth.parseLoginResponse().getCode()).as(when).isNotNull();
    }

    private List<String> fields() {
        return driver.driver().findElements(By.cssSelector("#cf-profile-form input[type=text]")).stream()
                .map(input -> input.getAttribute("name")).toList();
    }

    private void save(String field, String value) {
        driver.findElement(By.id(field)).clear();
        if (!value.isEmpty()) {
            driver.findElement(By.id(field)).sendKeys(value);
        }
        driver.findElement(By.id("cf-profile-save")).click();
    }

    private String errorUnder(String field) {
        return driver.driver().findElements(By.id("input-error-" + field)).stream()
                .map(e -> e.getText()).findFirst().orElse("");
    }

    private String attribute(String email, String name) {
        UserRepresentation user = realm.admin().users().get(TestUsers.id(realm, email)).toRepresentation();
        return user.getAttributes() == null || user.getAttributes().get(name) == null
                ? null : user.getAttributes().get(name).get(0);
    }
}
