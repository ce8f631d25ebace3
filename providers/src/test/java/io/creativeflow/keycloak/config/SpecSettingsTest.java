package io.creativeflow.keycloak.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecSettingsTest {

    private static final String SECRET = "0123456789abcdef-secret";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("CREATIVEFLOW_API_CLIENT_SECRET", SECRET);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theSpecsMinutesDaysAndHoursBecomeKeycloakSeconds() {
        Map<String, String> props = SpecSettings.from(env(
                "ACCESS_TOKEN_EXPIRE_MINUTES", "7",
                "REFRESH_TOKEN_EXPIRE_DAYS", "2",
                "EMAIL_VERIFICATION_TOKEN_EXPIRE_HOURS", "48",
                "PASSWORD_RESET_TOKEN_EXPIRE_HOURS", "3")).realmImportProperties();

        assertThat(props)
                .containsEntry("cf.token.access-lifespan-seconds", "420")
                .containsEntry("cf.token.refresh-lifespan-seconds", "172800")
                .containsEntry("cf.token.verify-email-lifespan-seconds", "172800")
                .containsEntry("cf.token.reset-password-lifespan-seconds", "10800");
    }

    @Test
    void everyOptionalVariableHasADefaultSoNoPlaceholderIsLeftEmpty() {
        Map<String, String> props = SpecSettings.from(env()).realmImportProperties();

        assertThat(props)
                .containsEntry("cf.realm.display-name", "CreativeFlow")
                .containsEntry("cf.token.access-lifespan-seconds", "900")
                .containsEntry("cf.token.refresh-lifespan-seconds", "604800")
                .containsEntry("cf.token.signature-algorithm", "RS256")
                .containsEntry("cf.smtp.port", "25")
                .containsEntry("cf.smtp.auth", "false")
                .containsEntry("cf.client.web.url", "http://localhost:3000");
        assertThat(props.values()).noneMatch(v -> v.contains("${"));
    }

    @Test
    void smtpWithTlsAndCredentialsTurnsOnStartTlsAndAuthentication() {
        Map<String, String> props = SpecSettings.from(env(
                "EMAIL_USE_TLS", "true", "EMAIL_USERNAME", "mailer", "EMAIL_PASSWORD", "pw"))
                .realmImportProperties();

        assertThat(props)
                .containsEntry("cf.smtp.starttls", "true")
                .containsEntry("cf.smtp.port", "587")
                .containsEntry("cf.smtp.auth", "true")
                .containsEntry("cf.smtp.user", "mailer");
    }

    @Test
    void aMissingClientSecretStopsTheServerNamingTheVariable() {
        Map<String, String> env = env();
        env.remove("CREATIVEFLOW_API_CLIENT_SECRET");

        assertThatThrownBy(() -> SpecSettings.from(env))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("CREATIVEFLOW_API_CLIENT_SECRET is required");
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() {
        InvalidSettingsException error = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidSettingsException.class,
                () -> SpecSettings.from(env(
                        "ACCESS_TOKEN_EXPIRE_MINUTES", "fifteen",
                        "EMAIL_PORT", "70000",
                        "EMAIL_USE_TLS", "maybe",
                        "JWT_ALGORITHM", "HS256",
                        "EMAIL_FROM_ADDRESS", "not-an-address")));

        assertThat(error.problems()).hasSize(5);
        assertThat(error.getMessage())
                .contains("ACCESS_TOKEN_EXPIRE_MINUTES", "EMAIL_PORT", "EMAIL_USE_TLS", "JWT_ALGORITHM",
                        "EMAIL_FROM_ADDRESS");
    }

    @Test
    void aSharedSecretSignatureIsRefusedButAsymmetricOnesAreNormalised() {
        assertThat(SpecSettings.from(env("JWT_ALGORITHM", "es256")).realmImportProperties())
                .containsEntry("cf.token.signature-algorithm", "ES256");
        assertThatThrownBy(() -> SpecSettings.from(env("JWT_ALGORITHM", "HS512")))
                .hasMessageContaining("shared secret");
    }

    @Test
    void anUnusedJwtSecretIsAWarningNotAnError() {
        SpecSettings settings = SpecSettings.from(env("JWT_SECRET_KEY", "legacy"));

        assertThat(settings.warnings()).singleElement().asString().contains("JWT_SECRET_KEY");
    }

    @Test
    void featureTogglesReadTheSpecsNamesWithSafeDefaults() {
        SpecSettings settings = SpecSettings.from(env("EnableMFA_EmailOTP", "False", "EnableMFA_SMS", "1",
                "SMS_PROVIDER_GATEWAY", "log"));

        assertThat(settings.enabled("EnableMFA_EmailOTP")).isFalse();
        assertThat(settings.enabled("EnableMFA_SMS")).isTrue();
        assertThat(settings.enabled("EnableMFA_AuthenticatorApp")).isTrue();
        assertThat(settings.enabled("EnableSocialLoginApple")).isFalse();
        assertThatThrownBy(() -> SpecSettings.from(env("EnableMFA_SMS", "sometimes")))
                .hasMessageContaining("EnableMFA_SMS");
    }

    @Test
    void codeValidityComesFromMfaOtpExpireSeconds() {
        assertThat(SpecSettings.from(env()).otpTtlSeconds()).isEqualTo(300);
        assertThat(SpecSettings.from(env("MFA_OTP_EXPIRE_SECONDS", "120")).otpTtlSeconds()).isEqualTo(120);
    }

    @Test
    void smsGuardsHaveSafeDefaults() {
        SpecSettings settings = SpecSettings.from(env());
        assertThat(settings.get("cf.sms.gateway")).as("SMS off: no gateway needed").isEmpty();
        assertThat(settings.get("cf.sms.default-region")).isEqualTo("US");
        assertThat(settings.seconds("cf.sms.limit.number-hour")).isEqualTo(5);
        assertThat(settings.seconds("cf.sms.limit.number-day")).isEqualTo(10);
        assertThat(settings.seconds("cf.sms.limit.ip-hour")).isEqualTo(20);
        assertThat(settings.seconds("cf.sms.budget.hour")).isEqualTo(100);
        assertThat(settings.seconds("cf.sms.budget.day")).isEqualTo(1000);
        assertThatThrownBy(() -> SpecSettings.from(env("SMS_BUDGET_PER_DAY", "0")))
                .hasMessageContaining("SMS_BUDGET_PER_DAY");
    }

    @Test
    void smsSwitchedOnWithoutAGatewayStopsTheServerInsteadOfWritingCodesToTheLog() {
        assertThatThrownBy(() -> SpecSettings.from(env("EnableMFA_SMS", "true")))
                .hasMessageContaining("EnableMFA_SMS").hasMessageContaining("SMS_PROVIDER_GATEWAY=log");

        SpecSettings development = SpecSettings.from(env("EnableMFA_SMS", "true", "SMS_PROVIDER_GATEWAY", "log"));
        assertThat(development.get("cf.sms.gateway")).isEqualTo("log");
        assertThat(development.get("cf.sms.allowed-countries")).as("the log sends nowhere").isEqualTo("*");
        assertThat(development.warnings()).anyMatch(w -> w.contains("never for production"));
    }

    @Test
    void twilioWithoutACountryAllowlistStopsTheServerAndStarAllowsAllExplicitly() {
        Map<String, String> twilio = env("EnableMFA_SMS", "true", "SMS_PROVIDER_API_KEY", "AC0123",
                "SMS_PROVIDER_API_SECRET", "token", "SMS_PROVIDER_SENDER_ID", "CreativeFlw");
        assertThatThrownBy(() -> SpecSettings.from(twilio)).hasMessageContaining("SMS_ALLOWED_COUNTRIES");

        Map<String, String> everywhere = new java.util.HashMap<>(twilio);
        everywhere.put("SMS_ALLOWED_COUNTRIES", "*");
        assertThat(SpecSettings.from(everywhere).get("cf.sms.allowed-countries")).isEqualTo("*");
    }

    @Test
    void aTwilioApiKeyNeedsItsAccountSecretAndAValidSender() {
        assertThatThrownBy(() -> SpecSettings.from(env("SMS_PROVIDER_API_KEY", "SK0123", "SMS_PROVIDER_SENDER_ID", "+1 555")))
                .hasMessageContaining("SMS_PROVIDER_ACCOUNT_SID")
                .hasMessageContaining("SMS_PROVIDER_API_SECRET")
                .hasMessageContaining("SMS_PROVIDER_SENDER_ID");

        SpecSettings withApiKey = SpecSettings.from(env("SMS_PROVIDER_API_KEY", "SK0123", "SMS_PROVIDER_API_SECRET", "s3cret",
                "SMS_PROVIDER_ACCOUNT_SID", "AC0123", "SMS_PROVIDER_SENDER_ID", "CreativeFlw",
                "SMS_ALLOWED_COUNTRIES", "DE"));
        assertThat(withApiKey.get("cf.sms.gateway")).isEqualTo("twilio");
        assertThat(withApiKey.get("cf.sms.twilio.account-sid")).isEqualTo("AC0123");

        SpecSettings withAuthToken = SpecSettings.from(env("SMS_PROVIDER_API_KEY", "AC0123", "SMS_PROVIDER_API_SECRET", "token",
                "SMS_PROVIDER_SENDER_ID", "MG0123456789abcdef0123456789abcdef", "SMS_ALLOWED_COUNTRIES", "*"));
        assertThat(withAuthToken.get("cf.sms.twilio.account-sid")).as("the account SID is the key").isEqualTo("AC0123");
    }

    @Test
    void countriesAreIsoCodesOfRegionsThatHavePhoneNumbers() {
        assertThat(SpecSettings.from(env("SMS_ALLOWED_COUNTRIES", "de, at,US", "SMS_DEFAULT_REGION", "de"))
                .get("cf.sms.allowed-countries")).isEqualTo("DE,AT,US");
        assertThatThrownBy(() -> SpecSettings.from(env("SMS_ALLOWED_COUNTRIES", "DE,Germany")))
                .hasMessageContaining("SMS_ALLOWED_COUNTRIES").hasMessageContaining("Germany");
        assertThatThrownBy(() -> SpecSettings.from(env("SMS_PROVIDER_GATEWAY", "carrier-pigeon")))
                .hasMessageContaining("SMS_PROVIDER_GATEWAY");
    }
}
